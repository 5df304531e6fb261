using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using SealMatch.Protos.V1;
using SealMatch.Server.Tests.Infrastructure;

namespace SealMatch.Server.Tests;

/// <summary>
/// Client certificates (mTLS) against real Kestrel listeners: a certificate registered by an admin
/// authenticates as its credential (user, roles, branch); unknown, foreign, expired and revoked ones
/// do not; a call carries one identity. Run once per database provider.
/// </summary>
public abstract class MutualTlsSuite(MutualTlsHost host)
{
    private const string Branch = "B1";
    private static readonly GetAccountRequest Probe = new() { AccountId = "acc_missing" };

    protected MutualTlsHost Host { get; } = host;

    private void SkipIfUnavailable() => Skip.If(Host.SkipReason is not null, Host.SkipReason);

    private Clients Admin() => new(Host.CleartextChannel(Host.AdminKey));

    private static string Name(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    private async Task<Credential> RegisterAsync(X509Certificate2 certificate, string user, params UserRole[] roles)
    {
        using Clients admin = Admin();
        var request = new RegisterClientCertificateRequest { User = user, Branch = Branch, CertificatePem = certificate.ExportCertificatePem() };
        request.Roles.AddRange(roles);
        return await admin.Admin.RegisterClientCertificateAsync(request);
    }

    [SkippableFact]
    public async Task A_registered_certificate_acts_as_its_credential_with_its_roles_and_branch()
    {
        SkipIfUnavailable();
        using X509Certificate2 tellerCertificate = TestPki.IssueClient(Host.Authority, Name("teller-system"));
        using X509Certificate2 clerkCertificate = TestPki.IssueClient(Host.Authority, Name("clerk-system"));
        Credential teller = await RegisterAsync(tellerCertificate, Name("teller-system"), UserRole.Teller);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(tellerCertificate.RawData)), teller.CertificateSha256);

