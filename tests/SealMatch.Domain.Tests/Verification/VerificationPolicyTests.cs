using SealMatch.Domain.Accounts;
using SealMatch.Domain.Specimens;
using SealMatch.Domain.Verification;
using static SealMatch.Domain.Tests.Verification.Slip;

namespace SealMatch.Domain.Tests.Verification;

public sealed class VerificationPolicyTests
{
    private static ReasonCode[] Codes(VerificationOutcome o) => [.. o.Reasons.Select(r => r.Code).Distinct()];

    private static RuleEvaluation RuleNamed(VerificationOutcome o, string name) => o.Rules.Single(r => r.RuleName == name);

    // ---- Accept ----
    [Fact]
    public void Every_required_role_confidently_matched_accepts()
    {
        var o = new Slip().Stamp((Fin, 0.95), (Leg, 0.2)).Stamp((Fin, 0.1), (Leg, 0.93)).Verify();

        Assert.Equal(Decision.Accept, o.Decision);
        Assert.Equal("finance+legal", o.SatisfiedRule);
        Assert.Empty(o.Reasons);
        Assert.Equal([Fin, Leg], o.Findings.Select(f => f.SpecimenId));
        Assert.Equal([SpecimenRole.FinanceSeal, SpecimenRole.LegalRepresentativeSeal], o.Findings.Select(f => f.Role!.Value));
        Assert.Equal([0.95, 0.93], o.Findings.Select(f => f.Probability));
        Assert.All(o.Findings, f => Assert.Empty(f.Reasons));
        var rule = RuleNamed(o, "finance+legal");
        Assert.Equal(RuleStatus.Satisfied, rule.Status);
        Assert.Equal([SpecimenRole.FinanceSeal, SpecimenRole.LegalRepresentativeSeal], rule.RolesSatisfied);
        Assert.Equal(RuleStatus.NotSatisfied, RuleNamed(o, "company+signatory").Status);
        Assert.Same(Calibrated, o.Thresholds);
    }

    [Fact]
    public void Accept_threshold_is_inclusive()
    {
        var o = new Slip().Stamp((Fin, 0.9)).Stamp((Leg, 0.9)).Verify();
        Assert.Equal(Decision.Accept, o.Decision);
    }

    [Fact]
    public void Any_alternative_rule_may_satisfy_the_slip_including_signatures()
    {
        var o = new Slip().Stamp((Com, 0.97), (Fin, 0.4)).Stamp((Sig, 0.91)).Verify();

        Assert.Equal(Decision.Accept, o.Decision);
        Assert.Equal("company+signatory", o.SatisfiedRule);
        Assert.Equal(RuleStatus.NotSatisfied, RuleNamed(o, "finance+legal").Status);
        Assert.Equal(
            [SpecimenRole.FinanceSeal, SpecimenRole.LegalRepresentativeSeal], RuleNamed(o, "finance+legal").RolesMissing);
    }

    [Fact]
    public void Unknown_seals_are_reported_but_do_not_reject()
    {
        // The bank's own processing stamp matches nothing.
        var o = new Slip().Stamp((Fin, 0.95)).Stamp((Leg, 0.95)).Stamp((Fin, 0.05), (Com, 0.12)).Verify();

        Assert.Equal(Decision.Accept, o.Decision);
        Assert.Equal([ReasonCode.UnknownSeal], Codes(o));
        var stamp = o.Findings[2];
        Assert.Null(stamp.SpecimenId);
        Assert.Null(stamp.Role);
        Assert.Equal(0.12, stamp.Probability);
        Assert.Equal([ReasonCode.UnknownSeal], stamp.Reasons);
    }

    // ---- Review ----
    [Fact]
    public void Required_role_between_thresholds_goes_to_review_with_low_confidence()
    {
        var o = new Slip().Stamp((Fin, 0.8)).Stamp((Leg, 0.95)).Verify();

        Assert.Equal(Decision.Review, o.Decision);
        Assert.Null(o.SatisfiedRule);
        Assert.Equal([ReasonCode.LowConfidence], Codes(o));
        Assert.Contains("FinanceSeal", o.Reasons[0].Detail, StringComparison.Ordinal);
        var rule = RuleNamed(o, "finance+legal");
        Assert.Equal(RuleStatus.Uncertain, rule.Status);
        Assert.Equal([SpecimenRole.FinanceSeal], rule.RolesUncertain);
        Assert.Equal([SpecimenRole.LegalRepresentativeSeal], rule.RolesSatisfied);
        Assert.Equal(Fin, o.Findings[0].SpecimenId);
        Assert.Equal([ReasonCode.LowConfidence], o.Findings[0].Reasons);
    }

