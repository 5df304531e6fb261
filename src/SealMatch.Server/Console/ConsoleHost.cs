using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SealMatch.Data;
using SealMatch.Data.Credentials;
using SealMatch.Server.WebConsole.Components;
using SealMatch.Server.Security;

namespace SealMatch.Server.WebConsole;

/// <summary>
/// The web console: Razor components with server interactivity under <c>/console</c>, served on the
/// HTTP/1.1 endpoint <c>Kestrel:Endpoints:Console</c> (loopback by default). Its screens call the gRPC
/// service implementations in-process (<see cref="ConsoleCalls"/>), so no rule lives here twice.
/// </summary>
internal static partial class ConsoleHost
{
    public const string Scheme = "SealMatchConsole";
    public const string Policy = "SealMatchConsole";
    public const string CookieName = "SealMatchConsole";

    /// <summary>
    /// Content-Security-Policy of every console response: scripts and styles only from this origin (no
    /// inline code), images from here or data: (the blank placeholder), nothing framed, forms post here.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'self'";

    public static void AddSealMatchConsole(this WebApplicationBuilder builder)
    {
        IServiceCollection services = builder.Services;
        // The console's files (its script and style, Blazor's script) resolve from the build output in
        // every environment, not only Development, so `dotnet run` serves them whatever the environment.
        builder.WebHost.UseStaticWebAssets();
        services.AddOptions<ConsoleOptions>().BindConfiguration("Console");
        services.AddRazorComponents().AddInteractiveServerComponents(o => o.DetailedErrors = false);
        services.AddCascadingAuthenticationState();
        services.AddScoped<ConsoleSession>();
        services.AddScoped<AuthenticationStateProvider, ConsoleAuthenticationStateProvider>();
        services.AddScoped<ConsoleCalls>();
        services.AddSingleton<ConsoleLookups>();
        services.AddMemoryCache();
        services.AddSingleton<ConsoleImages>();

        // The session cookie: HTTP-only, SameSite=Strict, sliding, dead after Console:IdleMinutes without
        // activity. Secure whenever the request is HTTPS (SameAsRequest); plain HTTP is allowed only on a
        // loopback endpoint (checked at start, see EnsureSafeEndpoint), where the cookie never leaves the
        // machine. "Always" would break the loopback default: antiforgery refuses to issue a Secure cookie
        // over http, and a browser may drop it.
        services.AddAuthentication().AddCookie(Scheme, _ => { });
        services.AddOptions<CookieAuthenticationOptions>(Scheme).Configure<Microsoft.Extensions.Options.IOptions<ConsoleOptions>>((o, console) =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.Path = "/";
            o.ExpireTimeSpan = console.Value.IdleTimeout;
            o.SlidingExpiration = true;
            o.LoginPath = "/console/signin";
            o.AccessDeniedPath = "/console/signin";
            o.ReturnUrlParameter = "returnUrl";
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "SealMatchConsole-AF";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
        });
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
    }

    public static void MapSealMatchConsole(this WebApplication app)
    {
        EnsureSafeEndpoint(app.Configuration);
        app.Use(SecurityHeaders);
        app.UseAntiforgery();
        // Public files only (the console's script and style, Blazor's script): no customer data.
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .RequireAuthorization(Policy);
        app.MapPost("/console/session/signin", SignInAsync).AllowAnonymous();
        app.MapPost("/console/session/signout", (Delegate)SignOutAsync).RequireAuthorization(Policy).WithMetadata(new RequireAntiforgeryTokenAttribute());
        app.MapGet("/console/session/ended", (Delegate)SessionEndedAsync).AllowAnonymous();
        app.MapGet("/console/session/ping", () => Results.NoContent()).RequireAuthorization(Policy);
        app.MapGet("/console/images/{token}", ConsoleImages.Serve).RequireAuthorization(Policy);
        app.MapGet("/console/audit/export.csv", ExportAuditAsync).RequireAuthorization(Policy);
    }

    /// <summary>The console over plain HTTP only on loopback: its cookies and customer images never cross a network unencrypted.</summary>
    private static void EnsureSafeEndpoint(IConfiguration configuration)
    {
        string? url = configuration["Kestrel:Endpoints:Console:Url"];
        if (url is null || !url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        string host = new Uri(url.Replace("*", "wildcard", StringComparison.Ordinal).Replace("+", "wildcard", StringComparison.Ordinal)).Host;
        bool loopback = host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out System.Net.IPAddress? address) && System.Net.IPAddress.IsLoopback(address));
        if (!loopback)
        {
            throw new InvalidOperationException($"Kestrel:Endpoints:Console:Url is {url}: serve the console over https, or over http on a loopback address only.");
        }
    }

    private static bool IsConsolePath(PathString path) =>
        path.StartsWithSegments("/console") || path.StartsWithSegments("/_blazor") || path.StartsWithSegments("/_framework");

    private static Task SecurityHeaders(HttpContext context, Func<Task> next)
    {
        if (IsConsolePath(context.Request.Path))
        {
            context.Response.OnStarting(() =>
            {
                IHeaderDictionary headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                // Customer data and images: nothing of the console is kept in a browser or proxy cache.
                headers.CacheControl = "no-store";
                return Task.CompletedTask;
            });
        }

        return next();
    }

    /// <summary>
    /// Signs in with the user's API key as issued by AdminService: the same format, hash check and
    /// revocation rule as the bearer-key handler, and the same principal (roles and branch).
    /// </summary>
    private static async Task<IResult> SignInAsync(HttpContext http, [FromForm] string? apiKey, [FromForm] string? returnUrl, SealMatchDbContext db, ILoggerFactory loggers)
    {
        ILogger logger = loggers.CreateLogger("SealMatch.Server.WebConsole");
        string token = (apiKey ?? string.Empty).Trim();
        ApiCredential? credential = null;
        if (ApiKey.TryParse(token, out string? keyId, out string? secret))
        {
            credential = await db.Credentials.AsNoTracking().SingleOrDefaultAsync(c => c.KeyId == keyId, http.RequestAborted);
            if (credential?.SecretHash is null || !ApiKey.Matches(keyId, secret, credential.SecretHash) || credential.RevokedAt is not null)
            {
                credential = null;
            }
        }

        string back = IsLocal(returnUrl) ? returnUrl! : "/console";
        if (credential is null)
        {
            Log.SignInRefused(logger, keyId ?? "(malformed)");
            return Results.Redirect("/console/signin?error=credential&returnUrl=" + Uri.EscapeDataString(back));
        }

        ClaimsPrincipal principal = CredentialPrincipal.Create(credential, Scheme);
        await http.SignInAsync(Scheme, principal, new AuthenticationProperties { IsPersistent = false, AllowRefresh = true });
        Log.SignedIn(logger, credential.User, credential.KeyId);
        return Results.Redirect(back);
    }

    /// <summary>The audit trail as CSV, streamed from AuditService.ExportAudit with the page's filter.</summary>
    private static async Task ExportAuditAsync(HttpContext http, ConsoleSession session, ConsoleCalls calls,
        string? actor, string? action, string? targetType, string? targetId, DateOnly? from, DateOnly? to)
    {
        session.Start(http.User, http.Connection.RemoteIpAddress);
        var filter = new Protos.V1.AuditFilter
        {
            ActorId = actor?.Trim() ?? string.Empty,
            Action = action?.Trim() ?? string.Empty,
            TargetType = targetType?.Trim() ?? string.Empty,
            TargetId = targetId?.Trim() ?? string.Empty,
        };
        if (from is { } f)
        {
            filter.From = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(f.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        }

        if (to is { } t)
        {
            filter.To = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(t.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        }

        try
        {
            bool started = false;
            await calls.StreamAsync<Audit.AuditService, Protos.V1.ExportAuditRequest, Protos.V1.ExportAuditChunk>(nameof(Audit.AuditService.ExportAudit),
                new Protos.V1.ExportAuditRequest { Filter = filter }, (s, r, w, c) => s.ExportAudit(r, w, c), async chunk =>
                {
                    if (!started)
                    {
                        started = true;
                        http.Response.ContentType = "text/csv; charset=utf-8";
                        http.Response.Headers.ContentDisposition = "attachment; filename=\"sealmatch-audit.csv\"";
                    }

                    await http.Response.Body.WriteAsync(chunk.Csv.Memory, http.RequestAborted);
                }, http.RequestAborted);
        }
        catch (ConsoleCallException e) when (!http.Response.HasStarted)
        {
            http.Response.StatusCode = e.Code == Grpc.Core.StatusCode.PermissionDenied ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest;
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(e.Display, http.RequestAborted);
        }
    }

    private static async Task<IResult> SessionEndedAsync(HttpContext http)
    {
        await http.SignOutAsync(Scheme);
        return Results.Redirect("/console/signin?expired=1");
    }

    private static async Task<IResult> SignOutAsync(HttpContext http)
    {
        await http.SignOutAsync(Scheme);
        return Results.Redirect("/console/signin?signedOut=1");
    }

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith("/console", StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal);

    private static partial class Log
    {
        [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Console sign-in by {User} (credential {KeyId})")]
        public static partial void SignedIn(ILogger logger, string user, string keyId);

        [LoggerMessage(EventId = 9002, Level = LogLevel.Warning, Message = "Console sign-in refused for credential {KeyId}")]
        public static partial void SignInRefused(ILogger logger, string keyId);
    }
}
