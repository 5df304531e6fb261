using System.Security.Cryptography.X509Certificates;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Certificate;
using Microsoft.Extensions.Options;

namespace SealMatch.Server.Security;

/// <summary>
/// The default scheme: decides which credential a call presents and forwards to the bearer-key or the
/// client-certificate handler. The rules, strictest first:
/// <list type="bullet">
/// <item>A client certificate, when one is presented, must be valid (issued by the configured CA,
/// within its validity, client-auth use, not revoked where revocation is checked) whatever else the
/// call carries; otherwise the call is unauthenticated.</item>
/// <item>A registered certificate is the call's identity. A bearer key on the same call is refused:
/// a call carries one identity, never two that could disagree.</item>
/// <item>A valid certificate that is not registered admits nothing by itself; it only gates the
/// connection, and a bearer key on the call is then the identity.</item>
/// <item>No certificate (the h2c endpoint, or a TLS client without one): the bearer key.</item>
/// </list>
/// Both paths give the same principal (<see cref="CredentialPrincipal"/>), so the per-RPC roles and the
/// branch scoping apply alike.
/// </summary>
internal sealed partial class CredentialAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "Credential";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        X509Certificate2? certificate = Request.IsHttps ? await Context.Connection.GetClientCertificateAsync(Context.RequestAborted) : null;
        if (certificate is null)
        {
            return await Context.AuthenticateAsync(ApiKeyAuthenticationHandler.SchemeName);
        }

        bool hasBearer = !string.IsNullOrEmpty(Request.Headers.Authorization);
        AuthenticateResult byCertificate = await Context.AuthenticateAsync(CertificateAuthenticationDefaults.AuthenticationScheme);
        if (byCertificate.Failure is not null)
        {
            Log.CertificateRefused(Logger, ClientCertificates.Sha256(certificate), byCertificate.Failure.Message);
            return AuthenticateResult.Fail(byCertificate.Failure.Message);
        }

        if (byCertificate.Succeeded)
        {
            if (hasBearer)
            {
                Log.TwoIdentities(Logger, ClientCertificates.Sha256(certificate));
                return AuthenticateResult.Fail("The call presents both a registered client certificate and a bearer key; present one.");
            }

            return byCertificate;
        }

        if (hasBearer)
        {
            return await Context.AuthenticateAsync(ApiKeyAuthenticationHandler.SchemeName);
        }

        Log.CertificateNotRegistered(Logger, ClientCertificates.Sha256(certificate));
        return AuthenticateResult.Fail("The client certificate is not registered.");
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1021, Level = LogLevel.Warning, Message = "Refused client certificate {Sha256}: {Reason}")]
        public static partial void CertificateRefused(ILogger logger, string sha256, string reason);

        [LoggerMessage(EventId = 1022, Level = LogLevel.Warning, Message = "Refused a call with both the registered client certificate {Sha256} and a bearer key")]
        public static partial void TwoIdentities(ILogger logger, string sha256);

        [LoggerMessage(EventId = 1023, Level = LogLevel.Warning, Message = "Refused unregistered client certificate {Sha256} (no bearer key)")]
        public static partial void CertificateNotRegistered(ILogger logger, string sha256);
    }
}
