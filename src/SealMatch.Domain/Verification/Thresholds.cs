using SealMatch.Domain.Accounts;

namespace SealMatch.Domain.Verification;

/// <summary>
/// Probability thresholds, with the engine's semantics: p ≥ <see cref="Accept"/> is a confident
/// match; p &lt; <see cref="Reject"/> is no match; in between is uncertain.
/// </summary>
public sealed record DecisionThresholds
{
    /// <summary>Creates thresholds; 0 ≤ reject ≤ accept ≤ 1, both finite.</summary>
    /// <exception cref="DomainRuleViolationException">Out of range or reject above accept (field <c>thresholds</c>).</exception>
    public DecisionThresholds(double accept, double reject)
    {
        if (!(reject >= 0 && reject <= accept && accept <= 1))
        {
            throw new DomainRuleViolationException(
                ViolationCode.InvalidValue, "Thresholds need 0 ≤ reject ≤ accept ≤ 1.", "thresholds");
        }

        Accept = accept;
        Reject = reject;
    }

    /// <summary>Confident-match threshold (inclusive).</summary>
    public double Accept { get; }

    /// <summary>No-match threshold: a probability below it is not a match.</summary>
    public double Reject { get; }

    /// <summary>Element-wise maximum: the stricter of both thresholds.</summary>
    public DecisionThresholds Stricter(DecisionThresholds other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Math.Max(Accept, other.Accept), Math.Max(Reject, other.Reject));
    }
}

/// <summary>
/// Tightens the default thresholds for a risk tier and/or an amount band.
/// </summary>
/// <param name="Tier">The tier it applies to; null for every tier.</param>
/// <param name="Band">The amounts it applies to; null for every amount.</param>
/// <param name="Thresholds">Thresholds for matching slips.</param>
public sealed record ThresholdOverride(RiskTier? Tier, AmountBand? Band, DecisionThresholds Thresholds)
{
    /// <summary>Whether the override applies to a slip of an account in <paramref name="tier"/> for <paramref name="amount"/>.</summary>
    public bool AppliesTo(RiskTier tier, Money amount) =>
        (Tier is null || Tier == tier) && (Band is null || Band.Contains(amount));
}

/// <summary>
/// The thresholds for a slip: the engine's calibrated defaults, tightened by every override that
/// applies to the account's tier and the slip's amount. Overrides only tighten (element-wise
/// maximum), so their order and overlaps do not matter and configuration cannot loosen calibration.
/// </summary>
public sealed class ThresholdPolicy
{
    /// <summary>Creates a policy.</summary>
    /// <param name="defaults">The engine's calibrated accept/reject thresholds.</param>
    /// <param name="overrides">Stricter thresholds per tier and/or band; bands are validated.</param>
    public ThresholdPolicy(DecisionThresholds defaults, IEnumerable<ThresholdOverride>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        Defaults = defaults;
        var list = overrides?.ToList() ?? [];
        foreach (var o in list)
        {
            ArgumentNullException.ThrowIfNull(o);
            ArgumentNullException.ThrowIfNull(o.Thresholds);
            o.Band?.Validate("thresholds.band");
        }

        Overrides = list.AsReadOnly();
    }

    /// <summary>The calibrated defaults.</summary>
    public DecisionThresholds Defaults { get; }

    /// <summary>The overrides.</summary>
    public IReadOnlyList<ThresholdOverride> Overrides { get; }

    /// <summary>The thresholds for a slip of <paramref name="amount"/> on an account in <paramref name="tier"/>.</summary>
    public DecisionThresholds Resolve(RiskTier tier, Money amount)
    {
        ArgumentNullException.ThrowIfNull(amount);
        var result = Defaults;
        foreach (var o in Overrides)
        {
            if (o.AppliesTo(tier, amount))
            {
                result = result.Stricter(o.Thresholds);
            }
        }

        return result;
    }
}
