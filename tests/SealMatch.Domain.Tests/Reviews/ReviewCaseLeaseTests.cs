using SealMatch.Domain.Reviews;
using SealMatch.Domain.Security;

namespace SealMatch.Domain.Tests.Reviews;

public sealed class ReviewCaseLeaseTests
{
    private static readonly DateTimeOffset At = Cases.T0.AddMinutes(5);

    // ---- Open ----
    [Fact]
    public void Open_creates_an_open_case_with_no_reviews()
    {
        var c = Cases.Open();

        Assert.Equal(ReviewCaseState.Open, c.State);
        Assert.Equal("case-1", c.Id);
        Assert.Equal("ver-1", c.VerificationId);
        Assert.Equal("acc-1", c.AccountId);
        Assert.Equal(Given.Branch, c.BranchCode);
        Assert.Equal(Cases.Teller.UserId, c.SubmittedBy);
        Assert.Equal(Cases.T0, c.OpenedAt);
        Assert.Equal(ReviewReason.ReviewDecision, c.Reason);
        Assert.True(c.HoldsPayment);
        Assert.Empty(c.Reviews);
        Assert.Null(c.Outcome);
        Assert.Null(c.LeaseHolder);
        Assert.False(c.RaisesAlert);
        Assert.Equal(1, c.Version);
    }

    [Fact]
    public void A_quality_sample_does_not_hold_the_payment() =>
        Assert.False(Cases.Open(ReviewReason.QualitySample).HoldsPayment);

    [Fact]
    public void Open_rejects_an_unknown_reason_and_blank_ids()
    {
        var e = Given.Violation(
            ViolationCode.InvalidValue, () => ReviewCase.Open("c", "v", "a", Given.Branch, (ReviewReason)9, "t", Cases.T0));
        Assert.Equal("reason", e.Field);
        Assert.ThrowsAny<ArgumentException>(() => ReviewCase.Open(" ", "v", "a", Given.Branch, ReviewReason.ReviewDecision, "t", Cases.T0));
        Assert.ThrowsAny<ArgumentException>(() => ReviewCase.Open("c", "v", "a", Given.Branch, ReviewReason.ReviewDecision, "", Cases.T0));
    }

    // ---- Role and independence ----
    [Fact]
    public void Claim_requires_the_reviewer_role()
    {
        var c = Cases.Open();
        var other = new Actor("teller-9", [Role.Teller], Given.Branch);

        foreach (var actor in new[] { other, Cases.Supervisor, Given.Auditor, Given.Admin, Given.Approver })
        {
            Assert.False(c.IsClaimableBy(actor, At));
            Given.Violation(ViolationCode.RoleRequired, () => c.Claim(actor, Cases.Lease, At));
        }

        Assert.Equal(ReviewCaseState.Open, c.State);
        Assert.Equal(1, c.Version);
    }

    [Fact]
    public void The_teller_who_submitted_the_slip_cannot_claim_it_even_holding_the_reviewer_role()
    {
        var c = Cases.Open();

        Assert.False(c.IsClaimableBy(Cases.TellerWithReviewRoles, At));
        var e = Given.Violation(ViolationCode.ReviewerNotIndependent, () => c.Claim(Cases.TellerWithReviewRoles, Cases.Lease, At));
        Assert.Equal(ViolationCategory.PermissionDenied, e.Category);
        Assert.Equal(ReviewCaseState.Open, c.State);
    }

    // ---- Claim ----
    [Fact]
    public void Claim_holds_the_case_for_the_lease()
    {
        var c = Cases.Open();
        Assert.True(c.IsClaimableBy(Cases.R1, At));

        c.Claim(Cases.R1, Cases.Lease, At);

        Assert.Equal(ReviewCaseState.Claimed, c.State);
        Assert.Equal(ReviewCaseState.Claimed, c.StateAt(At.AddMinutes(14)));
        Assert.Equal(Cases.R1.UserId, c.LeaseHolder);
        Assert.Equal(At + Cases.Lease, c.LeaseExpiresAt);
        Assert.True(c.IsLeasedTo(Cases.R1, At));
        Assert.False(c.IsLeasedTo(Cases.R2, At));
        Assert.Equal(2, c.Version);
    }

    [Fact]
    public void Nobody_else_can_claim_a_case_under_a_live_lease()
    {
        var c = Cases.Open();
        c.Claim(Cases.R1, Cases.Lease, At);
        var justBefore = At + Cases.Lease - TimeSpan.FromTicks(1);

        Assert.False(c.IsClaimableBy(Cases.R2, justBefore));
        var e = Given.Violation(ViolationCode.CaseLeased, () => c.Claim(Cases.R2, Cases.Lease, justBefore));
        Assert.Equal(ViolationCategory.FailedPrecondition, e.Category);
        Assert.Equal(Cases.R1.UserId, c.LeaseHolder);
        Assert.Equal(2, c.Version);
    }

