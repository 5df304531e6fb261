using SealMatch.Domain.Accounts;
using SealMatch.Domain.Security;
using SealMatch.Domain.Specimens;

namespace SealMatch.Domain.Tests;

/// <summary>Shared actors, times and aggregates; each test builds its own instances.</summary>
internal static class Given
{
    public const string Branch = "0101";

    public static readonly DateTimeOffset T0 = new(2025, 3, 1, 9, 0, 0, TimeSpan.FromHours(8));

    public static readonly DateOnly From = new(2025, 3, 1);

    public static Actor Clerk { get; } = new("clerk-1", [Role.SpecimenClerk], Branch);

    public static Actor OtherClerk { get; } = new("clerk-2", [Role.SpecimenClerk], Branch);

    public static Actor Approver { get; } = new("approver-1", [Role.SpecimenApprover], Branch);

    public static Actor OtherApprover { get; } = new("approver-2", [Role.SpecimenApprover], Branch);

    /// <summary>One person holding both maker and checker roles: four eyes must still stop them.</summary>
    public static Actor MakerChecker { get; } = new("both-1", [Role.SpecimenClerk, Role.SpecimenApprover], Branch);

    public static Actor Admin { get; } = new("admin-1", [Role.Admin], "HQ");

    public static Actor Teller { get; } = new("teller-1", [Role.Teller], Branch);

    public static Actor Auditor { get; } = new("auditor-1", [Role.Auditor], "HQ");

    public static Account Account(RiskTier tier = RiskTier.Standard) =>
        SealMatch.Domain.Accounts.Account.Open("acc-1", "6222000011112222", "Example Trading Co., Ltd.", Branch, tier, Clerk, T0);

    public static Specimen Pending(SpecimenRole role = SpecimenRole.FinanceSeal, Actor? clerk = null, DateOnly? from = null) =>
        Specimen.Submit("sp-1", Account(), role, role == SpecimenRole.Signatory ? "Zhang San" : null, from ?? From, clerk ?? Clerk, T0);

    public static Specimen Active(SpecimenRole role = SpecimenRole.FinanceSeal, DateOnly? from = null)
    {
        var s = Pending(role, from: from);
        s.Approve(Approver, T0.AddMinutes(5));
        return s;
    }

    public static Specimen Frozen()
    {
        var s = Active();
        s.Freeze(Clerk, "Seal reported lost.", T0.AddDays(1));
        return s;
    }

    public static DomainRuleViolationException Violation(ViolationCode code, Action act)
    {
        var e = Assert.Throws<DomainRuleViolationException>(act);
        Assert.Equal(code, e.Code);
        return e;
    }
}
