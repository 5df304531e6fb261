using SealMatch.Domain.Reviews;
using SealMatch.Domain.Security;
using SealMatch.Domain.Verification;

namespace SealMatch.Domain.Tests.Reviews;

public sealed class ReviewCaseDecisionTests
{
    private static readonly DateTimeOffset Later = Cases.T0.AddHours(2);

    // ---- First review ----
    [Fact]
    public void The_first_review_leaves_the_case_awaiting_a_second()
    {
        var c = Cases.Open();
        c.Claim(Cases.R1, Cases.Lease, Cases.T0);

        c.SubmitReview(Cases.R1, ReviewVerdict.Genuine, null, Cases.T0.AddMinutes(3));

        Assert.Equal(ReviewCaseState.AwaitingSecondReview, c.State);
        Assert.Null(c.LeaseHolder);
        Assert.Null(c.LeaseExpiresAt);
        Assert.Null(c.Outcome);
        Assert.Equal(3, c.Version);
        var review = Assert.Single(c.Reviews);
        Assert.Equal(1, review.Sequence);
        Assert.Equal(ReviewKind.First, review.Kind);
        Assert.Equal("case-1", review.CaseId);
        Assert.Equal(Cases.R1.UserId, review.ReviewerId);
        Assert.Equal(ReviewVerdict.Genuine, review.Verdict);
        Assert.Null(review.Comment);
        Assert.Equal(Cases.T0.AddMinutes(3), review.At);
        Assert.True(c.HasReviewed(Cases.R1.UserId));
        Assert.False(c.HasReviewed(Cases.R2.UserId));
    }

    [Fact]
    public void The_same_reviewer_cannot_review_a_case_twice()
    {
        var c = Cases.AfterFirst(ReviewVerdict.Genuine);

        Assert.False(c.IsClaimableBy(Cases.R1, Later));
        var e = Given.Violation(ViolationCode.ReviewerNotIndependent, () => c.Claim(Cases.R1, Cases.Lease, Later));
        Assert.Equal(ViolationCategory.PermissionDenied, e.Category);
        Assert.True(c.IsClaimableBy(Cases.R2, Later));
        Assert.Equal(ReviewCaseState.AwaitingSecondReview, c.State);
    }

    [Fact]
    public void Submitting_checks_independence_too()
    {
        // Independence is checked before the lease, so the refusal names the real reason.
        var c = Cases.AfterFirst(ReviewVerdict.Genuine);
        Given.Violation(ViolationCode.ReviewerNotIndependent, () => c.SubmitReview(Cases.R1, ReviewVerdict.Genuine, null, Later));
        Given.Violation(
            ViolationCode.ReviewerNotIndependent, () => c.SubmitReview(Cases.TellerWithReviewRoles, ReviewVerdict.Genuine, null, Later));
        Assert.Single(c.Reviews);
    }

    [Fact]
    public void A_reviewer_whose_role_was_withdrawn_after_claiming_cannot_submit()
    {
        var c = Cases.Open();
        c.Claim(Cases.R1, Cases.Lease, Cases.T0);
        var withdrawn = new Actor(Cases.R1.UserId, [Role.Teller], "HQ");

        Given.Violation(ViolationCode.RoleRequired, () => c.SubmitReview(withdrawn, ReviewVerdict.Genuine, null, Cases.T0));
        Assert.Empty(c.Reviews);
    }

    // ---- Comments and verdicts ----
    [Theory]
    [InlineData(ReviewVerdict.Forged, null)]
    [InlineData(ReviewVerdict.Forged, "   ")]
    [InlineData(ReviewVerdict.CannotTell, null)]
    [InlineData(ReviewVerdict.CannotTell, "")]
    public void A_comment_is_required_for_anything_but_genuine(ReviewVerdict verdict, string? comment)
    {
        var c = Cases.Open();
        c.Claim(Cases.R1, Cases.Lease, Cases.T0);

        var e = Given.Violation(ViolationCode.InvalidValue, () => c.SubmitReview(Cases.R1, verdict, comment, Cases.T0));

        Assert.Equal("comment", e.Field);
        Assert.Equal(ViolationCategory.InvalidArgument, e.Category);
        Assert.Empty(c.Reviews);
        Assert.Equal(ReviewCaseState.Claimed, c.State);
        Assert.Equal(Cases.R1.UserId, c.LeaseHolder);
    }

    [Fact]
    public void A_comment_is_kept_trimmed_and_is_optional_for_genuine()
    {
        var c = Cases.Open();
        c.Claim(Cases.R1, Cases.Lease, Cases.T0);
        c.SubmitReview(Cases.R1, ReviewVerdict.Forged, "  Outer ring thicker at the top.  ", Cases.T0);
        Assert.Equal("Outer ring thicker at the top.", c.Reviews[0].Comment);

        c.Claim(Cases.R2, Cases.Lease, Cases.T0);
        c.SubmitReview(Cases.R2, ReviewVerdict.Genuine, "  ", Cases.T0);
        Assert.Null(c.Reviews[1].Comment);
    }

