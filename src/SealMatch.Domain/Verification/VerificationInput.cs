using SealMatch.Domain.Accounts;
using SealMatch.Domain.Specimens;

namespace SealMatch.Domain.Verification;

/// <summary>A specimen as the verification policy sees it for one slip date.</summary>
/// <param name="SpecimenId">Its id.</param>
/// <param name="Role">Its role.</param>
/// <param name="Usability">Its usability on the slip date.</param>
/// <param name="LossReported">A loss was reported; a match to it is never explained away by another specimen.</param>
public sealed record SpecimenStanding(string SpecimenId, SpecimenRole Role, SpecimenUsability Usability, bool LossReported = false)
{
    /// <summary>The standing of <paramref name="specimen"/> for a slip dated <paramref name="slipDate"/>.</summary>
    public static SpecimenStanding Of(Specimen specimen, DateOnly slipDate)
    {
        ArgumentNullException.ThrowIfNull(specimen);
        return new(specimen.Id, specimen.Role, specimen.UsabilityOn(slipDate), specimen.LossReported);
    }
}

/// <summary>Everything the verification policy decides on. Build it with <see cref="For"/> from the aggregates.</summary>
public sealed record VerificationInput
{
    /// <summary>The account's signing rules; null when none are set (the slip then cannot pass).</summary>
    public required SigningPolicy? SigningPolicy { get; init; }

    /// <summary>The account's risk tier.</summary>
    public required RiskTier RiskTier { get; init; }

    /// <summary>The date written on the slip.</summary>
    public required DateOnly SlipDate { get; init; }

    /// <summary>The slip's amount.</summary>
    public required Money Amount { get; init; }

    /// <summary>Every specimen of the account (any status), as of <see cref="SlipDate"/>.</summary>
    public required IReadOnlyList<SpecimenStanding> Specimens { get; init; }

    /// <summary>Thresholds per tier and band, for seal impressions.</summary>
    public required ThresholdPolicy Thresholds { get; init; }

    /// <summary>
    /// Thresholds for signatures (their own calibrated model); null: the seal thresholds. The seal
    /// policy's overrides tighten these too, since an override is a floor on a calibrated probability.
    /// </summary>
    public ThresholdPolicy? SignatureThresholds { get; init; }

    /// <summary>What the engine found.</summary>
    public required SlipEvidence Evidence { get; init; }

    /// <summary>
    /// Builds the input from the aggregates. The account must be open; every specimen must belong to it.
    /// </summary>
    /// <exception cref="DomainRuleViolationException">The account is closed.</exception>
    public static VerificationInput For(
        Account account,
        DateOnly slipDate,
        Money amount,
        IEnumerable<Specimen> specimens,
        ThresholdPolicy thresholds,
        SlipEvidence evidence,
        ThresholdPolicy? signatureThresholds = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(specimens);
        account.EnsureOpen();
        var standings = new List<SpecimenStanding>();
        foreach (var s in specimens)
        {
            if (!string.Equals(s.AccountId, account.Id, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Specimen {s.Id} belongs to another account.", nameof(specimens));
            }

            standings.Add(SpecimenStanding.Of(s, slipDate));
        }

        return new VerificationInput
        {
            SigningPolicy = account.SigningPolicy,
            RiskTier = account.RiskTier,
            SlipDate = slipDate,
            Amount = amount,
            Specimens = standings,
            Thresholds = thresholds,
            SignatureThresholds = signatureThresholds,
            Evidence = evidence,
        };
    }
}