    [Fact]
    public void The_holder_may_claim_again_which_renews_the_lease()
    {
        var c = Cases.Open();
        c.Claim(Cases.R1, Cases.Lease, At);
        var later = At.AddMinutes(10);

        Assert.True(c.IsClaimableBy(Cases.R1, later));
        c.Claim(Cases.R1, Cases.Lease, later);

        Assert.Equal(later + Cases.Lease, c.LeaseExpiresAt);
        Assert.Equal(ReviewCaseState.Claimed, c.State);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-60)]
    [InlineData(24 * 3600 + 1)]
    public void The_lease_duration_must_be_positive_and_at_most_a_day(int seconds)
    {
        var c = Cases.Open();
        Assert.Throws<ArgumentOutOfRangeException>(() => c.Claim(Cases.R1, TimeSpan.FromSeconds(seconds), At));
        Assert.Equal(ReviewCaseState.Open, c.State);
    }

    // ---- Lease expiry ----
    [Fact]
    public void An_expired_lease_returns_the_case_to_the_queue_and_someone_else_may_claim_it()
    {
        var c = Cases.Open();
        c.Claim(Cases.R1, Cases.Lease, At);
        var expiry = At + Cases.Lease;

        Assert.False(c.HasLiveLease(expiry));
        Assert.Equal(ReviewCaseState.Claimed, c.State);
        Assert.Equal(ReviewCaseState.Open, c.StateAt(expiry));
        Assert.True(c.IsClaimableBy(Cases.R2, expiry));

        c.Claim(Cases.R2, Cases.Lease, expiry);

        Assert.Equal(Cases.R2.UserId, c.LeaseHolder);
        Assert.Equal(expiry + Cases.Lease, c.LeaseExpiresAt);
        Given.Violation(ViolationCode.LeaseRequired, () => c.SubmitReview(Cases.R1, ReviewVerdict.Genuine, null, expiry.AddMinutes(1)));
        Given.Violation(ViolationCode.LeaseRequired, () => c.Release(Cases.R1, expiry.AddMinutes(1)));
        Given.Violation(ViolationCode.CaseLeased, () => c.Claim(Cases.R1, Cases.Lease, expiry.AddMinutes(1)));
        Assert.Empty(c.Reviews);
    }

    [Fact]
    public void Submitting_after_ones_own_lease_ran_out_is_refused_even_if_nobody_else_claimed()
    {
        var c = Cases.Open();
        c.Claim(Cases.R1, Cases.Lease, At);

        var e = Given.Violation(
            ViolationCode.LeaseRequired, () => c.SubmitReview(Cases.R1, ReviewVerdict.Genuine, null, At + Cases.Lease));
        Assert.Equal(ViolationCategory.FailedPrecondition, e.Category);
        Assert.Empty(c.Reviews);

        c.Claim(Cases.R1, Cases.Lease, At + Cases.Lease);
        c.SubmitReview(Cases.R1, ReviewVerdict.Genuine, null, At + Cases.Lease);
        Assert.Single(c.Reviews);
    }

    [Fact]
    public void An_expired_second_review_lease_reads_as_awaiting_second_review()
    {
        var c = Cases.AfterFirst(ReviewVerdict.Genuine);
        c.Claim(Cases.R2, Cases.Lease, At.AddHours(1));

        Assert.Equal(ReviewCaseState.Claimed, c.StateAt(At.AddHours(1)));
        Assert.Equal(ReviewCaseState.AwaitingSecondReview, c.StateAt(At.AddHours(2)));
        Assert.True(c.IsClaimableBy(Cases.R3, At.AddHours(2)));
    }

    [Fact]
    public void Submitting_without_a_claim_is_refused()
    {
        var c = Cases.Open();
        Given.Violation(ViolationCode.LeaseRequired, () => c.SubmitReview(Cases.R1, ReviewVerdict.Genuine, null, At));

        var second = Cases.AfterFirst(ReviewVerdict.Genuine);
        Given.Violation(ViolationCode.LeaseRequired, () => second.SubmitReview(Cases.R2, ReviewVerdict.Genuine, null, At.AddHours(1)));
        Assert.Single(second.Reviews);
    }

    // ---- Release ----
    [Fact]
    public void Release_returns_a_case_to_the_queue()
    {
        var c = Cases.Open();
        c.Claim(Cases.R1, Cases.Lease, At);

        c.Release(Cases.R1, At.AddMinutes(1));

        Assert.Equal(ReviewCaseState.Open, c.State);
        Assert.Null(c.LeaseHolder);
        Assert.Null(c.LeaseExpiresAt);
        Assert.Equal(3, c.Version);
        Assert.True(c.IsClaimableBy(Cases.R2, At.AddMinutes(1)));
    }

    [Fact]
    public void Release_after_the_first_review_awaits_the_second()
    {
        var c = Cases.AfterFirst(ReviewVerdict.Forged);
        c.Claim(Cases.R2, Cases.Lease, At.AddHours(1));

        c.Release(Cases.R2, At.AddHours(1));

        Assert.Equal(ReviewCaseState.AwaitingSecondReview, c.State);
        Assert.Single(c.Reviews);
    }

    [Fact]
    public void Only_the_holder_of_a_live_lease_may_release()
    {
        var c = Cases.Open();
        Given.Violation(ViolationCode.LeaseRequired, () => c.Release(Cases.R1, At));

        c.Claim(Cases.R1, Cases.Lease, At);
        Given.Violation(ViolationCode.LeaseRequired, () => c.Release(Cases.R2, At));
        Given.Violation(ViolationCode.LeaseRequired, () => c.Release(Cases.R1, At + Cases.Lease));
        Assert.Equal(Cases.R1.UserId, c.LeaseHolder);
        Assert.Equal(ReviewCaseState.Claimed, c.State);
    }

    [Theory]
    [InlineData(ViolationCode.ReviewerNotIndependent, ViolationCategory.PermissionDenied)]
    [InlineData(ViolationCode.CaseLeased, ViolationCategory.FailedPrecondition)]
    [InlineData(ViolationCode.LeaseRequired, ViolationCategory.FailedPrecondition)]
    public void Review_codes_map_to_a_status_family(ViolationCode code, ViolationCategory expected) =>
        Assert.Equal(expected, DomainRuleViolationException.CategoryOf(code));
}
