using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SealMatch.Server.Hosting;

namespace SealMatch.Server.Tests.Infrastructure;

/// <summary>
/// The service on real Kestrel listeners on loopback (the test server does no TLS): h2c on an
/// ephemeral port and the mTLS endpoint on another, requiring a client certificate, with a throw-away
/// bank CA. Built as Program builds it (SealMatchHost), on one database provider.
/// </summary>
public abstract class MutualTlsHost(TestDatabase database) : IAsyncLifetime
{
    private const string PfxPassword = "test-only";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sealmatch-tls-" + Guid.NewGuid().ToString("N"));
    private WebApplication? _app;
    private string _serverSha256 = string.Empty;

    public string? SkipReason => database.SkipReason;

    /// <summary>The bank CA that issues teller-system certificates (configured as the client CA).</summary>
    public X509Certificate2 Authority { get; } = TestPki.CreateAuthority("SealMatch test bank CA");

    /// <summary>Some other CA: its certificates must not be admitted.</summary>
    public X509Certificate2 ForeignAuthority { get; } = TestPki.CreateAuthority("Foreign CA");

    public string AdminKey { get; private set; } = string.Empty;

    public Uri TlsAddress { get; private set; } = null!;

    public Uri CleartextAddress { get; private set; } = null!;

    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException(SkipReason ?? "Not started.");

    public async Task InitializeAsync()
    {
        Dictionary<string, string?>? settings = await database.PrepareAsync();
        if (settings is null)
        {
            return;
        }

        Directory.CreateDirectory(_folder);
        (X509Certificate2 server, ECDsa serverKey) = TestPki.CreateServer();
        using (server)
        using (serverKey)
        {
            _serverSha256 = server.GetCertHashString(HashAlgorithmName.SHA256);
            await File.WriteAllBytesAsync(Path.Combine(_folder, "server.pfx"), server.Export(X509ContentType.Pfx, PfxPassword));
        }

        await File.WriteAllTextAsync(Path.Combine(_folder, "bank-ca.pem"), Authority.ExportCertificatePem());
        ServiceHost.AddCommonSettings(settings);
        // A free port for the h2c endpoint, so its address is told apart from the console's (also http).
        int grpcPort;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            grpcPort = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        settings["Kestrel:Endpoints:Grpc:Url"] = $"http://127.0.0.1:{grpcPort}";
        settings["Kestrel:Endpoints:Console:Url"] = "http://127.0.0.1:0";
        settings["Kestrel:Endpoints:Grpc:Protocols"] = "Http2";
        settings["Tls:Enabled"] = "true";
        settings["Tls:Port"] = "0";
        settings["Tls:CertificatePath"] = Path.Combine(_folder, "server.pfx");
        settings["Tls:CertificatePassword"] = PfxPassword;
        settings["Tls:ClientCertificateAuthorityPath"] = Path.Combine(_folder, "bank-ca.pem");
        settings["Tls:RequireClientCertificate"] = "true";

        WebApplicationBuilder builder = SealMatchHost.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddSealMatch();
        _app = builder.Build();
        await _app.MigrateDatabaseAsync();
        _app.MapSealMatch();
        await _app.StartAsync();

        ICollection<string> addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        TlsAddress = new Uri(addresses.Single(a => a.StartsWith("https://", StringComparison.Ordinal)));
        CleartextAddress = new Uri(addresses.Single(a => a.StartsWith("http://", StringComparison.Ordinal) && new Uri(a).Port == grpcPort));
        AdminKey = await ServiceHost.BootstrapAdminAsync(_app.Services);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        await database.DropAsync();
        Authority.Dispose();
        ForeignAuthority.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind does no harm.
        }
    }

    /// <summary>A channel to the TLS endpoint presenting <paramref name="clientCertificate"/> (none when null) and, when given, a bearer key.</summary>
    public GrpcChannel TlsChannel(X509Certificate2? clientCertificate, string? apiKey = null)
    {
        var sockets = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                // The test server certificate is self-signed: pin it.
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && string.Equals(certificate.GetCertHashString(HashAlgorithmName.SHA256), _serverSha256, StringComparison.Ordinal),
                LocalCertificateSelectionCallback = clientCertificate is null ? null : (_, _, _, _, _) => clientCertificate,
            },
        };
        HttpMessageHandler handler = apiKey is null ? sockets : new ServiceHost.BearerHandler(apiKey) { InnerHandler = sockets };
        return GrpcChannel.ForAddress(TlsAddress, new GrpcChannelOptions { HttpHandler = handler });
    }

    /// <summary>A channel to the h2c endpoint with a bearer key.</summary>
    public GrpcChannel CleartextChannel(string apiKey) =>
        GrpcChannel.ForAddress(CleartextAddress, new GrpcChannelOptions
        {
            HttpHandler = new ServiceHost.BearerHandler(apiKey) { InnerHandler = new SocketsHttpHandler() },
        });
}

/// <summary>The mTLS host on SQLite.</summary>
public sealed class SqliteMutualTlsHost() : MutualTlsHost(new SqliteTestDatabase());

/// <summary>The mTLS host on PostgreSQL (<c>SEALMATCH_TEST_POSTGRES</c>); skipped when it is unset.</summary>
public sealed class PostgresMutualTlsHost() : MutualTlsHost(new PostgresTestDatabase());