        // Registration by thumbprint (as an admin may copy it, upper case with colons) names the same certificate.
        using (Clients admin = Admin())
        {
            var byThumbprint = new RegisterClientCertificateRequest
            {
                User = Name("clerk-system"),
                Branch = Branch,
                CertificateSha256 = string.Join(':', clerkCertificate.GetCertHash(HashAlgorithmName.SHA256).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture))),
                Roles = { UserRole.SpecimenClerk },
            };
            Credential clerk = await admin.Admin.RegisterClientCertificateAsync(byThumbprint);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(clerkCertificate.RawData)), clerk.CertificateSha256);
            ListCredentialsResponse listed = await admin.Admin.ListCredentialsAsync(new ListCredentialsRequest());
            Assert.Contains(listed.Credentials, c => c.KeyId == teller.KeyId && c.CertificateSha256 == teller.CertificateSha256 && c.Roles.SequenceEqual([UserRole.Teller]));
        }

        using var asTeller = new Clients(Host.TlsChannel(tellerCertificate));
        using var asClerk = new Clients(Host.TlsChannel(clerkCertificate));

        // The clerk's certificate may create an account in its branch; the teller's may read it but not create one.
        Account account = await asClerk.Accounts.CreateAccountAsync(new CreateAccountRequest
        {
            AccountNumber = "6222" + Guid.NewGuid().ToString("N")[..12],
            Name = "证书测试公司",
            BranchCode = Branch,
            RiskTier = RiskTier.Standard,
        });
        Account read = await asTeller.Accounts.GetAccountAsync(new GetAccountRequest { AccountId = account.Id });
        Assert.Equal(account.Id, read.Id);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => asTeller.Accounts.CreateAccountAsync(new CreateAccountRequest
        {
            AccountNumber = "6222" + Guid.NewGuid().ToString("N")[..12],
            Name = "x",
            BranchCode = Branch,
        }).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => asTeller.Admin.ListCredentialsAsync(new ListCredentialsRequest()).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => asClerk.Verifications.GetVerificationAsync(new GetVerificationRequest { VerificationId = "ver_x" }).ResponseAsync);
    }

    [SkippableFact]
    public async Task Unknown_foreign_expired_and_revoked_certificates_are_unauthenticated()
    {
        SkipIfUnavailable();
        using X509Certificate2 unknown = TestPki.IssueClient(Host.Authority, Name("unknown"));
        using X509Certificate2 foreign = TestPki.IssueClient(Host.ForeignAuthority, Name("foreign"));
        using X509Certificate2 expired = TestPki.IssueClient(Host.Authority, Name("expired"), DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-1));
        using X509Certificate2 revoked = TestPki.IssueClient(Host.Authority, Name("revoked"));

        // Foreign and expired certificates are registered: they must fail on validation, not for want of a registration.
        await RegisterAsync(foreign, Name("foreign"), UserRole.Teller);
        await RegisterAsync(expired, Name("expired"), UserRole.Teller);
        Credential toRevoke = await RegisterAsync(revoked, Name("revoked"), UserRole.Teller);

        foreach (X509Certificate2 refused in new[] { unknown, foreign, expired })
        {
            using var clients = new Clients(Host.TlsChannel(refused));
            await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => clients.Accounts.GetAccountAsync(Probe).ResponseAsync);
        }

        using var beforeRevocation = new Clients(Host.TlsChannel(revoked));
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => beforeRevocation.Accounts.GetAccountAsync(Probe).ResponseAsync);
        using (Clients admin = Admin())
        {
            Credential done = await admin.Admin.RevokeCredentialAsync(new RevokeCredentialRequest { KeyId = toRevoke.KeyId });
            Assert.NotNull(done.RevokedAt);
        }

        // Same connection, next call: revocation takes effect at once.
        await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => beforeRevocation.Accounts.GetAccountAsync(Probe).ResponseAsync);
    }

    [SkippableFact]
    public async Task A_call_carries_one_identity_and_any_certificate_presented_must_be_valid()
    {
        SkipIfUnavailable();
        string tellerKey;
        using (Clients admin = Admin())
        {
            var create = new CreateCredentialRequest { User = Name("teller-person"), Branch = Branch, Roles = { UserRole.Teller } };
            tellerKey = (await admin.Admin.CreateCredentialAsync(create)).ApiKey;
        }

        using X509Certificate2 registered = TestPki.IssueClient(Host.Authority, Name("registered"));
        using X509Certificate2 gateOnly = TestPki.IssueClient(Host.Authority, Name("gate-only"));
        using X509Certificate2 foreign = TestPki.IssueClient(Host.ForeignAuthority, Name("foreign"));
        await RegisterAsync(registered, Name("registered"), UserRole.Teller);

        // A registered certificate and a bearer key on one call: refused, whichever identity was meant.
        using (var both = new Clients(Host.TlsChannel(registered, tellerKey)))
        {
            await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => both.Accounts.GetAccountAsync(Probe).ResponseAsync);
        }

        // A valid but unregistered certificate only gates the connection; the bearer key is the identity.
        using (var keyOverGate = new Clients(Host.TlsChannel(gateOnly, tellerKey)))
        {
            await RpcAssert.FailsAsync(StatusCode.NotFound, () => keyOverGate.Accounts.GetAccountAsync(Probe).ResponseAsync);
            await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => keyOverGate.Admin.ListCredentialsAsync(new ListCredentialsRequest()).ResponseAsync);
        }

        // A certificate the bank's CA did not issue is refused even with a good key.
        using (var keyOverForeign = new Clients(Host.TlsChannel(foreign, tellerKey)))
        {
            await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => keyOverForeign.Accounts.GetAccountAsync(Probe).ResponseAsync);
        }

        // The TLS endpoint requires a client certificate in the handshake: without one no call gets through.
        using (GrpcChannel noCertificate = Host.TlsChannel(null, tellerKey))
        {
            var health = new Health.HealthClient(noCertificate);
            RpcException e = await Assert.ThrowsAsync<RpcException>(() => health.CheckAsync(new HealthCheckRequest()).ResponseAsync);
            Assert.NotEqual(StatusCode.OK, e.StatusCode);
        }

        // The h2c endpoint beside it still takes bearer keys.
        using var cleartext = new Clients(Host.CleartextChannel(tellerKey));
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => cleartext.Accounts.GetAccountAsync(Probe).ResponseAsync);
    }

    [SkippableFact]
    public async Task Registering_a_certificate_needs_admin_and_a_certificate_only()
    {
        SkipIfUnavailable();
        using X509Certificate2 teller = TestPki.IssueClient(Host.Authority, Name("teller"));
        Credential registered = await RegisterAsync(teller, Name("teller"), UserRole.Teller);
        using X509Certificate2 other = TestPki.IssueClient(Host.Authority, Name("other"));
        RegisterClientCertificateRequest Request() => new() { User = Name("other"), Branch = Branch, CertificatePem = other.ExportCertificatePem(), Roles = { UserRole.Teller } };

        string tellerKey;
        using (Clients admin = Admin())
        {
            tellerKey = (await admin.Admin.CreateCredentialAsync(new CreateCredentialRequest { User = Name("teller-person"), Branch = Branch, Roles = { UserRole.Teller } })).ApiKey;
        }

        using (var byKey = new Clients(Host.CleartextChannel(tellerKey)))
        using (var byCertificate = new Clients(Host.TlsChannel(teller)))
        using (var anonymous = new Clients(GrpcChannel.ForAddress(Host.CleartextAddress)))
        {
            await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => byKey.Admin.RegisterClientCertificateAsync(Request()).ResponseAsync);
            await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => byCertificate.Admin.RegisterClientCertificateAsync(Request()).ResponseAsync);
            await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => anonymous.Admin.RegisterClientCertificateAsync(Request()).ResponseAsync);
        }

        using (Clients admin = Admin())
        {
            // A private key never travels to the service.
            RegisterClientCertificateRequest withKey = Request();
            using (ECDsa key = other.GetECDsaPrivateKey()!)
            {
                withKey.CertificatePem += key.ExportPkcs8PrivateKeyPem();
            }

            await RpcAssert.FailsOnFieldAsync(StatusCode.InvalidArgument, "certificate_pem", () => admin.Admin.RegisterClientCertificateAsync(withKey).ResponseAsync);
            RegisterClientCertificateRequest garbled = Request();
            garbled.CertificatePem = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
            await RpcAssert.FailsOnFieldAsync(StatusCode.InvalidArgument, "certificate_pem", () => admin.Admin.RegisterClientCertificateAsync(garbled).ResponseAsync);
            RegisterClientCertificateRequest shortThumbprint = Request();
            shortThumbprint.CertificateSha256 = "abcd";
            await RpcAssert.FailsOnFieldAsync(StatusCode.InvalidArgument, "certificate_sha256", () => admin.Admin.RegisterClientCertificateAsync(shortThumbprint).ResponseAsync);
            RegisterClientCertificateRequest none = Request();
            none.ClearCertificate();
            await RpcAssert.FailsOnFieldAsync(StatusCode.InvalidArgument, "certificate_pem", () => admin.Admin.RegisterClientCertificateAsync(none).ResponseAsync);
            RegisterClientCertificateRequest noRoles = Request();
            noRoles.Roles.Clear();
            await RpcAssert.FailsOnFieldAsync(StatusCode.InvalidArgument, "roles", () => admin.Admin.RegisterClientCertificateAsync(noRoles).ResponseAsync);

            // Once registered (revoked or not), a certificate cannot be registered again.
            await admin.Admin.RevokeCredentialAsync(new RevokeCredentialRequest { KeyId = registered.KeyId });
            RegisterClientCertificateRequest again = Request();
            again.CertificatePem = teller.ExportCertificatePem();
            Google.Rpc.Status? status = await RpcAssert.FailsAsync(StatusCode.AlreadyExists, () => admin.Admin.RegisterClientCertificateAsync(again).ResponseAsync);
            Assert.Equal("ALREADY_EXISTS", RpcAssert.Reason(status));
        }

        // A certificate credential has no secret: a bearer token naming its id is refused.
        using var forged = new Clients(Host.CleartextChannel($"smk_{registered.KeyId}_{new string('0', 64)}"));
        await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => forged.Accounts.GetAccountAsync(Probe).ResponseAsync);
    }
}

[CollectionDefinition("sqlite-mtls")]
public sealed class SqliteMutualTlsCollection : ICollectionFixture<SqliteMutualTlsHost>;

[CollectionDefinition("postgres-mtls")]
public sealed class PostgresMutualTlsCollection : ICollectionFixture<PostgresMutualTlsHost>;

/// <summary>The mTLS suite on SQLite.</summary>
[Collection("sqlite-mtls")]
public sealed class SqliteMutualTlsSuite(SqliteMutualTlsHost host) : MutualTlsSuite(host);

/// <summary>The mTLS suite on PostgreSQL (<c>SEALMATCH_TEST_POSTGRES</c>); reported as skipped when it is not set.</summary>
[Collection("postgres-mtls")]
public sealed class PostgresMutualTlsSuite(PostgresMutualTlsHost host) : MutualTlsSuite(host);
