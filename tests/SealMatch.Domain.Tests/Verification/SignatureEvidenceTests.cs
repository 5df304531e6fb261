using SealMatch.Domain.Accounts;
using SealMatch.Domain.Specimens;
using SealMatch.Domain.Verification;
using static SealMatch.Domain.Tests.Verification.Slip;

namespace SealMatch.Domain.Tests.Verification;

/// <summary>Signatures judged with their own calibrated thresholds beside seals under the same rules.</summary>
public sealed class SignatureEvidenceTests
{
    private static readonly ThresholdPolicy SignatureCalibration = new(new DecisionThresholds(accept: 0.8, reject: 0.1));

    [Fact]
    public void A_signature_passes_at_the_signature_accept_threshold_not_the_seal_one()
    {
        var o = new Slip { SignatureThresholds = SignatureCalibration }.Stamp((Com, 0.95)).Signature((Sig, 0.85)).Verify();

        Assert.Equal(Decision.Accept, o.Decision);
        Assert.Equal("company+signatory", o.SatisfiedRule);
        Assert.Equal(EvidenceKind.Signature, o.Findings[1].Kind);
        Assert.Equal(EvidenceKind.Seal, o.Findings[0].Kind);
        Assert.Equal(0.8, o.SignatureThresholds.Accept);
        Assert.Equal(0.9, o.Thresholds.Accept);
    }

    [Fact]
    public void Without_signature_thresholds_a_signature_is_held_to_the_seal_ones()
    {
        var o = new Slip().Stamp((Com, 0.95)).Signature((Sig, 0.85)).Verify();

        Assert.Equal(Decision.Review, o.Decision);
        Assert.Contains(o.Reasons, r => r.Code == ReasonCode.LowConfidence && r.Detail.Contains("0.900", StringComparison.Ordinal));
        Assert.Same(o.Thresholds, o.SignatureThresholds);
    }

    [Fact]
    public void A_seal_is_never_judged_by_the_looser_signature_threshold()
    {
        var o = new Slip { SignatureThresholds = SignatureCalibration }.Stamp((Com, 0.85)).Signature((Sig, 0.95)).Verify();

        Assert.Equal(Decision.Review, o.Decision);
        var rule = o.Rules.Single(r => r.RuleName == "company+signatory");
        Assert.Equal([SpecimenRole.CompanySeal], rule.RolesUncertain);
        Assert.Equal([SpecimenRole.Signatory], rule.RolesSatisfied);
    }

    [Fact]
    public void A_signature_below_the_signature_reject_threshold_is_unknown_and_the_rule_fails()
    {
        var o = new Slip { SignatureThresholds = SignatureCalibration }
            .Rules(CompanyAndSignatory).Stamp((Com, 0.97)).Signature((Sig, 0.05)).Verify();

        Assert.Equal(Decision.Reject, o.Decision);
        Assert.Null(o.Findings[1].SpecimenId);
        Assert.Contains(ReasonCode.UnknownSeal, o.Findings[1].Reasons);
        Assert.Contains(o.Reasons, r => r.Code == ReasonCode.UnknownSeal && r.Detail.Contains("signature", StringComparison.Ordinal));
        Assert.Contains(o.Reasons, r => r.Code == ReasonCode.ForgerySuspected);
    }

    [Fact]
    public void A_signature_between_the_signature_thresholds_goes_to_review_naming_its_threshold()
    {
        var o = new Slip { SignatureThresholds = SignatureCalibration }
            .Rules(CompanyAndSignatory).Stamp((Com, 0.97)).Signature((Sig, 0.5)).Verify();

        Assert.Equal(Decision.Review, o.Decision);
        Assert.Contains(o.Reasons, r => r.Code == ReasonCode.LowConfidence && r.Detail.Contains("0.800", StringComparison.Ordinal));
    }

    [Fact]
    public void Overrides_for_the_tier_and_amount_tighten_signature_thresholds_too()
    {
        var strict = new ThresholdPolicy(Calibrated, [new ThresholdOverride(RiskTier.High, null, new DecisionThresholds(0.95, 0.3))]);
        var o = new Slip { Thresholds = strict, SignatureThresholds = SignatureCalibration, Tier = RiskTier.High }
            .Rules(CompanyAndSignatory).Stamp((Com, 0.97)).Signature((Sig, 0.9)).Verify();

        Assert.Equal(Decision.Review, o.Decision);
        Assert.Equal(0.95, o.SignatureThresholds.Accept);
        Assert.Equal(0.3, o.SignatureThresholds.Reject);
    }

    [Fact]
    public void A_signature_matching_a_frozen_signatory_rejects()
    {
        var o = new Slip { SignatureThresholds = SignatureCalibration }
            .With(Sig, SpecimenRole.Signatory, SpecimenUsability.Frozen)
            .Stamp((Com, 0.97)).Signature((Sig, 0.9)).Verify();

        Assert.Equal(Decision.Reject, o.Decision);
        Assert.Contains(o.Reasons, r => r.Code == ReasonCode.SpecimenFrozen);
    }
}
