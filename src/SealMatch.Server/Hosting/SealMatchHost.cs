using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Certificate;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Grpc.AspNetCore.Server;
using Microsoft.EntityFrameworkCore;
using SealMatch.Data;
using SealMatch.Engine.Imaging;
using SealMatch.Engine.Verification;
using SealMatch.Server.Accounts;
using SealMatch.Server.Admin;
using SealMatch.Server.Audit;
using SealMatch.Server.Errors;
using SealMatch.Server.Imaging;
using SealMatch.Server.Reports;
using SealMatch.Server.Reviews;
using SealMatch.Server.Security;
using SealMatch.Server.Specimens;
using SealMatch.Server.Templates;
using SealMatch.Server.Verification;

namespace SealMatch.Server.Hosting;

/// <summary>Service registration and endpoint mapping for the SealMatch host.</summary>
internal static partial class SealMatchHost
{
    /// <summary>
    /// A builder whose settings (appsettings.json) come from beside the executable, whatever the
    /// working directory; relative paths in settings (the SQLite file) stay relative to the working directory.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args) =>
        WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

    /// <summary>
    /// Registers everything. Configuration is read when services are first resolved, not here, so a
    /// host that adds configuration late (the functional tests) is honoured.
    /// </summary>
    public static void AddSealMatch(this WebApplicationBuilder builder)
    {
        IServiceCollection services = builder.Services;
        services.AddSingleton(sp => DatabaseSetup.From(sp.GetRequiredService<IConfiguration>()));
        services.AddDbContext<SealMatchDbContext>((sp, options) => sp.GetRequiredService<DatabaseSetup>().Configure(options));
        services.AddSingleton(sp => ReadScanLimits(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton(sp => new ImageProtector(EncryptionKeys.Load(sp.GetRequiredService<IConfiguration>(),
            sp.GetRequiredService<DatabaseSetup>().DevelopmentKeyPath, sp.GetRequiredService<ILoggerFactory>().CreateLogger("SealMatch.Server.Encryption"))));
        services.AddSingleton(_ => new SealEngine());
        services.AddSingleton<SpecimenTemplateCache>();
        services.AddSingleton<SignatureVerifier>();
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<VerificationThresholdOptions>().BindConfiguration("Verification");
        services.AddScoped<SlipVerifier>();
        services.AddOptions<ReviewOptions>().BindConfiguration("Reviews");
        services.AddScoped<ReviewImages>();
        services.AddSingleton<ReviewMetrics>();
        services.AddHttpContextAccessor();
        services.AddScoped<AuditTrail>();

        // Optional mTLS: an HTTPS endpoint beside the h2c one, client certificates mapped to registered
        // credentials. The default scheme picks the credential a call presents (see CredentialAuthenticationHandler);
        // policies name no scheme, so [Authorize(Roles = …)] applies to keys and certificates alike.
        services.AddSingleton(sp => TlsSettings.From(sp.GetRequiredService<IConfiguration>()));
        services.AddOptions<KestrelServerOptions>().Configure<TlsSettings>((kestrel, tls) => tls.AddEndpoint(kestrel));
        services.AddScoped<ClientCertificateEvents>();
        services.AddAuthentication(CredentialAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, CredentialAuthenticationHandler>(CredentialAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddCertificate();
        services.AddOptions<CertificateAuthenticationOptions>(CertificateAuthenticationDefaults.AuthenticationScheme)
            .Configure<TlsSettings>((options, tls) => tls.Configure(options));
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        services.AddGrpc(o =>
        {
            o.Interceptors.Add<ErrorInterceptor>();
            o.EnableDetailedErrors = false;
        });
        // The scan limit plus room for the other fields; larger messages never reach the service.
        services.AddOptions<GrpcServiceOptions>().Configure<ScanLimits>((o, limits) =>
            o.MaxReceiveMessageSize = (int)Math.Min(int.MaxValue, limits.MaxBytes + (4 << 20)));
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks().AddCheck<DatabaseHealthCheck>("database");
    }

    public static void MapSealMatch(this WebApplication app)
    {
        // Resolved now so a missing encryption key is generated, and warned about, at start.
        app.Services.GetRequiredService<ImageProtector>();
        // Likewise a wrong Tls section fails the start, not the first TLS connection.
        TlsSettings tls = app.Services.GetRequiredService<TlsSettings>();
        if (tls.Enabled)
        {
            Log.TlsEndpoint(app.Logger, tls.Address, tls.Port, tls.RequireClientCertificate, tls.ClientAuthorities.Count);
        }

        // Created now so the review queue's gauges exist from the start.
        app.Services.GetRequiredService<ReviewMetrics>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGrpcService<AdminService>();
        app.MapGrpcService<AccountService>();
        app.MapGrpcService<SpecimenService>();
        app.MapGrpcService<VerificationService>();
        app.MapGrpcService<AuditService>();
        app.MapGrpcService<ReviewService>();
        app.MapGrpcService<ReportService>();
        app.MapGrpcService<TemplateService>();
        // Probes carry no credentials; reflection needs any valid key (the fallback policy).
        app.MapGrpcHealthChecksService().AllowAnonymous();
        app.MapGrpcReflectionService();
    }

    /// <summary>Applies the provider's migrations (never EnsureCreated); concurrent instances are serialised by EF's migration lock.</summary>
    public static async Task MigrateDatabaseAsync(this IHost app)
    {
        await using AsyncServiceScope scope = app.Services.CreateAsyncScope();
        DatabaseSetup setup = scope.ServiceProvider.GetRequiredService<DatabaseSetup>();
        // As the connection string's user (the owner), not the application role.
        var ownerOptions = new DbContextOptionsBuilder<SealMatchDbContext>();
        setup.ConfigureAsOwner(ownerOptions);
        await using var db = new SealMatchDbContext(ownerOptions.Options);
        await db.Database.MigrateAsync();
        if (setup.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers proceed while one writer commits.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
        else if (setup.ApplicationRole is { } role)
        {
            foreach (string statement in PostgresRoles.GrantStatements(role))
            {
                await db.Database.ExecuteSqlRawAsync(statement);
            }
        }

        ILogger logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("SealMatch.Server");
        Log.Migrated(logger, setup.Provider);
    }

    private static ScanLimits ReadScanLimits(IConfiguration configuration)
    {
        IConfigurationSection section = configuration.GetSection("Scans");
        ScanLimits defaults = ScanLimits.Default;
        return new ScanLimits
        {
            MaxBytes = section.GetValue("MaxBytes", defaults.MaxBytes),
            MaxPixels = section.GetValue("MaxPixels", defaults.MaxPixels),
            MinDpi = section.GetValue("MinDpi", defaults.MinDpi),
            MaxDpi = section.GetValue("MaxDpi", defaults.MaxDpi),
        };
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Database migrated ({Provider})")]
        public static partial void Migrated(ILogger logger, DatabaseProvider provider);

        [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "TLS endpoint on {Address}:{Port} (client certificate required: {Required}; client CA certificates: {Authorities})")]
        public static partial void TlsEndpoint(ILogger logger, System.Net.IPAddress address, int port, bool required, int authorities);
    }
}
