using SealMatch.Domain.Accounts;
using SealMatch.Domain.Verification;
using SealMatch.Engine.Comparison;

namespace SealMatch.Server.Verification;

/// <summary>
/// <c>Verification</c> configuration: the accept/reject thresholds (default: the engine's calibrated
/// model) and stricter overrides per risk tier and/or amount band.
/// </summary>
internal sealed class VerificationThresholdOptions
{
    /// <summary>Accept threshold; null takes the calibrated one.</summary>
    public double? AcceptThreshold { get; set; }

    /// <summary>Reject threshold; null takes the calibrated one.</summary>
    public double? RejectThreshold { get; set; }

    /// <summary>Signature accept threshold; null takes the signature model's calibrated one.</summary>
    public double? SignatureAcceptThreshold { get; set; }

    /// <summary>Signature reject threshold; null takes the signature model's calibrated one.</summary>
    public double? SignatureRejectThreshold { get; set; }

    /// <summary>Stricter thresholds for some tiers and amounts (they can only tighten).</summary>
    public List<ThresholdOverrideOptions> Overrides { get; } = [];

    /// <summary>How often a watched verification is re-read, in milliseconds.</summary>
    public int WatchPollMilliseconds { get; set; } = 1000;

    /// <summary>
    /// The signature thresholds: configured, else the signature model's calibrated ones; null when
    /// neither exists (signatures are then held to the seal thresholds).
    /// </summary>
    public ThresholdPolicy? ToSignaturePolicy(Engine.Signatures.SignatureScoreModel? model)
    {
        double? accept = SignatureAcceptThreshold ?? model?.AcceptThreshold;
        double? reject = SignatureRejectThreshold ?? model?.RejectThreshold;
        return accept is double a && reject is double r ? new ThresholdPolicy(new DecisionThresholds(a, r)) : null;
    }

    public ThresholdPolicy ToPolicy(ScoreModel? model)
    {
        double accept = AcceptThreshold ?? model?.AcceptThreshold
            ?? throw new InvalidOperationException("The engine has no calibrated score model; set Verification:AcceptThreshold and RejectThreshold.");
        double reject = RejectThreshold ?? model?.RejectThreshold ?? throw new InvalidOperationException("Set Verification:RejectThreshold.");
        return new ThresholdPolicy(new DecisionThresholds(accept, reject), Overrides.Select(o => o.ToDomain(accept, reject)));
    }
}

/// <summary>One override: which slips (tier and/or band) and the thresholds for them.</summary>
internal sealed class ThresholdOverrideOptions
{
    public RiskTier? Tier { get; set; }

    public string? Currency { get; set; }

    public long MinMinorUnits { get; set; }

    public long? MaxMinorUnits { get; set; }

    public double? AcceptThreshold { get; set; }

    public double? RejectThreshold { get; set; }

    public ThresholdOverride ToDomain(double defaultAccept, double defaultReject) => new(
        Tier,
        Currency is null ? null : new AmountBand(Currency, MinMinorUnits, MaxMinorUnits),
        new DecisionThresholds(AcceptThreshold ?? defaultAccept, RejectThreshold ?? defaultReject));
}
