using SealMatch.Domain.Security;

namespace SealMatch.Domain.Tests.Security;

public sealed class ActorTests
{
    [Fact]
    public void Has_reports_only_held_roles()
    {
        var actor = new Actor("u", [Role.Teller, Role.Teller, Role.Reviewer], "01");

        Assert.True(actor.Has(Role.Teller));
        Assert.True(actor.Has(Role.Reviewer));
        Assert.False(actor.Has(Role.Admin));
        Assert.Equal(2, actor.Roles.Count);
    }

    [Fact]
    public void Require_throws_role_required_with_permission_denied_category()
    {
        var e = Given.Violation(ViolationCode.RoleRequired, () => Given.Teller.Require(Role.SpecimenApprover));
        Assert.Equal(ViolationCategory.PermissionDenied, e.Category);
        Given.Teller.Require(Role.Teller);
    }

    [Fact]
    public void RequireAny_passes_on_any_held_role_and_fails_on_none()
    {
        Given.Approver.RequireAny(Role.SpecimenClerk, Role.SpecimenApprover);
        Given.Violation(ViolationCode.RoleRequired, () => Given.Auditor.RequireAny(Role.SpecimenClerk, Role.SpecimenApprover));
    }

    [Fact]
    public void Tellers_and_clerks_see_only_their_branch()
    {
        Assert.True(Given.Teller.IsBranchScoped);
        Assert.True(Given.Clerk.CanAccessBranch(Given.Branch));
        Assert.False(Given.Clerk.CanAccessBranch("0202"));
        var e = Given.Violation(ViolationCode.BranchForbidden, () => Given.Teller.EnsureCanAccessBranch("0202"));
        Assert.Equal("account_id", e.Field);
    }

    [Fact]
    public void Other_roles_see_every_branch()
    {
        Assert.False(Given.Auditor.IsBranchScoped);
        Assert.True(Given.Auditor.CanAccessBranch("0202"));
        Assert.True(Given.Approver.CanAccessBranch("0202"));
        var mixed = new Actor("m", [Role.Teller, Role.Reviewer], "01");
        Assert.True(mixed.CanAccessBranch("99"));
    }

    [Theory]
    [InlineData(ViolationCode.InvalidValue, ViolationCategory.InvalidArgument)]
    [InlineData(ViolationCode.RoleRequired, ViolationCategory.PermissionDenied)]
    [InlineData(ViolationCode.BranchForbidden, ViolationCategory.PermissionDenied)]
    [InlineData(ViolationCode.FourEyes, ViolationCategory.PermissionDenied)]
    [InlineData(ViolationCode.IllegalTransition, ViolationCategory.FailedPrecondition)]
    [InlineData(ViolationCode.AccountClosed, ViolationCategory.FailedPrecondition)]
    [InlineData(ViolationCode.PendingChangeExists, ViolationCategory.FailedPrecondition)]
    [InlineData(ViolationCode.NoPendingChange, ViolationCategory.FailedPrecondition)]
    public void Every_code_maps_to_a_status_family(ViolationCode code, ViolationCategory expected) =>
        Assert.Equal(expected, DomainRuleViolationException.CategoryOf(code));
}
