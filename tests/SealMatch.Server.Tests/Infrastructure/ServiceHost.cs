using System.Net.Http.Headers;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
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
public abstract class ServiceHost : IAsyncLifetime
{
    /// <summary>The fixed test encryption key (32 bytes, base64).</summary>
    public const string TestEncryptionKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    /// <summary>Scan byte limit in the tests (small, so the too-large case is cheap).</summary>
    public const long MaxScanBytes = 12L * 1024 * 1024;

    private WebApplicationFactory<Program>? _factory;
    private readonly Dictionary<string, string> _keys = [];

    /// <summary>Why the suite cannot run here (e.g. no PostgreSQL configured); null when it can.</summary>
    public string? SkipReason { get; protected set; }

    public string AdminKey { get; private set; } = string.Empty;

    public IServiceProvider Services => Factory.Services;

    private WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException(SkipReason ?? "Not started.");

    /// <summary>Database settings for the provider, or null (and <see cref="SkipReason"/> set) when unavailable.</summary>
    protected abstract Task<Dictionary<string, string?>?> PrepareDatabaseAsync();

    protected virtual Task DropDatabaseAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        Dictionary<string, string?>? settings = await PrepareDatabaseAsync();
        if (settings is null)
        {
            return;
        }

        settings["Encryption:Key"] = TestEncryptionKey;
        settings["Scans:MaxBytes"] = MaxScanBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Verification:WatchPollMilliseconds"] = "100";
        settings["Logging:LogLevel:Default"] = "Warning";
        // The idempotency tests provoke unique-index violations on purpose; EF logs each as an error.
        settings["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Critical";
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(settings));
        });
        _ = _factory.Server; // starts the host: migrations run here

        using IServiceScope scope = Services.CreateScope();
        SealMatchDbContext db = scope.ServiceProvider.GetRequiredService<SealMatchDbContext>();
        (ApiCredential admin, string token) = Credentials.Create("admin-" + Guid.NewGuid().ToString("N")[..8], [Role.Admin], "HQ", "test-bootstrap", DateTime.UtcNow);
        db.Credentials.Add(admin);
        await db.SaveChangesAsync();
        AdminKey = token;
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        await DropDatabaseAsync();
    }

    /// <summary>A channel whose calls carry <paramref name="apiKey"/> (none when null).</summary>
    public GrpcChannel Channel(string? apiKey)
    {
        HttpMessageHandler inner = new ResponseVersionHandler { InnerHandler = Factory.Server.CreateHandler() };
        if (apiKey is not null)
        {
            inner = new BearerHandler(apiKey) { InnerHandler = inner };
        }

        return GrpcChannel.ForAddress(Factory.Server.BaseAddress, new GrpcChannelOptions
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

    private sealed class BearerHandler(string apiKey) : DelegatingHandler
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

/// <summary>SQLite in a temporary file.</summary>
public sealed class SqliteHost : ServiceHost
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sealmatch-tests-" + Guid.NewGuid().ToString("N"));

    protected override Task<Dictionary<string, string?>?> PrepareDatabaseAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.FromResult<Dictionary<string, string?>?>(new()
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Sqlite"] = $"Data Source={Path.Combine(_folder, "sealmatch.db")}",
        });
    }

    protected override Task DropDatabaseAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind does no harm.
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// PostgreSQL from <c>SEALMATCH_TEST_POSTGRES</c> (a connection string to a server where the user may
/// create databases): a fresh database per run, dropped afterwards. Skipped when the variable is unset.
/// </summary>
public sealed class PostgresHost : ServiceHost
{
    public const string Variable = "SEALMATCH_TEST_POSTGRES";
    private string? _adminConnection;
    private string? _database;

    protected override async Task<Dictionary<string, string?>?> PrepareDatabaseAsync()
    {
        _adminConnection = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(_adminConnection))
        {
            SkipReason = $"PostgreSQL suite skipped: set {Variable} to a connection string (e.g. Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres); .ci/run does.";
            return null;
        }

        _database = "sealmatch_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new Npgsql.NpgsqlConnection(_adminConnection))
        {
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand($"CREATE DATABASE {_database}", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new Npgsql.NpgsqlConnectionStringBuilder(_adminConnection) { Database = _database };
        return new()
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Postgres"] = builder.ConnectionString,
        };
    }

    protected override async Task DropDatabaseAsync()
    {
        if (_adminConnection is null || _database is null)
        {
            return;
        }

        Npgsql.NpgsqlConnection.ClearAllPools();
        await using var connection = new Npgsql.NpgsqlConnection(_adminConnection);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
