using SealMatch.Domain.Accounts;
using SealMatch.Domain.Security;
using SealMatch.Domain.Specimens;

namespace SealMatch.Domain.Tests.Accounts;

public sealed class AccountTests
{
    private static SigningPolicy Policy() =>
        SigningPolicy.Create([new SigningRule("r", new HashSet<SpecimenRole> { SpecimenRole.FinanceSeal })]);

    [Fact]
    public void Open_records_who_and_when()
    {
        var account = Given.Account(RiskTier.High);

        Assert.Equal(AccountStatus.Open, account.Status);
        Assert.Equal(RiskTier.High, account.RiskTier);
        Assert.Equal(Given.Clerk.UserId, account.CreatedBy);
        Assert.Equal(Given.T0, account.CreatedAt);
        Assert.Null(account.SigningPolicy);
        Assert.Null(account.ClosedAt);
    }

    [Fact]
    public void Open_requires_a_managing_role()
    {
        Given.Violation(
            ViolationCode.RoleRequired,
            () => Account.Open("a", "1", "n", Given.Branch, RiskTier.Standard, Given.Teller, Given.T0));
        Given.Violation(
            ViolationCode.RoleRequired,
            () => Account.Open("a", "1", "n", Given.Branch, RiskTier.Standard, Given.Approver, Given.T0));
        var byAdmin = Account.Open("a", "1", "n", "0202", RiskTier.Standard, Given.Admin, Given.T0);
        Assert.Equal("0202", byAdmin.BranchCode);
    }

    [Fact]
    public void Clerk_cannot_open_an_account_in_another_branch()
    {
        var e = Given.Violation(
            ViolationCode.BranchForbidden,
            () => Account.Open("a", "1", "n", "0202", RiskTier.Standard, Given.Clerk, Given.T0));
        Assert.Equal("branch_code", e.Field);
    }

    [Theory]
    [InlineData("", "n", "account_number")]
    [InlineData("1", " ", "name")]
    public void Open_validates_fields(string number, string name, string field)
    {
        var e = Given.Violation(
            ViolationCode.InvalidValue,
            () => Account.Open("a", number, name, Given.Branch, RiskTier.Standard, Given.Clerk, Given.T0));
        Assert.Equal(field, e.Field);
    }

    [Fact]
    public void Open_rejects_unknown_tier()
    {
        var e = Given.Violation(
            ViolationCode.InvalidValue,
            () => Account.Open("a", "1", "n", Given.Branch, (RiskTier)9, Given.Clerk, Given.T0));
        Assert.Equal("risk_tier", e.Field);
    }

    [Fact]
    public void Set_signing_policy_records_who_and_bumps_version()
    {
        var account = Given.Account();
        var before = account.Version;
        account.SetSigningPolicy(Policy(), Given.OtherClerk, Given.T0.AddHours(1));

        Assert.NotNull(account.SigningPolicy);
        Assert.Equal(Given.OtherClerk.UserId, account.SigningPolicySetBy);
        Assert.Equal(Given.T0.AddHours(1), account.SigningPolicySetAt);
        Assert.Equal(before + 1, account.Version);
    }

    [Fact]
    public void Set_signing_policy_checks_role_and_branch()
    {
        var account = Given.Account();
        Given.Violation(ViolationCode.RoleRequired, () => account.SetSigningPolicy(Policy(), Given.Teller, Given.T0));
        var otherBranchClerk = new Actor("c9", [Role.SpecimenClerk], "0909");
        Given.Violation(ViolationCode.BranchForbidden, () => account.SetSigningPolicy(Policy(), otherBranchClerk, Given.T0));
        Assert.Null(account.SigningPolicy);
    }

    [Fact]
    public void Close_then_close_again_or_set_rules_is_illegal()
    {
        var account = Given.Account();
        account.Close(Given.Admin, Given.T0.AddDays(3));

        Assert.Equal(AccountStatus.Closed, account.Status);
        Assert.Equal(Given.Admin.UserId, account.ClosedBy);
        Assert.Equal(Given.T0.AddDays(3), account.ClosedAt);
        Given.Violation(ViolationCode.AccountClosed, () => account.Close(Given.Admin, Given.T0.AddDays(4)));
        Given.Violation(ViolationCode.AccountClosed, () => account.SetSigningPolicy(Policy(), Given.Clerk, Given.T0.AddDays(4)));
        Assert.Equal(Given.T0.AddDays(3), account.ClosedAt);
        Assert.Null(account.SigningPolicy);
    }

    [Fact]
    public void Close_requires_a_managing_role()
    {
        var account = Given.Account();
        Given.Violation(ViolationCode.RoleRequired, () => account.Close(Given.Auditor, Given.T0));
        Assert.Equal(AccountStatus.Open, account.Status);
    }
}
