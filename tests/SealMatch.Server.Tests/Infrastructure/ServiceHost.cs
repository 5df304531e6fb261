using System.Net.Http.Headers;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SealMatch.Data;
using SealMatch.Data.Credentials;
using SealMatch.Domain.Security;
using SealMatch.Protos.V1;
using SealMatch.Server.Admin;

namespace SealMatch.Server.Tests.Infrastructure;

/// <summary>
/// The service in-process on a test server, on one database provider. Creates the first admin
/// directly (as bootstrap-admin does) and makes every other identity through AdminService.
/// </summary>
public abstract class ServiceHost(TestDatabase database) : IAsyncLifetime
{
    /// <summary>The fixed test encryption key (32 bytes, base64).</summary>
    public const string TestEncryptionKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    /// <summary>Scan byte limit in the tests (small, so the too-large case is cheap).</summary>
    public const long MaxScanBytes = 12L * 1024 * 1024;

    private WebApplicationFactory<Program>? _factory;
    private WebApplicationFactory<Program>? _secondInstance;
    private Dictionary<string, string?>? _settings;
    private readonly Dictionary<string, string> _keys = [];

    /// <summary>The host's clock: real time plus an offset the tests move forward (lease expiry).</summary>
    public ShiftedClock Clock { get; } = new();

    /// <summary>Why the suite cannot run here (e.g. no PostgreSQL configured); null when it can.</summary>
    public string? SkipReason => database.SkipReason;

    public string AdminKey { get; private set; } = string.Empty;

    public IServiceProvider Services => Factory.Services;

    private WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException(SkipReason ?? "Not started.");

    public async Task InitializeAsync()
    {
        Dictionary<string, string?>? settings = await database.PrepareAsync();
        if (settings is null)
        {
            return;
        }

        AddCommonSettings(settings);
        _settings = settings;
        _factory = StartInstance(settings);

        AdminKey = await BootstrapAdminAsync(Services);
    }

    private WebApplicationFactory<Program> StartInstance(Dictionary<string, string?> settings)
    {
        WebApplicationFactory<Program> factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(settings));
            b.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        });
        _ = factory.Server; // starts the host: migrations run here
        return factory;
    }

    /// <summary>
    /// A channel to a second service instance on the same database (two servers sharing one
    /// database, as in production with PostgreSQL), started on first use.
    /// </summary>
    public GrpcChannel SecondInstanceChannel(string apiKey)
    {
        _ = Factory;
        lock (_keys)
        {
            _secondInstance ??= StartInstance(_settings!);
        }

        return Channel(apiKey, _secondInstance);
    }

    /// <summary>The settings every test host shares: the test encryption key, small scan limits, quiet logs.</summary>
    public static void AddCommonSettings(Dictionary<string, string?> settings)
    {
        settings["Encryption:Key"] = TestEncryptionKey;
        settings["Scans:MaxBytes"] = MaxScanBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Verification:WatchPollMilliseconds"] = "100";
        settings["Logging:LogLevel:Default"] = "Warning";
        // Every ACCEPT is sampled into review, so the quality-sample path is exercised.
        settings["Reviews:AcceptSampleRate"] = "1";
        // The idempotency tests provoke unique-index violations on purpose; EF logs each as an error.
        settings["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Critical";
    }

    /// <summary>Creates the first admin directly in the database, as bootstrap-admin does; returns its key.</summary>
    public static async Task<string> BootstrapAdminAsync(IServiceProvider services)
    {
        using IServiceScope scope = services.CreateScope();
        SealMatchDbContext db = scope.ServiceProvider.GetRequiredService<SealMatchDbContext>();
        (ApiCredential admin, string token) = Credentials.Create("admin-" + Guid.NewGuid().ToString("N")[..8], [Role.Admin], "HQ", "test-bootstrap", DateTime.UtcNow);
        db.Credentials.Add(admin);
        await db.SaveChangesAsync();
        return token;
    }

    public async Task DisposeAsync()
    {
        if (_secondInstance is not null)
        {
            await _secondInstance.DisposeAsync();
        }

        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        await database.DropAsync();
    }

    /// <summary>A channel whose calls carry <paramref name="apiKey"/> (none when null).</summary>
    public GrpcChannel Channel(string? apiKey) => Channel(apiKey, Factory);

    private static GrpcChannel Channel(string? apiKey, WebApplicationFactory<Program> instance)
    {
        HttpMessageHandler inner = new ResponseVersionHandler { InnerHandler = instance.Server.CreateHandler() };
        if (apiKey is not null)
        {
            inner = new BearerHandler(apiKey) { InnerHandler = inner };
        }

        return GrpcChannel.ForAddress(instance.Server.BaseAddress, new GrpcChannelOptions
        {
            HttpHandler = inner,
            MaxReceiveMessageSize = null,
            MaxSendMessageSize = null,
        });
    }

    /// <summary>A new user with the given roles and branch; returns the API key. Cached per name.</summary>
    public async Task<string> UserAsync(string name, string branch, params UserRole[] roles)
    {
        string cacheKey = $"{name}|{branch}|{string.Join(',', roles)}";
        lock (_keys)
        {
            if (_keys.TryGetValue(cacheKey, out string? known))
            {
                return known;
            }
        }

        using GrpcChannel channel = Channel(AdminKey);
        var admin = new Protos.V1.AdminService.AdminServiceClient(channel);
        var request = new CreateCredentialRequest { User = name, Branch = branch };
        request.Roles.AddRange(roles);
        CreateCredentialResponse response = await admin.CreateCredentialAsync(request);
        lock (_keys)
        {
            _keys[cacheKey] = response.ApiKey;
        }

        return response.ApiKey;
    }

    /// <summary>Adds <c>authorization: Bearer</c> to every request.</summary>
    internal sealed class BearerHandler(string apiKey) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>The test server answers HTTP/1.1 by default; gRPC clients need the request's HTTP/2 back.</summary>
    private sealed class ResponseVersionHandler : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
            response.Version = request.Version;
            return response;
        }
    }
}

/// <summary>
/// Real time shifted by an offset that only grows (so audit times stay in order); tests in one
/// collection run one at a time, so moving it affects no other test's leases mid-flight.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
}

/// <summary>The suite's host on SQLite.</summary>
public sealed class SqliteHost() : ServiceHost(new SqliteTestDatabase());

/// <summary>The suite's host on PostgreSQL (<c>SEALMATCH_TEST_POSTGRES</c>); skipped when it is unset.</summary>
public sealed class PostgresHost() : ServiceHost(new PostgresTestDatabase());

/// <summary>
/// The service on PostgreSQL working as a separate, non-owner role (<c>Database:ApplicationRole</c>);
/// skipped when <c>SEALMATCH_TEST_POSTGRES</c> is unset.
/// </summary>
public sealed class PostgresApplicationRoleHost() : ServiceHost(new PostgresTestDatabase("sealmatch_app_" + Guid.NewGuid().ToString("N")[..12]));
