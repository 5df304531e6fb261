using System.Security.Claims;
using SealMatch.Data.Credentials;

namespace SealMatch.Server.Security;

/// <summary>
/// The principal of an authenticated credential, the same whichever way it was presented (bearer key
/// or client certificate), so <c>[Authorize(Roles = …)]</c> and branch scoping treat both alike.
/// </summary>
internal static class CredentialPrincipal
{
    public const string BranchClaim = "sealmatch:branch";
    public const string KeyIdClaim = "sealmatch:key_id";

    public static ClaimsPrincipal Create(ApiCredential credential, string authenticationType)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, credential.User),
            new(ClaimTypes.Name, credential.User),
            new(BranchClaim, credential.Branch),
            new(KeyIdClaim, credential.KeyId),
        };
        claims.AddRange(credential.RoleList.Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType));
    }
}
