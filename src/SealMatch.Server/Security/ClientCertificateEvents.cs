using Microsoft.AspNetCore.Authentication.Certificate;
using Microsoft.EntityFrameworkCore;
using SealMatch.Data;
using SealMatch.Data.Credentials;

namespace SealMatch.Server.Security;

/// <summary>
/// Runs after the certificate handler has validated a client certificate (chain to the configured CA
/// only, validity period, client-auth use, revocation as configured): maps its SHA-256 thumbprint to
/// the registered credential. A valid certificate that is not registered gives no result (a bearer key
/// on the same call may then authenticate it; see <see cref="CredentialAuthenticationHandler"/>).
/// </summary>
internal sealed partial class ClientCertificateEvents(SealMatchDbContext db, ILogger<ClientCertificateEvents> logger) : CertificateAuthenticationEvents
{
    public override async Task CertificateValidated(CertificateValidatedContext context)
    {
        string sha256 = ClientCertificates.Sha256(context.ClientCertificate);
        ApiCredential? credential = await db.Credentials.AsNoTracking()
            .SingleOrDefaultAsync(c => c.CertificateSha256 == sha256, context.HttpContext.RequestAborted);
        if (credential is null)
        {
            context.NoResult();
            return;
        }

        if (credential.RevokedAt is not null)
        {
            Log.Revoked(logger, credential.KeyId, sha256);
            context.Fail("The client certificate's credential was revoked.");
            return;
        }

        context.Principal = CredentialPrincipal.Create(credential, context.Scheme.Name);
        context.Success();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "Refused the client certificate {Sha256} of revoked credential {KeyId}")]
        public static partial void Revoked(ILogger logger, string keyId, string sha256);
    }
}
