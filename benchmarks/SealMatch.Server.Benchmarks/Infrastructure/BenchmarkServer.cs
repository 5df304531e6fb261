using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SealMatch.Data;
using SealMatch.Data.Credentials;
using SealMatch.Protos.V1;

namespace SealMatch.Server.Benchmarks.Infrastructure;

internal enum Transport
{
    /// <summary>ASP.NET Core's TestServer: the whole pipeline in memory, no sockets.</summary>
    InMemory,

    /// <summary>Kestrel on 127.0.0.1, HTTP/2 without TLS (h2c), reached through a real TCP connection.</summary>
    Loopback,
}

/// <summary>The service's database provider (a benchmark parameter, hence public).</summary>
public enum DatabaseKind
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The service hosted in this process (WebApplicationFactory over the server's own Program, so its
/// real registration, middleware and migrations run) on a fresh database, with a bootstrap admin.
/// Adapted from the functional tests' ServiceHost (not referenced, to keep xunit out).
/// </summary>
internal sealed class BenchmarkServer : IAsyncDisposable
{
    public const string PostgresVariable = "SEALMATCH_BENCH_POSTGRES";
    public const string TestPostgresVariable = "SEALMATCH_TEST_POSTGRES";

    private const string EncryptionKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    private readonly WebApplicationFactory<Program> _factory;
    private readonly Transport _transport;
    private readonly Uri _address;
    private readonly Func<Task> _dropDatabase;

    private BenchmarkServer(WebApplicationFactory<Program> factory, Transport transport, Uri address, string adminKey, Func<Task> dropDatabase)
    {
        _factory = factory;
        _transport = transport;
        _address = address;
        AdminKey = adminKey;
        _dropDatabase = dropDatabase;
    }

    public string AdminKey { get; }

    /// <summary>The PostgreSQL connection string for the benchmarks, or null when none is configured.</summary>
    public static string? PostgresConnection =>
        new[] { PostgresVariable, TestPostgresVariable }.Select(Environment.GetEnvironmentVariable).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    public static string PostgresMissingMessage =>
        $"PostgreSQL benchmarks skipped: set {PostgresVariable} (or {TestPostgresVariable}) to a connection string of a user who may create databases, e.g. Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres.";

    public static async Task<BenchmarkServer> StartAsync(DatabaseKind database, Transport transport)
    {
        (Dictionary<string, string?> settings, Func<Task> drop) = database == DatabaseKind.Sqlite ? Sqlite() : await PostgresAsync();
        settings["Encryption:Key"] = EncryptionKey;
        settings["Logging:LogLevel:Default"] = "Warning";
        // appsettings.json binds 127.0.0.1:5271; a benchmark must not collide with a running service.
        // A free port for gRPC, so its address is told apart from the web console's (also http, port 0 here).
        int grpcPort;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            grpcPort = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        settings["Kestrel:Endpoints:Grpc:Url"] = $"http://127.0.0.1:{grpcPort}";
        settings["Kestrel:Endpoints:Grpc:Protocols"] = "Http2";
        settings["Kestrel:Endpoints:Console:Url"] = "http://127.0.0.1:0";

        WebApplicationFactory<Program> factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Benchmark");
            b.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(settings));
        });
        Uri address;
        if (transport == Transport.Loopback)
        {
            factory.UseKestrel();
            factory.StartServer();
            string bound = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
                .Single(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal) && new Uri(a).Port == grpcPort);
            address = new Uri(bound);
        }
        else
        {
            address = factory.Server.BaseAddress; // starts the host: migrations run here
        }

        string adminKey = await BootstrapAdminAsync(factory.Services);
        return new BenchmarkServer(factory, transport, address, adminKey, drop);
    }

    /// <summary>A channel (its own HTTP/2 connection) whose calls carry <paramref name="apiKey"/>.</summary>
    public GrpcChannel Channel(string apiKey)
    {
        HttpMessageHandler inner = _transport == Transport.Loopback
            ? new SocketsHttpHandler { EnableMultipleHttp2Connections = true }
            : new ResponseVersionHandler { InnerHandler = _factory.Server.CreateHandler() };
        return GrpcChannel.ForAddress(_address, new GrpcChannelOptions
        {
            HttpHandler = new BearerHandler(apiKey) { InnerHandler = inner },
            MaxReceiveMessageSize = null,
            MaxSendMessageSize = null,
        });
    }

    /// <summary>A new identity created through AdminService; returns its API key.</summary>
    public async Task<string> UserAsync(string name, string branch, params UserRole[] roles)
    {
        using GrpcChannel channel = Channel(AdminKey);
        var admin = new AdminService.AdminServiceClient(channel);
        var request = new CreateCredentialRequest { User = name, Branch = branch };
        request.Roles.AddRange(roles);
        return (await admin.CreateCredentialAsync(request)).ApiKey;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _dropDatabase();
    }

    /// <summary>
    /// The first admin, written directly as <c>bootstrap-admin</c> does. The key format and its stored
    /// hash (<c>smk_&lt;keyid&gt;_&lt;secret&gt;</c>, HMAC-SHA256 of the secret keyed with the key id)
    /// are the server's contract (Security/ApiKey.cs); restated here because that class is internal.
    /// </summary>
    private static async Task<string> BootstrapAdminAsync(IServiceProvider services)
    {
        string keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        string secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        using IServiceScope scope = services.CreateScope();
        SealMatchDbContext db = scope.ServiceProvider.GetRequiredService<SealMatchDbContext>();
        db.Credentials.Add(new ApiCredential
        {
            KeyId = keyId,
            User = "bench-admin",
            Roles = "ADMIN",
            Branch = "HQ",
            SecretHash = HMACSHA256.HashData(Encoding.ASCII.GetBytes(keyId), Encoding.ASCII.GetBytes(secret)),
            CreatedAt = DateTime.UtcNow,
            CreatedBy = "benchmark-bootstrap",
        });
        await db.SaveChangesAsync();
        return $"smk_{keyId}_{secret}";
    }

    private static (Dictionary<string, string?>, Func<Task>) Sqlite()
    {
        string folder = Path.Combine(Path.GetTempPath(), "sealmatch-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Sqlite"] = $"Data Source={Path.Combine(folder, "sealmatch.db")}",
        };
        return (settings, () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind does no harm.
            }

            return Task.CompletedTask;
        });
    }

    private static async Task<(Dictionary<string, string?>, Func<Task>)> PostgresAsync()
    {
        string admin = PostgresConnection ?? throw new InvalidOperationException(PostgresMissingMessage);
        string database = "sealmatch_bench_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(admin, $"CREATE DATABASE {database}");
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(admin) { Database = database };
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Postgres"] = builder.ConnectionString,
        };
        return (settings, async () =>
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        });
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
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