    [Fact]
    public void A_high_score_over_too_little_of_the_seal_goes_to_review_not_accept()
    {
        var o = new Slip().PartlySeenStamp((Fin, 0.99)).Stamp((Leg, 0.95)).Verify();

        Assert.Equal(Decision.Review, o.Decision);
        Assert.Null(o.SatisfiedRule);
        Assert.Equal([ReasonCode.LowConfidence], Codes(o));
        Assert.Contains("too little of the specimen was seen", o.Reasons[0].Detail, StringComparison.Ordinal);
        Assert.Contains("p=0.990", o.Reasons[0].Detail, StringComparison.Ordinal);
        Assert.Equal([SpecimenRole.FinanceSeal], RuleNamed(o, "finance+legal").RolesUncertain);
        Assert.Equal(Fin, o.Findings[0].SpecimenId);
        Assert.Equal([ReasonCode.LowConfidence], o.Findings[0].Reasons);
        Assert.Empty(o.Findings[1].Reasons);
    }

    [Fact]
    public void A_partly_seen_seal_that_does_not_match_still_rejects()
    {
        var o = new Slip().Rules(Slip.FinanceAndLegal).PartlySeenStamp((Fin, 0.05)).Stamp((Leg, 0.95)).Verify();

        Assert.Equal(Decision.Reject, o.Decision);
        Assert.Contains(ReasonCode.RuleNotSatisfied, Codes(o));
    }

    [Fact]
    public void A_fully_seen_impression_of_the_same_role_accepts_beside_a_partly_seen_one()
    {
        var o = new Slip().PartlySeenStamp((Fin, 0.99)).Stamp((Fin, 0.93)).Stamp((Leg, 0.95)).Verify();

        Assert.Equal(Decision.Accept, o.Decision);
        Assert.Equal("finance+legal", o.SatisfiedRule);
    }

    [Fact]
    public void Reject_threshold_is_a_match_not_a_failure()
    {
        var o = new Slip().Stamp((Fin, 0.3)).Stamp((Leg, 0.95)).Verify();
        Assert.Equal(Decision.Review, o.Decision);
        Assert.Equal(Fin, o.Findings[0].SpecimenId);
    }

    [Fact]
    public void A_failed_alternative_does_not_reject_while_another_can_still_pass()
    {
        // Finance seal looks forged (rule A fails) but rule B is only uncertain: a person decides.
        var o = new Slip().Stamp((Fin, 0.1)).Stamp((Leg, 0.95)).Stamp((Com, 0.8)).Stamp((Sig, 0.95)).Verify();

        Assert.Equal(Decision.Review, o.Decision);
        Assert.Equal(RuleStatus.NotSatisfied, RuleNamed(o, "finance+legal").Status);
        Assert.Equal(RuleStatus.Uncertain, RuleNamed(o, "company+signatory").Status);
        Assert.DoesNotContain(ReasonCode.ForgerySuspected, Codes(o));
        Assert.Contains(ReasonCode.LowConfidence, Codes(o));
        Assert.Contains(ReasonCode.UnknownSeal, Codes(o));
    }

    [Fact]
    public void Poor_quality_impression_cannot_accept_even_with_a_high_score()
    {
        var o = new Slip().PoorStamp((Fin, 0.97)).Stamp((Leg, 0.95)).Verify();

        Assert.Equal(Decision.Review, o.Decision);
        Assert.Equal([ReasonCode.ImageQuality], Codes(o));
        Assert.True(o.Findings[0].PoorQuality);
        Assert.Equal([ReasonCode.ImageQuality], o.Findings[0].Reasons);
        Assert.Equal([SpecimenRole.FinanceSeal], RuleNamed(o, "finance+legal").RolesUncertain);
    }

    [Fact]
    public void Poor_quality_unknown_impression_is_not_called_a_forgery()
    {
        // Without the quality flag this is the forged-seal case (see below); with it, a person looks.
        var o = new Slip().PoorStamp((Fin, 0.1)).Stamp((Leg, 0.95)).Verify();

        Assert.Equal(Decision.Review, o.Decision);
        Assert.Contains(ReasonCode.ImageQuality, Codes(o));
        Assert.DoesNotContain(ReasonCode.ForgerySuspected, Codes(o));
        Assert.Equal([ReasonCode.UnknownSeal, ReasonCode.ImageQuality], o.Findings[0].Reasons);
    }

