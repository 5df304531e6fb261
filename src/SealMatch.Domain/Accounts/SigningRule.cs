using SealMatch.Domain.Specimens;

namespace SealMatch.Domain.Accounts;

/// <summary>
/// One alternative of an account's signing policy: the specimen roles that must all be present on a
/// slip, optionally only for amounts in a band and with a stricter accept threshold.
/// Validated as part of <see cref="SigningPolicy.Create"/>.
/// </summary>
/// <param name="Name">Name unique within the policy, shown in verification results.</param>
/// <param name="RequiredRoles">Roles that must all be matched; a set, so each role at most once.</param>
/// <param name="Band">Amounts the rule applies to; null for every amount in every currency.</param>
/// <param name="AcceptThreshold">
/// Accept threshold for this rule in (0, 1). It can only tighten: the effective threshold is the
/// larger of this and the account's threshold for the slip.
/// </param>
public sealed record SigningRule(
    string Name,
    IReadOnlySet<SpecimenRole> RequiredRoles,
    AmountBand? Band = null,
    double? AcceptThreshold = null)
{
    /// <summary>Whether the rule applies to a slip of <paramref name="amount"/>.</summary>
    public bool AppliesTo(Money amount) => Band is null || Band.Contains(amount);

    /// <summary>The threshold a match must reach to satisfy a role of this rule, given the slip's base accept threshold.</summary>
    public double EffectiveAcceptThreshold(double baseAcceptThreshold) =>
        AcceptThreshold is { } own ? Math.Max(own, baseAcceptThreshold) : baseAcceptThreshold;
}
