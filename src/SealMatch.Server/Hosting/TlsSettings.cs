using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Authentication.Certificate;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using SealMatch.Server.Security;

namespace SealMatch.Server.Hosting;

/// <summary>
/// The optional TLS endpoint with client certificates (mTLS), from the <c>Tls</c> section; off by
/// default. It is an HTTPS HTTP/2 listener in addition to the h2c one (which stays on loopback for the
/// local CLI and probes). Read and validated once, at start.
/// </summary>
internal sealed class TlsSettings : IDisposable
{
    public const int DefaultPort = 5272;

    private TlsSettings()
    {
    }

    public bool Enabled { get; private init; }

    public IPAddress Address { get; private init; } = IPAddress.Loopback;

    public int Port { get; private init; } = DefaultPort;

    public X509Certificate2? ServerCertificate { get; private init; }

    /// <summary>The bank CA(s) that issue teller-system certificates: the only trust anchors for client certificates.</summary>
    public X509Certificate2Collection ClientAuthorities { get; } = [];

    // NoCheck by default: the bank CA's CRL/OCSP endpoints are usually not reachable from the service's
    // segment, and an online check that cannot reach them refuses every call (Offline needs CRLs already
    // cached by the OS). A compromised teller certificate is shut out at once by revoking its credential
    // (AdminService.RevokeCredential), which is checked on every call.
    public X509RevocationMode RevocationMode { get; private init; } = X509RevocationMode.NoCheck;

    public bool RequireClientCertificate { get; private init; }

    public static TlsSettings From(IConfiguration configuration)
    {
        IConfigurationSection section = configuration.GetSection("Tls");
        if (!section.GetValue("Enabled", false))
        {
            return new TlsSettings();
        }

        string certificatePath = section["CertificatePath"] is { Length: > 0 } p ? p
            : throw new InvalidOperationException("Tls:Enabled needs Tls:CertificatePath (a PFX, or a PEM certificate with Tls:CertificateKeyPath).");
        string? authorityPath = section["ClientCertificateAuthorityPath"] is { Length: > 0 } a ? a : null;
        bool require = section.GetValue("RequireClientCertificate", false);
        if (require && authorityPath is null)
        {
            throw new InvalidOperationException("Tls:RequireClientCertificate needs Tls:ClientCertificateAuthorityPath (the CA that issues teller-system certificates).");
        }

        string address = section["Address"] is { Length: > 0 } s ? s : "127.0.0.1";
        int port = section.GetValue("Port", DefaultPort);
        if (!IPAddress.TryParse(address, out IPAddress? ip))
        {
            throw new InvalidOperationException($"Tls:Address must be an IP address, not '{address}'.");
        }

        if (port is < 0 or > 65535)
        {
            throw new InvalidOperationException($"Tls:Port must be 0..65535, not {port.ToString(CultureInfo.InvariantCulture)}.");
        }

        var settings = new TlsSettings
        {
            Enabled = true,
            Address = ip,
            Port = port,
            ServerCertificate = LoadServerCertificate(certificatePath, section["CertificateKeyPath"], section["CertificatePassword"]),
            RevocationMode = section.GetValue("RevocationMode", X509RevocationMode.NoCheck),
            RequireClientCertificate = require,
        };
        if (authorityPath is not null)
        {
            LoadAuthorities(authorityPath, settings.ClientAuthorities);
        }

        return settings;
    }

    /// <summary>Adds the HTTPS endpoint to Kestrel when TLS is enabled.</summary>
    public void AddEndpoint(KestrelServerOptions kestrel)
    {
        if (!Enabled)
        {
            return;
        }

        kestrel.Listen(Address, Port, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            listen.UseHttps(https =>
            {
                https.ServerCertificate = ServerCertificate;
                https.ClientCertificateMode = RequireClientCertificate ? ClientCertificateMode.RequireCertificate
                    : ClientAuthorities.Count > 0 ? ClientCertificateMode.AllowCertificate
                    : ClientCertificateMode.NoCertificate;
                // Any certificate passes the handshake; the certificate handler then validates it on every
                // call against the configured CA only. A bad one is answered UNAUTHENTICATED and logged,
                // rather than with an opaque TLS alert. No RPC but the health probe runs unauthenticated.
                https.AllowAnyClientCertificate();
            });
        });
    }

    /// <summary>Client certificates chain to the configured CA only (never the OS store), must be in their validity period and be for client authentication.</summary>
    public void Configure(CertificateAuthenticationOptions options)
    {
        options.AllowedCertificateTypes = CertificateTypes.Chained;
        options.ChainTrustValidationMode = X509ChainTrustMode.CustomRootTrust;
        options.CustomTrustStore = [.. ClientAuthorities];
        options.RevocationMode = RevocationMode;
        options.ValidateValidityPeriod = true;
        options.ValidateCertificateUse = true;
        options.EventsType = typeof(ClientCertificateEvents);
    }

    public void Dispose()
    {
        ServerCertificate?.Dispose();
        foreach (X509Certificate2 authority in ClientAuthorities)
        {
            authority.Dispose();
        }
    }

    /// <summary>A <c>.pfx</c>/<c>.p12</c> (password optional), or a PEM certificate whose key is in <paramref name="keyPath"/> or the same file (encrypted when a password is given).</summary>
    private static X509Certificate2 LoadServerCertificate(string path, string? keyPath, string? password)
    {
        string extension = Path.GetExtension(path);
        X509Certificate2 certificate = extension.Equals(".pfx", StringComparison.OrdinalIgnoreCase) || extension.Equals(".p12", StringComparison.OrdinalIgnoreCase)
            ? X509CertificateLoader.LoadPkcs12FromFile(path, password)
            : string.IsNullOrEmpty(password)
                ? X509Certificate2.CreateFromPemFile(path, keyPath is { Length: > 0 } ? keyPath : null)
                : X509Certificate2.CreateFromEncryptedPemFile(path, password, keyPath is { Length: > 0 } ? keyPath : null);
        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new InvalidOperationException($"Tls:CertificatePath '{path}' has no private key (for PEM, set Tls:CertificateKeyPath).");
        }

        return certificate;
    }

    /// <summary>One or more CA certificates, PEM or a single DER certificate.</summary>
    private static void LoadAuthorities(string path, X509Certificate2Collection into)
    {
        string text = File.ReadAllText(path);
        if (text.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            into.ImportFromPem(text);
        }
        else
        {
            into.Add(X509CertificateLoader.LoadCertificateFromFile(path));
        }

        if (into.Count == 0)
        {
            throw new InvalidOperationException($"Tls:ClientCertificateAuthorityPath '{path}' holds no certificate.");
        }
    }
}
