using System.Security.Claims;
using Grpc.Core;
using SealMatch.Domain.Security;

namespace SealMatch.Server.Security;

/// <summary>The domain <see cref="Actor"/> behind a call, from the authenticated principal.</summary>
internal static class Actors
{
    public static Actor GetActor(this ServerCallContext context)
    {
        ClaimsPrincipal user = context.GetHttpContext().User;
        string id = user.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new RpcException(new Status(StatusCode.Unauthenticated, "No authenticated user."));
        string branch = user.FindFirstValue(CredentialPrincipal.BranchClaim) ?? string.Empty;
        var roles = user.FindAll(ClaimTypes.Role).Select(c => RoleNames.TryParse(c.Value)).OfType<Role>();
        return new Actor(id, roles, branch);
    }
}

/// <summary>Role names as stored and as used in <c>[Authorize]</c>: <c>SPECIMEN_CLERK</c> ↔ <see cref="Role.SpecimenClerk"/>.</summary>
internal static class RoleNames
{
    public static string Name(Role role) => role switch
    {
        Role.Teller => UserRoles.Teller,
        Role.SpecimenClerk => UserRoles.SpecimenClerk,
        Role.SpecimenApprover => UserRoles.SpecimenApprover,
        Role.Reviewer => UserRoles.Reviewer,
        Role.ReviewSupervisor => UserRoles.ReviewSupervisor,
        Role.Auditor => UserRoles.Auditor,
        Role.Admin => UserRoles.Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static Role? TryParse(string name) =>
        Enum.GetValues<Role>().Cast<Role?>().FirstOrDefault(r => string.Equals(Name(r!.Value), name, StringComparison.Ordinal));
}