    [Fact]
    public void An_overlong_comment_or_unknown_verdict_is_refused()
    {
        var c = Cases.Open();
        c.Claim(Cases.R1, Cases.Lease, Cases.T0);

        var tooLong = Given.Violation(
            ViolationCode.InvalidValue, () => c.SubmitReview(Cases.R1, ReviewVerdict.Forged, new string('x', 2001), Cases.T0));
        Assert.Equal("comment", tooLong.Field);
        var unknown = Given.Violation(ViolationCode.InvalidValue, () => c.SubmitReview(Cases.R1, (ReviewVerdict)7, "x", Cases.T0));
        Assert.Equal("verdict", unknown.Field);
        Assert.Empty(c.Reviews);
    }

    // ---- Outcome of two reviews ----
    [Fact]
    public void Both_genuine_accepts()
    {
        var c = Cases.AfterBoth(ReviewVerdict.Genuine, ReviewVerdict.Genuine);

        Assert.Equal(ReviewCaseState.Decided, c.State);
        Assert.Equal(Decision.Accept, c.Outcome);
        Assert.Equal(Cases.R2.UserId, c.DecidedBy);
        Assert.Equal(Cases.T0.AddMinutes(31), c.DecidedAt);
        Assert.Null(c.EscalatedAt);
        Assert.Equal([ReviewKind.First, ReviewKind.Second], c.Reviews.Select(r => r.Kind));
        Assert.Equal([1, 2], c.Reviews.Select(r => r.Sequence));
        Assert.Equal([Cases.R1.UserId, Cases.R2.UserId], c.Reviews.Select(r => r.ReviewerId));
        Assert.Null(c.LeaseHolder);
        Assert.False(c.RaisesAlert);
    }

    [Fact]
    public void Both_forged_rejects()
    {
        var c = Cases.AfterBoth(ReviewVerdict.Forged, ReviewVerdict.Forged);

        Assert.Equal(ReviewCaseState.Decided, c.State);
        Assert.Equal(Decision.Reject, c.Outcome);
        Assert.Equal(Cases.R2.UserId, c.DecidedBy);
        Assert.False(c.RaisesAlert);
    }

    [Theory]
    [InlineData(ReviewVerdict.Genuine, ReviewVerdict.Forged)]
    [InlineData(ReviewVerdict.Forged, ReviewVerdict.Genuine)]
    [InlineData(ReviewVerdict.Genuine, ReviewVerdict.CannotTell)]
    [InlineData(ReviewVerdict.CannotTell, ReviewVerdict.Genuine)]
    [InlineData(ReviewVerdict.Forged, ReviewVerdict.CannotTell)]
    [InlineData(ReviewVerdict.CannotTell, ReviewVerdict.Forged)]
    [InlineData(ReviewVerdict.CannotTell, ReviewVerdict.CannotTell)]
    public void Disagreement_or_any_cannot_tell_escalates(ReviewVerdict first, ReviewVerdict second)
    {
        var c = Cases.AfterBoth(first, second);

        Assert.Equal(ReviewCaseState.Escalated, c.State);
        Assert.Equal(Cases.T0.AddMinutes(31), c.EscalatedAt);
        Assert.Null(c.Outcome);
        Assert.Null(c.DecidedBy);
        Assert.Equal(2, c.Reviews.Count);
    }

    [Fact]
    public void An_escalated_case_takes_no_further_reviews()
    {
        var c = Cases.Escalated();

        Assert.False(c.IsClaimableBy(Cases.R3, Later));
        Given.Violation(ViolationCode.IllegalTransition, () => c.Claim(Cases.R3, Cases.Lease, Later));
        Given.Violation(ViolationCode.IllegalTransition, () => c.SubmitReview(Cases.R3, ReviewVerdict.Genuine, null, Later));
        Assert.Equal(ReviewCaseState.Escalated, c.StateAt(Later));
    }

    // ---- Blindness ----
    [Fact]
    public void The_second_reviewer_does_not_see_the_first_verdict_until_submitting()
    {
        var c = Cases.AfterFirst(ReviewVerdict.Forged);
        c.Claim(Cases.Lead, Cases.Lease, Later);

        Assert.Empty(c.VisibleReviews(Cases.Lead));
        Assert.Empty(c.VisibleReviews(Cases.R3));
        Assert.Empty(c.VisibleReviews(Cases.Supervisor));
        Assert.Empty(c.VisibleReviews(Given.Auditor));
        Assert.Empty(c.VisibleReviews(Cases.Teller));
        Assert.Single(c.VisibleReviews(Cases.R1));

        c.SubmitReview(Cases.Lead, ReviewVerdict.Genuine, null, Later);

        Assert.Equal(2, c.VisibleReviews(Cases.Lead).Count);
        Assert.Equal(2, c.VisibleReviews(Cases.R1).Count);
    }