    [Fact]
    public void Poor_scan_marks_every_impression_poor()
    {
        var o = new Slip { PoorScan = true }.Stamp((Fin, 0.97)).Stamp((Leg, 0.97)).Verify();

        Assert.Equal(Decision.Review, o.Decision);
        Assert.All(o.Findings, f => Assert.True(f.PoorQuality));
        Assert.Contains(ReasonCode.ImageQuality, Codes(o));
    }

    [Fact]
    public void Role_never_compared_is_uncertain_not_missing()
    {
        // The engine scores seals only: nothing was compared with the signature specimen.
        var o = new Slip().Rules(CompanyAndSignatory).RawStamp((Com, 0.96), (Fin, 0.1), (Leg, 0.1)).Verify();

        Assert.Equal(Decision.Review, o.Decision);
        var rule = Assert.Single(o.Rules);
        Assert.Equal(RuleStatus.Uncertain, rule.Status);
        Assert.Equal([SpecimenRole.Signatory], rule.RolesUncertain);
        Assert.Equal([ReasonCode.LowConfidence], Codes(o));
        Assert.Contains("Signatory", o.Reasons[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Faint_resemblance_to_a_lost_seal_does_not_reject_even_with_a_zero_reject_threshold()
    {
        // A calibration may set the reject threshold to 0; a bank's processing stamp that scores
        // 0.01 against a frozen seal must not stop the slip as if the lost seal had been used.
        var slip = new Slip { Thresholds = new ThresholdPolicy(new DecisionThresholds(accept: 0.9, reject: 0)) }
            .With(Com, SpecimenRole.CompanySeal, SpecimenUsability.Frozen, lossReported: true)
            .Rules(FinanceAndLegal);
        var o = slip.Stamp((Fin, 0.97)).Stamp((Leg, 0.95)).RawStamp((Com, 0.01)).Verify();

        Assert.Equal(Decision.Accept, o.Decision);
        Assert.DoesNotContain(ReasonCode.SpecimenFrozen, Codes(o));
        Assert.Null(o.Findings[2].SpecimenId);

        var used = new Slip { Thresholds = new ThresholdPolicy(new DecisionThresholds(accept: 0.9, reject: 0)) }
            .With(Com, SpecimenRole.CompanySeal, SpecimenUsability.Frozen, lossReported: true)
            .Rules(FinanceAndLegal)
            .Stamp((Fin, 0.97)).Stamp((Leg, 0.95)).RawStamp((Com, 0.6)).Verify();
        Assert.Equal(Decision.Reject, used.Decision);
        Assert.Contains(ReasonCode.SpecimenFrozen, Codes(used));
    }

    [Fact]
    public void Role_compared_and_absent_is_missing()
    {
        var o = new Slip().Rules(CompanyAndSignatory).RawStamp((Com, 0.96), (Sig, 0.05)).Verify();

        Assert.Equal(Decision.Reject, o.Decision);
        Assert.Equal([SpecimenRole.Signatory], Assert.Single(o.Rules).RolesMissing);
    }

    [Fact]
    public void Uncompared_role_does_not_save_a_slip_with_a_lost_seal()
    {
        var o = new Slip()
            .With(Com, SpecimenRole.CompanySeal, SpecimenUsability.Frozen, lossReported: true)
            .Rules(CompanyAndSignatory)
            .RawStamp((Com, 0.96))
            .Verify();

        Assert.Equal(Decision.Reject, o.Decision);
        Assert.Contains(ReasonCode.SpecimenFrozen, Codes(o));
    }

    // ---- Reject: no seal ----
    [Fact]
    public void No_impressions_rejects_with_no_seal_found()
    {
        var o = new Slip().Verify();

        Assert.Equal(Decision.Reject, o.Decision);
        Assert.Equal([ReasonCode.NoSealFound], Codes(o));
        Assert.Empty(o.Findings);
    }

    [Fact]
    public void No_impressions_on_a_poor_scan_goes_to_review()
    {
        var o = new Slip { PoorScan = true }.Verify();

        Assert.Equal(Decision.Review, o.Decision);
        Assert.Equal([ReasonCode.NoSealFound, ReasonCode.ImageQuality], Codes(o));
    }

    // ---- Reject: lost or revoked seals ----
    [Fact]
    public void Frozen_match_rejects_even_when_a_rule_is_satisfied()
    {
        var o = new Slip()
            .With(Com, SpecimenRole.CompanySeal, SpecimenUsability.Frozen, lossReported: true)
            .Stamp((Fin, 0.95)).Stamp((Leg, 0.95)).Stamp((Com, 0.92))
            .Verify();

        Assert.Equal(Decision.Reject, o.Decision);
        Assert.Null(o.SatisfiedRule);
        Assert.Equal([ReasonCode.SpecimenFrozen], Codes(o));
        Assert.Contains(Com, o.Reasons[0].Detail, StringComparison.Ordinal);
        Assert.Equal(Com, o.Findings[2].SpecimenId);
        Assert.Equal(SpecimenUsability.Frozen, o.Findings[2].Usability);
        Assert.Equal([ReasonCode.SpecimenFrozen], o.Findings[2].Reasons);
        Assert.Equal(RuleStatus.Satisfied, RuleNamed(o, "finance+legal").Status);
    }

    [Fact]
    public void Frozen_match_rejects_even_when_uncertain_or_poor()
    {
        var uncertain = new Slip()
            .With(Fin, SpecimenRole.FinanceSeal, SpecimenUsability.Frozen, lossReported: true)
            .Stamp((Fin, 0.5)).Stamp((Leg, 0.95))
            .Verify();
        Assert.Equal(Decision.Reject, uncertain.Decision);
        Assert.Contains(ReasonCode.SpecimenFrozen, Codes(uncertain));

        var poor = new Slip { PoorScan = true }
            .With(Fin, SpecimenRole.FinanceSeal, SpecimenUsability.Frozen, lossReported: true)
            .Stamp((Fin, 0.95))
            .Verify();
        Assert.Equal(Decision.Reject, poor.Decision);
    }

    [Fact]
    public void Weak_resemblance_to_a_frozen_specimen_is_not_a_match()
    {
        var o = new Slip()
            .With(Com, SpecimenRole.CompanySeal, SpecimenUsability.Frozen, lossReported: true)
            .Stamp((Fin, 0.95), (Com, 0.1)).Stamp((Leg, 0.95)).Stamp((Com, 0.29))
            .Verify();

        Assert.Equal(Decision.Accept, o.Decision);
        Assert.Equal(Fin, o.Findings[0].SpecimenId);
        Assert.Null(o.Findings[2].SpecimenId);
        Assert.DoesNotContain(ReasonCode.SpecimenFrozen, Codes(o));
    }

    [Fact]
    public void Revoked_match_rejects()
    {
        var o = new Slip()
            .With("fin-old", SpecimenRole.FinanceSeal, SpecimenUsability.Revoked)
            .Stamp(("fin-old", 0.96), (Fin, 0.2)).Stamp((Leg, 0.95))
            .Verify();

        Assert.Equal(Decision.Reject, o.Decision);
        Assert.Contains(ReasonCode.SpecimenRevoked, Codes(o));
        Assert.Equal("fin-old", o.Findings[0].SpecimenId);
        Assert.Equal([ReasonCode.SpecimenRevoked], o.Findings[0].Reasons);
    }

    [Fact]
    public void Routinely_revoked_best_match_yields_to_a_usable_re_registration()
    {
        // The same physical seal re-registered: old specimen revoked, new one active; scores near-tie.
        var o = new Slip()
            .With("fin-old", SpecimenRole.FinanceSeal, SpecimenUsability.Revoked)
            .Stamp(("fin-old", 0.96), (Fin, 0.95)).Stamp((Leg, 0.95))
            .Verify();

        Assert.Equal(Decision.Accept, o.Decision);
        Assert.Equal(Fin, o.Findings[0].SpecimenId);
        Assert.Equal(0.95, o.Findings[0].Probability);
    }

    [Fact]
    public void Lost_specimen_never_yields()
    {
        var o = new Slip()
            .With("fin-old", SpecimenRole.FinanceSeal, SpecimenUsability.Revoked, lossReported: true)
            .Stamp(("fin-old", 0.96), (Fin, 0.95)).Stamp((Leg, 0.95))
            .Verify();

        Assert.Equal(Decision.Reject, o.Decision);
        Assert.Equal("fin-old", o.Findings[0].SpecimenId);
        Assert.Contains(ReasonCode.SpecimenRevoked, Codes(o));
    }

    [Fact]
    public void Exact_tie_between_a_lost_and_a_usable_specimen_goes_to_the_lost_one()
    {
        var o = new Slip()
            .With("fin-lost", SpecimenRole.FinanceSeal, SpecimenUsability.Frozen, lossReported: true)
            .Stamp((Fin, 0.93), ("fin-lost", 0.93)).Stamp((Leg, 0.95))
            .Verify();

        Assert.Equal(Decision.Reject, o.Decision);
        Assert.Equal("fin-lost", o.Findings[0].SpecimenId);
    }

    // ---- Reject: rules ----
    [Fact]
    public void Forged_required_seal_rejects_with_forgery_suspected()
    {
        var o = new Slip().Stamp((Fin, 0.12), (Leg, 0.02), (Com, 0.05)).Stamp((Leg, 0.95)).Verify();

        Assert.Equal(Decision.Reject, o.Decision);
        Assert.Contains(ReasonCode.ForgerySuspected, Codes(o));
        Assert.Contains(ReasonCode.RuleNotSatisfied, Codes(o));
        Assert.Contains(ReasonCode.UnknownSeal, Codes(o));
        var forged = o.Findings[0];
        Assert.Null(forged.SpecimenId);
        Assert.Equal(0.12, forged.Probability);
        Assert.Equal([ReasonCode.UnknownSeal, ReasonCode.ForgerySuspected], forged.Reasons);
        Assert.Equal([SpecimenRole.FinanceSeal], RuleNamed(o, "finance+legal").RolesMissing);
        Assert.Equal(RuleStatus.NotSatisfied, RuleNamed(o, "finance+legal").Status);
    }

    [Fact]
    public void Absent_required_seal_rejects_without_calling_it_forged()
    {
        var o = new Slip().Stamp((Leg, 0.95)).Verify();

        Assert.Equal(Decision.Reject, o.Decision);
        Assert.Equal([ReasonCode.RuleNotSatisfied], Codes(o));
        Assert.Equal(2, o.Reasons.Count);
    }

    [Fact]
    public void Unknown_stamp_resembling_a_role_no_rule_misses_is_not_called_forged()
    {
        // The finance seal is absent; the other unknown impression is closest to the company seal,
        // which the only rule does not need: it is a bank stamp, not a forgery.
        var o = new Slip().Rules(FinanceAndLegal).Stamp((Leg, 0.95)).Stamp((Com, 0.1), (Fin, 0.05)).Verify();

        Assert.Equal(Decision.Reject, o.Decision);
        Assert.Equal([ReasonCode.RuleNotSatisfied, ReasonCode.UnknownSeal], Codes(o));
        Assert.Equal([ReasonCode.UnknownSeal], o.Findings[1].Reasons);
    }

    [Fact]
    public void Two_impressions_resembling_one_specimen_do_not_fill_two_roles()
    {
        // Both impressions are the finance seal; the legal representative's seal is simply not there.
        var o = new Slip().Stamp((Fin, 0.95), (Leg, 0.2)).Stamp((Fin, 0.92), (Leg, 0.29)).Verify();

        Assert.Equal(Decision.Reject, o.Decision);
        Assert.Equal([Fin, Fin], o.Findings.Select(f => f.SpecimenId));
        Assert.Equal([SpecimenRole.LegalRepresentativeSeal], RuleNamed(o, "finance+legal").RolesMissing);
        Assert.Equal([ReasonCode.RuleNotSatisfied], Codes(o));
    }

    [Fact]
    public void Second_weaker_impression_of_a_satisfied_role_is_harmless()
    {
        var o = new Slip().Stamp((Fin, 0.95)).Stamp((Fin, 0.6)).Stamp((Leg, 0.95)).Verify();

        Assert.Equal(Decision.Accept, o.Decision);
        Assert.Equal([ReasonCode.LowConfidence], o.Findings[1].Reasons);
    }

    [Fact]
    public void Account_without_rules_rejects()
    {
        var o = new Slip { Policy = null }.Stamp((Fin, 0.95)).Stamp((Leg, 0.95)).Verify();

        Assert.Equal(Decision.Reject, o.Decision);
        Assert.Equal([ReasonCode.RuleNotSatisfied], Codes(o));
        Assert.Empty(o.Rules);
    }

    [Fact]
    public void Amount_no_rule_covers_rejects()
    {
        var o = new Slip { Amount = new Money(500_000, "CNY") }
            .Rules(FinanceAndLegal with { Band = new AmountBand("CNY", 0, 100_000) })
            .Stamp((Fin, 0.95)).Stamp((Leg, 0.95))
            .Verify();

        Assert.Equal(Decision.Reject, o.Decision);
        Assert.Equal([ReasonCode.RuleNotSatisfied], Codes(o));
        Assert.False(Assert.Single(o.Rules).Applicable);
        Assert.Equal(RuleStatus.NotApplicable, o.Rules[0].Status);
    }

    [Fact]
    public void Rule_needing_a_role_without_usable_specimen_is_impossible()
    {
        var o = new Slip()
            .With(Leg, SpecimenRole.LegalRepresentativeSeal, SpecimenUsability.NotApproved)
            .Rules(FinanceAndLegal)
            .Stamp((Fin, 0.95)).Stamp((Leg, 0.95))
            .Verify();

        Assert.Equal(Decision.Reject, o.Decision);
        var rule = Assert.Single(o.Rules);
        Assert.Equal(RuleStatus.Impossible, rule.Status);
        Assert.Equal([SpecimenRole.LegalRepresentativeSeal], rule.RolesWithoutUsableSpecimen);
        Assert.Equal([SpecimenRole.LegalRepresentativeSeal], rule.RolesMissing);
        Assert.Contains(ReasonCode.RuleNotSatisfied, Codes(o));
        Assert.Contains(ReasonCode.SpecimenNotApproved, Codes(o));
        Assert.Equal([ReasonCode.SpecimenNotApproved], o.Findings[1].Reasons);
    }

    [Fact]
    public void Specimen_not_effective_on_the_slip_date_cannot_satisfy_a_role()
    {
        var o = new Slip()
            .With(Fin, SpecimenRole.FinanceSeal, SpecimenUsability.NotEffective)
            .Rules(FinanceAndLegal)
            .Stamp((Fin, 0.97)).Stamp((Leg, 0.95))
            .Verify();

        Assert.Equal(Decision.Reject, o.Decision);
        Assert.Contains(ReasonCode.SpecimenNotEffective, Codes(o));
        Assert.Contains(ReasonCode.RuleNotSatisfied, Codes(o));
        Assert.Equal(SpecimenUsability.NotEffective, o.Findings[0].Usability);
        Assert.Equal([ReasonCode.SpecimenNotEffective], o.Findings[0].Reasons);
    }

    [Fact]
    public void Not_effective_specimen_of_one_rule_does_not_block_another()
    {
        var o = new Slip()
            .With(Fin, SpecimenRole.FinanceSeal, SpecimenUsability.NotEffective)
            .Stamp((Com, 0.95)).Stamp((Sig, 0.95))
            .Verify();

        Assert.Equal(Decision.Accept, o.Decision);
        Assert.Equal(RuleStatus.Impossible, RuleNamed(o, "finance+legal").Status);
    }

    // ---- Amount bands and thresholds ----
    private static Slip Banded(long amount) => new Slip { Amount = new Money(amount, "CNY") }.Rules(
        FinanceAndLegal with { Name = "small", Band = new AmountBand("CNY", 0, 100_000) },
        new SigningRule(
            "large",
            new HashSet<SpecimenRole> { SpecimenRole.FinanceSeal, SpecimenRole.LegalRepresentativeSeal, SpecimenRole.Signatory },
            new AmountBand("CNY", 100_000),
            AcceptThreshold: 0.97));

    [Fact]
    public void Small_amount_uses_the_small_band_rule()
    {
        var o = Banded(99_999).Stamp((Fin, 0.95)).Stamp((Leg, 0.95)).Verify();

        Assert.Equal(Decision.Accept, o.Decision);
        Assert.Equal("small", o.SatisfiedRule);
        Assert.False(RuleNamed(o, "large").Applicable);
    }

    [Fact]
    public void Large_amount_needs_more_roles()
    {
        var o = Banded(100_000).Stamp((Fin, 0.99)).Stamp((Leg, 0.99)).Verify();

        Assert.Equal(Decision.Reject, o.Decision);
        Assert.Equal([SpecimenRole.Signatory], RuleNamed(o, "large").RolesMissing);
        Assert.False(RuleNamed(o, "small").Applicable);
    }

    [Fact]
    public void Large_amount_applies_the_stricter_threshold()
    {
        var review = Banded(250_000).Stamp((Fin, 0.95)).Stamp((Leg, 0.99)).Stamp((Sig, 0.99)).Verify();
        Assert.Equal(Decision.Review, review.Decision);
        Assert.Equal(0.97, RuleNamed(review, "large").AcceptThreshold);
        Assert.Equal([SpecimenRole.FinanceSeal], RuleNamed(review, "large").RolesUncertain);
        Assert.Contains(ReasonCode.LowConfidence, Codes(review));

        var accept = Banded(250_000).Stamp((Fin, 0.97)).Stamp((Leg, 0.99)).Stamp((Sig, 0.99)).Verify();
        Assert.Equal(Decision.Accept, accept.Decision);
        Assert.Equal("large", accept.SatisfiedRule);
    }

    [Fact]
    public void Risk_tier_thresholds_apply()
    {
        var thresholds = new ThresholdPolicy(Calibrated, [new ThresholdOverride(RiskTier.High, null, new DecisionThresholds(0.96, 0.4))]);

        var standard = new Slip { Thresholds = thresholds }.Stamp((Fin, 0.95)).Stamp((Leg, 0.95)).Verify();
        Assert.Equal(Decision.Accept, standard.Decision);
        Assert.Equal(0.9, standard.Thresholds.Accept);

        var high = new Slip { Thresholds = thresholds, Tier = RiskTier.High }.Stamp((Fin, 0.95)).Stamp((Leg, 0.95)).Verify();
        Assert.Equal(Decision.Review, high.Decision);
        Assert.Equal(0.96, high.Thresholds.Accept);
        Assert.Equal(0.4, high.Thresholds.Reject);

        // 0.35 is a match at the calibrated reject threshold but not at the high tier's.
        var highWeak = new Slip { Thresholds = thresholds, Tier = RiskTier.High }.Stamp((Fin, 0.35)).Stamp((Leg, 0.99)).Verify();
        Assert.Equal(Decision.Reject, highWeak.Decision);
        Assert.Contains(ReasonCode.ForgerySuspected, Codes(highWeak));
    }

    // ---- Evidence validation and determinism ----
    [Fact]
    public void Scores_for_unknown_specimens_are_a_caller_error()
    {
        Assert.Throws<ArgumentException>(() => new Slip().Stamp(("nope", 0.9)).Verify());
        Assert.Throws<ArgumentException>(() => new Slip().Stamp((Fin, 1.5)).Verify());
        Assert.Throws<ArgumentException>(() => new Slip().Stamp((Fin, double.NaN)).Verify());
        Assert.Throws<ArgumentException>(() => new Slip().Stamp((Fin, 0.5), (Fin, 0.6)).Verify());
        var dup = new Slip();
        dup.Specimens.Add(new SpecimenStanding(Fin, SpecimenRole.FinanceSeal, SpecimenUsability.Usable));
        Assert.Throws<ArgumentException>(() => dup.Stamp((Fin, 0.9)).Verify());
    }

    [Fact]
    public void Impression_with_no_scores_is_an_unknown_seal()
    {
        var o = new Slip().RawStamp().Stamp((Fin, 0.95)).Stamp((Leg, 0.95)).Verify();

        Assert.Equal(Decision.Accept, o.Decision);
        Assert.Null(o.Findings[0].SpecimenId);
        Assert.Equal(0, o.Findings[0].Probability);
    }

    [Fact]
    public void Findings_keep_the_evidence_order_and_boxes()
    {
        var o = new Slip().Stamp((Leg, 0.95)).Stamp((Fin, 0.95)).Stamp((Com, 0.1)).Verify();

        Assert.Equal([0, 1, 2], o.Findings.Select(f => f.Index));
        Assert.Equal([0, 100, 200], o.Findings.Select(f => f.Box.X));
        Assert.Equal(new ImpressionBox(100, 50, 120, 120), o.Findings[1].Box);
    }

    [Fact]
    public void Same_input_same_outcome()
    {
        var slip = new Slip().Stamp((Fin, 0.12)).Stamp((Leg, 0.8)).Stamp((Com, 0.5), (Sig, 0.5));
        var a = slip.Verify();
        var b = slip.Verify();

        Assert.Equal(a.Decision, b.Decision);
        Assert.Equal(a.Reasons, b.Reasons);
        Assert.Equal(a.Findings.Select(f => (f.SpecimenId, f.Probability)), b.Findings.Select(f => (f.SpecimenId, f.Probability)));
    }
}
