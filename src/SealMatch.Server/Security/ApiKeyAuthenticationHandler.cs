using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SealMatch.Data;
using SealMatch.Data.Credentials;

namespace SealMatch.Server.Security;

/// <summary>
/// Authenticates <c>authorization: Bearer smk_…</c> against the stored credential hashes. The
/// principal (<see cref="CredentialPrincipal"/>) carries the user, one role claim per role and the branch.
/// </summary>
internal sealed partial class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    SealMatchDbContext db)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        const string bearer = "Bearer ";
        if (!header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase)
            || !ApiKey.TryParse(header[bearer.Length..].Trim(), out string? keyId, out string? secret))
        {
            return AuthenticateResult.Fail("Malformed API key.");
        }

        ApiCredential? credential = await db.Credentials.AsNoTracking()
            .SingleOrDefaultAsync(c => c.KeyId == keyId, Context.RequestAborted);
        // A certificate credential has no secret: no bearer token can ever match it.
        if (credential?.SecretHash is null || !ApiKey.Matches(keyId, secret, credential.SecretHash))
        {
            Log.Refused(Logger, keyId);
            return AuthenticateResult.Fail("Unknown API key.");
        }

        if (credential.RevokedAt is not null)
        {
            Log.Revoked(Logger, keyId);
            return AuthenticateResult.Fail("The API key was revoked.");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(CredentialPrincipal.Create(credential, SchemeName), SchemeName));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Refused an unknown API key {KeyId}")]
        public static partial void Refused(ILogger logger, string keyId);

        [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Refused revoked API key {KeyId}")]
        public static partial void Revoked(ILogger logger, string keyId);
    }
}