    [Fact]
    public void Supervisors_and_auditors_see_every_record_once_no_review_can_follow()
    {
        var escalated = Cases.Escalated();
        Assert.Equal(2, escalated.VisibleReviews(Cases.Supervisor).Count);
        Assert.Equal(2, escalated.VisibleReviews(Given.Auditor).Count);
        Assert.Empty(escalated.VisibleReviews(Cases.R3));
        Assert.Empty(escalated.VisibleReviews(Cases.Teller));

        escalated.DecideEscalated(Cases.Supervisor, ReviewVerdict.Forged, "Re-carved: the star is rotated.", Later);
        Assert.Equal(3, escalated.VisibleReviews(Given.Auditor).Count);
        Assert.Equal(3, escalated.VisibleReviews(Cases.R2).Count);

        var agreed = Cases.AfterBoth(ReviewVerdict.Genuine, ReviewVerdict.Genuine);
        Assert.Equal(2, agreed.VisibleReviews(Cases.Supervisor).Count);
        Assert.Empty(agreed.VisibleReviews(Cases.R3));
    }

    // ---- Supervisor ----
    [Theory]
    [InlineData(ReviewVerdict.Genuine, Decision.Accept)]
    [InlineData(ReviewVerdict.Forged, Decision.Reject)]
    public void A_third_person_supervisor_decides_an_escalated_case(ReviewVerdict verdict, Decision expected)
    {
        var c = Cases.Escalated();
        var before = c.Reviews.Select(r => (r.Id, r.Verdict, r.Comment, r.At)).ToList();

        c.DecideEscalated(Cases.Supervisor, verdict, "  Compared under overlay and fold.  ", Later);

        Assert.Equal(ReviewCaseState.Decided, c.State);
        Assert.Equal(expected, c.Outcome);
        Assert.Equal(Cases.Supervisor.UserId, c.DecidedBy);
        Assert.Equal(Later, c.DecidedAt);
        Assert.Equal(3, c.Reviews.Count);
        var decision = c.Reviews[2];
        Assert.Equal(ReviewKind.Supervisor, decision.Kind);
        Assert.Equal(3, decision.Sequence);
        Assert.Equal(verdict, decision.Verdict);
        Assert.Equal("Compared under overlay and fold.", decision.Comment);
        Assert.Equal(before, c.Reviews.Take(2).Select(r => (r.Id, r.Verdict, r.Comment, r.At)));
    }

    [Fact]
    public void A_supervisor_who_holds_both_roles_may_review_some_cases_and_decide_others()
    {
        var c = Cases.Escalated();
        c.DecideEscalated(Cases.Lead, ReviewVerdict.Genuine, "Ink loss only.", Later);
        Assert.Equal(Decision.Accept, c.Outcome);
    }

    [Fact]
    public void Deciding_requires_the_supervisor_role()
    {
        var c = Cases.Escalated();
        Given.Violation(ViolationCode.RoleRequired, () => c.DecideEscalated(Cases.R3, ReviewVerdict.Genuine, "x", Later));
        Given.Violation(ViolationCode.RoleRequired, () => c.DecideEscalated(Given.Auditor, ReviewVerdict.Genuine, "x", Later));
        Assert.Equal(ReviewCaseState.Escalated, c.State);
    }

    [Fact]
    public void The_supervisor_must_be_neither_reviewer_nor_the_teller()
    {
        var reviewedByLead = Cases.Escalated(firstReviewer: Cases.Lead);
        var e = Given.Violation(
            ViolationCode.ReviewerNotIndependent, () => reviewedByLead.DecideEscalated(Cases.Lead, ReviewVerdict.Forged, "x", Later));
        Assert.Equal(ViolationCategory.PermissionDenied, e.Category);

        var c = Cases.Escalated();
        Given.Violation(
            ViolationCode.ReviewerNotIndependent, () => c.DecideEscalated(Cases.TellerWithReviewRoles, ReviewVerdict.Genuine, "x", Later));
        Assert.Equal(ReviewCaseState.Escalated, c.State);
        Assert.Equal(2, c.Reviews.Count);
    }

