using System.Net;
using System.Net.Sockets;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SealMatch.Data;
using SealMatch.Data.Credentials;
using SealMatch.Domain.Security;
using SealMatch.Protos.V1;
using SealMatch.Server.Admin;

namespace SealMatch.Console.Tests.Infrastructure;

/// <summary>
/// The whole server (Program: gRPC on h2c and the console on HTTP/1.1) on real loopback ports over a
/// temporary SQLite database, plus one headless chromium shared by the tests of the collection.
/// </summary>
public class ConsoleServer : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";
    private const string TestEncryptionKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sealmatch-console-" + Guid.NewGuid().ToString("N"));
    private WebApplicationFactory<Program>? _factory;
    private IPlaywright? _playwright;

    public Uri ConsoleUri { get; private set; } = null!;

    public Uri GrpcUri { get; private set; } = null!;

    public string AdminKey { get; private set; } = string.Empty;

    public IBrowser Browser { get; private set; } = null!;

    public IServiceProvider Services => _factory!.Services;

    /// <summary>Where the tests' screenshots go (the test output folder).</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>Settings a derived host changes (added after the defaults).</summary>
    protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        Directory.CreateDirectory(ScreenshotFolder);
        int grpcPort = FreePort(), consolePort = FreePort();
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Sqlite"] = $"Data Source={Path.Combine(_folder, "sealmatch.db")}",
            ["Encryption:Key"] = TestEncryptionKey,
            ["Kestrel:Endpoints:Grpc:Url"] = $"http://127.0.0.1:{grpcPort}",
            ["Kestrel:Endpoints:Console:Url"] = $"http://127.0.0.1:{consolePort}",
            ["Reviews:AcceptSampleRate"] = "0",
            // Strict enough that the genuine synthetic slip is neither accepted nor rejected: it goes to people.
            ["Verification:AcceptThreshold"] = "0.999",
            ["Verification:RejectThreshold"] = "0.05",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Critical",
        };
        Configure(settings);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(settings));
        });
        _factory.UseKestrel();
        _factory.StartServer();
        ConsoleUri = new Uri($"http://127.0.0.1:{consolePort}/");
        GrpcUri = new Uri($"http://127.0.0.1:{grpcPort}/");
        AdminKey = await BootstrapAdminAsync();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A browser context (its own cookies) at the given window size.</summary>
    public Task<IBrowserContext> NewContextAsync(int width = 1366, int height = 768) =>
        Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = ConsoleUri.ToString(), ViewportSize = new ViewportSize { Width = width, Height = height } });

    public GrpcChannel Channel(string apiKey) => GrpcChannel.ForAddress(GrpcUri, new GrpcChannelOptions
    {
        HttpHandler = new BearerHandler(apiKey) { InnerHandler = new SocketsHttpHandler() },
        MaxReceiveMessageSize = null,
        MaxSendMessageSize = null,
    });

    /// <summary>A new credential (through AdminService, as an admin issues them); returns the API key.</summary>
    public async Task<string> UserAsync(string name, string branch, params UserRole[] roles)
    {
        using GrpcChannel channel = Channel(AdminKey);
        var request = new CreateCredentialRequest { User = name, Branch = branch };
        request.Roles.AddRange(roles);
        return (await new Protos.V1.AdminService.AdminServiceClient(channel).CreateCredentialAsync(request)).ApiKey;
    }

    private async Task<string> BootstrapAdminAsync()
    {
        using IServiceScope scope = Services.CreateScope();
        SealMatchDbContext db = scope.ServiceProvider.GetRequiredService<SealMatchDbContext>();
        (ApiCredential admin, string token) = Credentials.Create("admin", [Role.Admin], "HQ", "test-bootstrap", DateTime.UtcNow);
        db.Credentials.Add(admin);
        await db.SaveChangesAsync();
        return token;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind does no harm.
        }
    }

    private sealed class BearerHandler(string apiKey) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
            return base.SendAsync(request, cancellationToken);
        }
    }
}

[CollectionDefinition("console")]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleServer>;

/// <summary>A host whose console sessions end after 6 seconds without activity.</summary>
public sealed class IdleConsoleServer : ConsoleServer
{
    protected override void Configure(Dictionary<string, string?> settings) => settings["Console:IdleMinutes"] = "0.1";
}

[CollectionDefinition("console-idle")]
public sealed class IdleConsoleCollection : ICollectionFixture<IdleConsoleServer>;
