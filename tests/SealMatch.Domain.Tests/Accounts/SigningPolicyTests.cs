using SealMatch.Domain.Accounts;
using SealMatch.Domain.Specimens;

namespace SealMatch.Domain.Tests.Accounts;

public sealed class SigningPolicyTests
{
    private static readonly HashSet<SpecimenRole> FinanceAndLegal = [SpecimenRole.FinanceSeal, SpecimenRole.LegalRepresentativeSeal];

    [Fact]
    public void Empty_policy_is_rejected()
    {
        var e = Given.Violation(ViolationCode.InvalidValue, () => SigningPolicy.Create([]));
        Assert.Equal("rules", e.Field);
    }

    [Fact]
    public void Rule_without_roles_is_rejected_with_its_index()
    {
        var e = Given.Violation(
            ViolationCode.InvalidValue,
            () => SigningPolicy.Create([new SigningRule("a", FinanceAndLegal), new SigningRule("b", new HashSet<SpecimenRole>())]));
        Assert.Equal("rules[1].required_roles", e.Field);
    }

    [Fact]
    public void Duplicate_and_blank_names_are_rejected()
    {
        var dup = Given.Violation(
            ViolationCode.InvalidValue,
            () => SigningPolicy.Create([new SigningRule("a", FinanceAndLegal), new SigningRule("a", FinanceAndLegal)]));
        Assert.Equal("rules[1].name", dup.Field);
        var blank = Given.Violation(ViolationCode.InvalidValue, () => SigningPolicy.Create([new SigningRule("  ", FinanceAndLegal)]));
        Assert.Equal("rules[0].name", blank.Field);
    }

    [Fact]
    public void Unknown_role_is_rejected()
    {
        var e = Given.Violation(
            ViolationCode.InvalidValue,
            () => SigningPolicy.Create([new SigningRule("a", new HashSet<SpecimenRole> { (SpecimenRole)42 })]));
        Assert.Equal("rules[0].required_roles", e.Field);
    }

    [Fact]
    public void Malformed_band_is_rejected()
    {
        var e = Given.Violation(
            ViolationCode.InvalidValue,
            () => SigningPolicy.Create([new SigningRule("a", FinanceAndLegal, new AmountBand("CNY", 500, 100))]));
        Assert.Equal("rules[0].amount_band.max_minor_units", e.Field);
        var c = Given.Violation(
            ViolationCode.InvalidValue,
            () => SigningPolicy.Create([new SigningRule("a", FinanceAndLegal, new AmountBand("yuan"))]));
        Assert.Equal("rules[0].amount_band.currency", c.Field);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    public void Threshold_outside_open_unit_interval_is_rejected(double threshold)
    {
        var e = Given.Violation(
            ViolationCode.InvalidValue,
            () => SigningPolicy.Create([new SigningRule("a", FinanceAndLegal, AcceptThreshold: threshold)]));
        Assert.Equal("rules[0].accept_threshold", e.Field);
    }

    [Fact]
    public void Valid_policy_keeps_order_and_is_insulated_from_caller_changes()
    {
        var roles = new HashSet<SpecimenRole> { SpecimenRole.CompanySeal, SpecimenRole.Signatory };
        var policy = SigningPolicy.Create(
        [
            new SigningRule("finance+legal", FinanceAndLegal, new AmountBand("CNY", 0, 100_000)),
            new SigningRule("company+signatory", roles, AcceptThreshold: 0.97),
        ]);
        roles.Add(SpecimenRole.FinanceSeal);

        Assert.Equal(["finance+legal", "company+signatory"], policy.Rules.Select(r => r.Name));
        Assert.Equal(2, policy.Rules[1].RequiredRoles.Count);
    }

    [Fact]
    public void Applicable_rules_follow_the_bands()
    {
        var policy = SigningPolicy.Create(
        [
            new SigningRule("small", FinanceAndLegal, new AmountBand("CNY", 0, 100_000)),
            new SigningRule("large", FinanceAndLegal, new AmountBand("CNY", 100_000)),
            new SigningRule("any", FinanceAndLegal),
        ]);

        Assert.Equal(["small", "any"], policy.ApplicableTo(new Money(99_999, "CNY")).Select(r => r.Name));
        Assert.Equal(["large", "any"], policy.ApplicableTo(new Money(100_000, "CNY")).Select(r => r.Name));
        Assert.Equal(["any"], policy.ApplicableTo(new Money(100_000, "USD")).Select(r => r.Name));
    }

    [Fact]
    public void Rule_threshold_only_tightens()
    {
        var strict = new SigningRule("s", FinanceAndLegal, AcceptThreshold: 0.97);
        var loose = new SigningRule("l", FinanceAndLegal, AcceptThreshold: 0.5);
        var none = new SigningRule("n", FinanceAndLegal);

        Assert.Equal(0.97, strict.EffectiveAcceptThreshold(0.9));
        Assert.Equal(0.9, loose.EffectiveAcceptThreshold(0.9));
        Assert.Equal(0.9, none.EffectiveAcceptThreshold(0.9));
    }
}
