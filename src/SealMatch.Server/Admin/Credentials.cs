using SealMatch.Data.Credentials;
using SealMatch.Domain.Security;
using SealMatch.Server.Security;

namespace SealMatch.Server.Admin;

/// <summary>Makes credential rows; a key's token is returned to be shown once.</summary>
internal static class Credentials
{
    public static (ApiCredential Credential, string Token) Create(string user, IEnumerable<Role> roles, string branch, string createdBy, DateTime now)
    {
        (string keyId, string token, byte[] hash) = ApiKey.Create();
        var credential = new ApiCredential
        {
            KeyId = keyId,
            User = user,
            Roles = RoleList(roles),
            Branch = branch,
            SecretHash = hash,
            CreatedAt = now,
            CreatedBy = createdBy,
        };
        return (credential, token);
    }

    /// <summary>A credential for a client certificate, named by its SHA-256 thumbprint; it has no secret.</summary>
    public static ApiCredential ForCertificate(string user, IEnumerable<Role> roles, string branch, string certificateSha256, string createdBy, DateTime now) => new()
    {
        KeyId = ApiKey.NewKeyId(),
        User = user,
        Roles = RoleList(roles),
        Branch = branch,
        CertificateSha256 = certificateSha256,
        CreatedAt = now,
        CreatedBy = createdBy,
    };

    /// <summary>The stored form of a role set: distinct names, in order, comma-separated.</summary>
    private static string RoleList(IEnumerable<Role> roles) => string.Join(',', roles.Distinct().Order().Select(RoleNames.Name));
}
