using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using SealMatch.Server.Hosting;
using SealMatch.Server.Tests.Infrastructure;

namespace SealMatch.Server.Tests;

/// <summary>The Tls section is validated at start; the server certificate may be a PFX or a PEM pair.</summary>
public sealed class TlsSettingsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sealmatch-tls-settings-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static TlsSettings Read(params (string Key, string Value)[] values) =>
        TlsSettings.From(new ConfigurationBuilder().AddInMemoryCollection(values.ToDictionary(v => "Tls:" + v.Key, v => (string?)v.Value)).Build());

    [Fact]
    public void Off_by_default()
    {
        using TlsSettings settings = Read();
        Assert.False(settings.Enabled);
        Assert.Null(settings.ServerCertificate);
    }

    [Fact]
    public void Loads_a_pem_pair_and_the_client_ca_with_revocation_unchecked_by_default()
    {
        (X509Certificate2 server, ECDsa key) = TestPki.CreateServer();
        using X509Certificate2 authority = TestPki.CreateAuthority("CA");
        using (server)
        using (key)
        {
            File.WriteAllText(Path.Combine(_folder, "server.crt"), server.ExportCertificatePem());
            File.WriteAllText(Path.Combine(_folder, "server.key"), key.ExportPkcs8PrivateKeyPem());
        }

        File.WriteAllText(Path.Combine(_folder, "ca.pem"), authority.ExportCertificatePem());
        using TlsSettings settings = Read(("Enabled", "true"), ("CertificatePath", Path.Combine(_folder, "server.crt")),
            ("CertificateKeyPath", Path.Combine(_folder, "server.key")), ("ClientCertificateAuthorityPath", Path.Combine(_folder, "ca.pem")));
        Assert.True(settings.Enabled);
        Assert.True(settings.ServerCertificate!.HasPrivateKey);
        Assert.Equal(authority.RawData, Assert.Single(settings.ClientAuthorities).RawData);
        Assert.Equal(X509RevocationMode.NoCheck, settings.RevocationMode);
        Assert.False(settings.RequireClientCertificate);
        Assert.Equal(TlsSettings.DefaultPort, settings.Port);
    }

    [Fact]
    public void Refuses_incomplete_settings()
    {
        Assert.Throws<InvalidOperationException>(() => Read(("Enabled", "true")));
        (X509Certificate2 server, ECDsa key) = TestPki.CreateServer();
        using (server)
        using (key)
        {
            File.WriteAllBytes(Path.Combine(_folder, "server.pfx"), server.Export(X509ContentType.Pfx, "pw"));
            File.WriteAllText(Path.Combine(_folder, "public.crt"), server.ExportCertificatePem());
        }

        // A client certificate cannot be required without the CA that issues them.
        Assert.Throws<InvalidOperationException>(() => Read(("Enabled", "true"), ("CertificatePath", Path.Combine(_folder, "server.pfx")),
            ("CertificatePassword", "pw"), ("RequireClientCertificate", "true")));
        // A certificate without its key cannot serve TLS.
        Assert.ThrowsAny<Exception>(() => Read(("Enabled", "true"), ("CertificatePath", Path.Combine(_folder, "public.crt"))));
        using TlsSettings pfx = Read(("Enabled", "true"), ("CertificatePath", Path.Combine(_folder, "server.pfx")), ("CertificatePassword", "pw"), ("RevocationMode", "Online"));
        Assert.Equal(X509RevocationMode.Online, pfx.RevocationMode);
    }
}
