using SealMatch.Data.Credentials;
using SealMatch.Domain.Security;
using SealMatch.Server.Security;

namespace SealMatch.Server.Admin;

/// <summary>Makes credential rows; the token is returned to be shown once.</summary>
internal static class Credentials
{
    public static (ApiCredential Credential, string Token) Create(string user, IEnumerable<Role> roles, string branch, string createdBy, DateTime now)
    {
        (string keyId, string token, byte[] hash) = ApiKey.Create();
        var credential = new ApiCredential
        {
            KeyId = keyId,
            User = user,
            Roles = string.Join(',', roles.Distinct().Order().Select(RoleNames.Name)),
            Branch = branch,
            SecretHash = hash,
            CreatedAt = now,
            CreatedBy = createdBy,
        };
        return (credential, token);
    }
}
