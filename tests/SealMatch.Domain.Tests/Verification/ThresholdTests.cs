using SealMatch.Domain.Accounts;
using SealMatch.Domain.Verification;

namespace SealMatch.Domain.Tests.Verification;

public sealed class ThresholdTests
{
    private static readonly DecisionThresholds Defaults = new(0.9, 0.3);

    [Theory]
    [InlineData(0.5, 0.6)]
    [InlineData(1.1, 0.3)]
    [InlineData(0.9, -0.1)]
    [InlineData(double.NaN, 0.3)]
    public void Invalid_thresholds_are_rejected(double accept, double reject)
    {
        var e = Given.Violation(ViolationCode.InvalidValue, () => _ = new DecisionThresholds(accept, reject));
        Assert.Equal("thresholds", e.Field);
    }

    [Fact]
    public void Defaults_apply_when_no_override_matches()
    {
        var policy = new ThresholdPolicy(Defaults, [new ThresholdOverride(RiskTier.High, null, new DecisionThresholds(0.97, 0.5))]);
        Assert.Same(Defaults, policy.Resolve(RiskTier.Standard, new Money(1, "CNY")));
    }

    [Fact]
    public void Matching_overrides_combine_to_the_strictest_in_any_order()
    {
        var tier = new ThresholdOverride(RiskTier.Elevated, null, new DecisionThresholds(0.95, 0.3));
        var band = new ThresholdOverride(null, new AmountBand("CNY", 1_000_000), new DecisionThresholds(0.93, 0.45));
        var big = new Money(2_000_000, "CNY");

        var r1 = new ThresholdPolicy(Defaults, [tier, band]).Resolve(RiskTier.Elevated, big);
        var r2 = new ThresholdPolicy(Defaults, [band, tier]).Resolve(RiskTier.Elevated, big);

        Assert.Equal(0.95, r1.Accept);
        Assert.Equal(0.45, r1.Reject);
        Assert.Equal(r1, r2);
        Assert.Equal(0.93, new ThresholdPolicy(Defaults, [tier, band]).Resolve(RiskTier.Standard, big).Accept);
    }

    [Fact]
    public void Overrides_cannot_loosen_calibration()
    {
        var loose = new ThresholdOverride(null, null, new DecisionThresholds(0.5, 0.1));
        var r = new ThresholdPolicy(Defaults, [loose]).Resolve(RiskTier.Standard, new Money(1, "CNY"));
        Assert.Equal(0.9, r.Accept);
        Assert.Equal(0.3, r.Reject);
    }

    [Fact]
    public void Override_with_both_tier_and_band_needs_both()
    {
        var o = new ThresholdOverride(RiskTier.High, new AmountBand("CNY", 100), new DecisionThresholds(0.99, 0.5));
        Assert.True(o.AppliesTo(RiskTier.High, new Money(100, "CNY")));
        Assert.False(o.AppliesTo(RiskTier.High, new Money(99, "CNY")));
        Assert.False(o.AppliesTo(RiskTier.Standard, new Money(100, "CNY")));
    }

    [Fact]
    public void Malformed_override_band_is_rejected()
    {
        Given.Violation(
            ViolationCode.InvalidValue,
            () => _ = new ThresholdPolicy(Defaults, [new ThresholdOverride(null, new AmountBand("CNY", 10, 5), Defaults)]));
    }

    [Fact]
    public void Reason_codes_have_distinct_upper_snake_wire_names()
    {
        var names = Enum.GetValues<ReasonCode>().Select(c => c.ToWireName()).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.All(names, n => Assert.Matches("^[A-Z]+(_[A-Z]+)*$", n));
        Assert.Equal("NO_SEAL_FOUND", ReasonCode.NoSealFound.ToWireName());
        Assert.Equal("FORGERY_SUSPECTED", ReasonCode.ForgerySuspected.ToWireName());
    }
}
