using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Claims;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using SealMatch.Data;
using SealMatch.Server.Errors;
using SealMatch.Server.Security;

namespace SealMatch.Server.WebConsole;

/// <summary>
/// Calls the gRPC service implementations in-process on behalf of the signed-in console user, so the
/// console applies exactly the API's rules: the method's <c>[Authorize(Roles = …)]</c>, the same
/// service code (domain transitions, branch scoping, audit entries with their purposes) and the same
/// error translation (<see cref="ErrorInterceptor"/>). Each call gets its own DI scope, like a request.
/// </summary>
internal sealed class ConsoleCalls(IServiceScopeFactory scopes, IHttpContextAccessor accessor, ConsoleSession session, ILogger<ErrorInterceptor> errorLogger)
{
    private static readonly ConcurrentDictionary<MethodInfo, string[]?> RolesByMethod = new();

    /// <summary>Calls <paramref name="method"/> of <typeparamref name="TService"/> (named with <c>nameof</c>).</summary>
    public async Task<TResponse> CallAsync<TService, TRequest, TResponse>(
        string method, TRequest request, Func<TService, TRequest, ServerCallContext, Task<TResponse>> call, CancellationToken cancellationToken = default)
        where TService : class
        where TRequest : class
        where TResponse : class
    {
        ClaimsPrincipal user = session.User ?? throw new ConsoleCallException("Your session has ended; sign in again.", StatusCode.Unauthenticated);
        session.Touch();
        EnsureRoleAllows(typeof(TService), method, user);
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        await EnsureCredentialLiveAsync(scope.ServiceProvider, user, cancellationToken);

        var http = new DefaultHttpContext { User = user, RequestServices = scope.ServiceProvider, TraceIdentifier = "console-" + Guid.NewGuid().ToString("N")[..16] };
        http.Connection.RemoteIpAddress = session.RemoteAddress;
        var context = new ConsoleCallContext(http, $"/{typeof(TService).Name}/{method}", cancellationToken);
        TService service = ActivatorUtilities.CreateInstance<TService>(scope.ServiceProvider);
        var interceptor = new ErrorInterceptor(errorLogger);
        Task<TResponse> running;
        // The audit trail reads the request (trace id, client address) from IHttpContextAccessor. Setting
        // it would clear the accessor for the request or circuit we run in (it empties the current holder),
        // so the call runs without the caller's execution context and sets its own.
        using (ExecutionContext.SuppressFlow())
        {
            running = Task.Run(() =>
            {
                accessor.HttpContext = http;
                return interceptor.UnaryServerHandler(request, context, (r, c) => call(service, r, c));
            }, cancellationToken);
        }

        try
        {
            return await running;
        }
        catch (RpcException e)
        {
            throw new ConsoleCallException(e.Status.Detail, e.StatusCode);
        }
    }

    /// <summary>Calls a server-streaming method; each message goes to <paramref name="onMessage"/> as it is written.</summary>
    public async Task StreamAsync<TService, TRequest, TResponse>(
        string method, TRequest request, Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task> call,
        Func<TResponse, Task> onMessage, CancellationToken cancellationToken = default)
        where TService : class
        where TRequest : class
        where TResponse : class =>
        await CallAsync<TService, TRequest, object>(method, request, async (service, r, c) =>
        {
            await call(service, r, new Writer<TResponse>(onMessage), c);
            return request;
        }, cancellationToken);

    /// <summary>The same role check as <c>[Authorize(Roles = …)]</c> on the gRPC method.</summary>
    private static void EnsureRoleAllows(Type service, string method, ClaimsPrincipal user)
    {
        MethodInfo info = service.GetMethod(method, BindingFlags.Public | BindingFlags.Instance)
            ?? throw new ArgumentException($"{service.Name} has no method {method}.", nameof(method));
        string[]? roles = RolesByMethod.GetOrAdd(info, m => m.GetCustomAttributes<AuthorizeAttribute>()
            .Where(a => a.Roles is not null).SelectMany(a => a.Roles!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .ToArray() is { Length: > 0 } r ? r : null);
        if (roles is not null && !roles.Any(user.IsInRole))
        {
            throw new ConsoleCallException($"Your roles do not allow this (needs one of {string.Join(", ", roles)}).", StatusCode.PermissionDenied);
        }
    }

    /// <summary>A credential revoked since sign-in stops working at once, as it does on the API.</summary>
    private static async Task EnsureCredentialLiveAsync(IServiceProvider services, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        string? keyId = user.FindFirstValue(CredentialPrincipal.KeyIdClaim);
        SealMatchDbContext db = services.GetRequiredService<SealMatchDbContext>();
        if (keyId is null || !await db.Credentials.AsNoTracking().AnyAsync(c => c.KeyId == keyId && c.RevokedAt == null, cancellationToken))
        {
            throw new ConsoleCallException("Your credential is no longer valid; sign in again.", StatusCode.Unauthenticated);
        }
    }
}

/// <summary>Hands each streamed message to a callback.</summary>
internal sealed class Writer<T>(Func<T, Task> onMessage) : IServerStreamWriter<T>
{
    public WriteOptions? WriteOptions { get; set; }

    public Task WriteAsync(T message) => onMessage(message);

    public Task WriteAsync(T message, CancellationToken cancellationToken) => onMessage(message);
}

/// <summary>A refused or failed console call, with the service's message (never a stack trace).</summary>
internal sealed class ConsoleCallException : Exception
{
    public ConsoleCallException(string message, StatusCode code) : base(message) => Code = code;

    public ConsoleCallException()
    {
    }

    public ConsoleCallException(string message) : base(message)
    {
    }

    public ConsoleCallException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public StatusCode Code { get; }

    /// <summary>The message as the screen shows it.</summary>
    public string Display => Code switch
    {
        StatusCode.PermissionDenied => "Not allowed: " + Message,
        StatusCode.NotFound => "Not found: " + Message,
        StatusCode.InvalidArgument => "Please correct: " + Message,
        StatusCode.FailedPrecondition => "Refused: " + Message,
        StatusCode.Aborted => "Changed meanwhile: " + Message,
        _ => Message,
    };
}

/// <summary>The call context of an in-process console call; the HTTP context is found where <c>GetHttpContext()</c> looks.</summary>
internal sealed class ConsoleCallContext : ServerCallContext
{
    private readonly Dictionary<object, object> _userState;
    private readonly string _method;
    private readonly CancellationToken _cancellationToken;

    public ConsoleCallContext(HttpContext http, string method, CancellationToken cancellationToken)
    {
        _userState = new Dictionary<object, object> { ["__HttpContext"] = http };
        _method = method;
        _cancellationToken = cancellationToken;
        PeerCore = http.Connection.RemoteIpAddress is { } ip ? $"ipv4:{ip}" : "console";
    }

    protected override string MethodCore => _method;

    protected override string HostCore => "console";

    protected override string PeerCore { get; }

    protected override DateTime DeadlineCore => DateTime.MaxValue;

    protected override Metadata RequestHeadersCore { get; } = [];

    protected override CancellationToken CancellationTokenCore => _cancellationToken;

    protected override Metadata ResponseTrailersCore { get; } = [];

    protected override Status StatusCore { get; set; }

    protected override WriteOptions? WriteOptionsCore { get; set; }

    protected override AuthContext AuthContextCore { get; } = new(null, []);

    protected override IDictionary<object, object> UserStateCore => _userState;

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) =>
        throw new NotSupportedException("Console calls do not propagate.");

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
}