    [Fact]
    public void A_supervisor_cannot_answer_cannot_tell_and_must_give_grounds()
    {
        var c = Cases.Escalated();

        var verdict = Given.Violation(ViolationCode.InvalidValue, () => c.DecideEscalated(Cases.Supervisor, ReviewVerdict.CannotTell, "x", Later));
        Assert.Equal("verdict", verdict.Field);
        var comment = Given.Violation(ViolationCode.InvalidValue, () => c.DecideEscalated(Cases.Supervisor, ReviewVerdict.Genuine, " ", Later));
        Assert.Equal("comment", comment.Field);
        Assert.Equal(ReviewCaseState.Escalated, c.State);
        Assert.Equal(2, c.Reviews.Count);
    }

    [Fact]
    public void Only_an_escalated_case_can_be_decided_by_a_supervisor()
    {
        var open = Cases.Open();
        var awaiting = Cases.AfterFirst(ReviewVerdict.CannotTell);
        var agreed = Cases.AfterBoth(ReviewVerdict.Forged, ReviewVerdict.Forged);

        foreach (var c in new[] { open, awaiting, agreed })
        {
            Given.Violation(ViolationCode.IllegalTransition, () => c.DecideEscalated(Cases.Supervisor, ReviewVerdict.Genuine, "x", Later));
        }

        Assert.Equal(Decision.Reject, agreed.Outcome);
    }

    // ---- Finality ----
    [Fact]
    public void A_decision_by_agreement_is_final()
    {
        var c = Cases.AfterBoth(ReviewVerdict.Genuine, ReviewVerdict.Genuine);
        var version = c.Version;

        Assert.False(c.IsClaimableBy(Cases.R3, Later));
        Given.Violation(ViolationCode.IllegalTransition, () => c.Claim(Cases.R3, Cases.Lease, Later));
        Given.Violation(ViolationCode.IllegalTransition, () => c.SubmitReview(Cases.R3, ReviewVerdict.Forged, "x", Later));
        Given.Violation(ViolationCode.IllegalTransition, () => c.DecideEscalated(Cases.Supervisor, ReviewVerdict.Forged, "x", Later));
        Given.Violation(ViolationCode.LeaseRequired, () => c.Release(Cases.R2, Later));

        Assert.Equal(Decision.Accept, c.Outcome);
        Assert.Equal(2, c.Reviews.Count);
        Assert.Equal(version, c.Version);
    }

    [Fact]
    public void A_supervisors_decision_is_final_and_no_other_supervisor_may_override_it()
    {
        var c = Cases.Escalated();
        c.DecideEscalated(Cases.Supervisor, ReviewVerdict.Genuine, "Ink loss only.", Later);
        var other = new Actor("supervisor-2", [Role.ReviewSupervisor], "HQ");

        Given.Violation(ViolationCode.IllegalTransition, () => c.DecideEscalated(other, ReviewVerdict.Forged, "No.", Later.AddMinutes(1)));

        Assert.Equal(Decision.Accept, c.Outcome);
        Assert.Equal(Cases.Supervisor.UserId, c.DecidedBy);
        Assert.Equal(3, c.Reviews.Count);
        Assert.Equal(ReviewCaseState.Decided, c.StateAt(Later.AddDays(1)));
    }

    // ---- Quality samples ----
    [Fact]
    public void A_quality_sample_judged_forged_raises_an_alert()
    {
        var agreed = Cases.AfterBoth(ReviewVerdict.Forged, ReviewVerdict.Forged, ReviewReason.QualitySample);
        Assert.Equal(Decision.Reject, agreed.Outcome);
        Assert.True(agreed.RaisesAlert);
        Assert.False(agreed.HoldsPayment);

        var settled = Cases.Escalated(ReviewReason.QualitySample);
        Assert.False(settled.RaisesAlert);
        settled.DecideEscalated(Cases.Supervisor, ReviewVerdict.Forged, "Printed, flat ink.", Later);
        Assert.True(settled.RaisesAlert);
    }

    [Fact]
    public void Only_a_sample_finally_judged_forged_raises_an_alert()
    {
        Assert.False(Cases.AfterBoth(ReviewVerdict.Genuine, ReviewVerdict.Genuine, ReviewReason.QualitySample).RaisesAlert);
        Assert.False(Cases.AfterFirst(ReviewVerdict.Forged, reason: ReviewReason.QualitySample).RaisesAlert);
        Assert.False(Cases.AfterBoth(ReviewVerdict.Forged, ReviewVerdict.Forged, ReviewReason.ReviewDecision).RaisesAlert);

        var overruled = Cases.AfterBoth(ReviewVerdict.Forged, ReviewVerdict.CannotTell, ReviewReason.QualitySample);
        overruled.DecideEscalated(Cases.Supervisor, ReviewVerdict.Genuine, "Genuine, heavy ink.", Later);
        Assert.False(overruled.RaisesAlert);
    }
}
