using SealMatch.Domain.Reviews;

namespace SealMatch.Domain.Tests.Reviews;

public sealed class ReviewQueueTests
{
    private static readonly DateTimeOffset Now = Cases.T0.AddHours(3);

    [Fact]
    public void Picks_the_oldest_claimable_case()
    {
        var newer = Cases.Open(id: "c-new", openedAt: Cases.T0.AddMinutes(20));
        var oldest = Cases.Open(id: "c-old", openedAt: Cases.T0);
        var middle = Cases.Open(id: "c-mid", openedAt: Cases.T0.AddMinutes(10));

        Assert.Same(oldest, ReviewQueue.NextFor([newer, oldest, middle], Cases.R1, Now));
    }

    [Fact]
    public void Ties_go_by_id_in_ordinal_order()
    {
        var b = Cases.Open(id: "c-b");
        var a = Cases.Open(id: "c-a");
        Assert.Same(a, ReviewQueue.NextFor([b, a], Cases.R1, Now));
    }

    [Fact]
    public void Skips_cases_the_reviewer_may_not_claim()
    {
        var leasedToOther = Cases.Open(id: "c1", openedAt: Cases.T0);
        leasedToOther.Claim(Cases.R2, Cases.Lease, Now);
        var reviewedByMe = Cases.AfterFirst(ReviewVerdict.Genuine, Cases.R1);
        var escalated = Cases.Escalated(firstReviewer: Cases.R3);
        var decided = Cases.AfterBoth(ReviewVerdict.Genuine, ReviewVerdict.Genuine, firstReviewer: Cases.R3);
        var claimable = Cases.Open(id: "c9", openedAt: Cases.T0.AddHours(1));

        Assert.Same(claimable, ReviewQueue.NextFor([leasedToOther, reviewedByMe, escalated, decided, claimable], Cases.R1, Now));
        Assert.Null(ReviewQueue.NextFor([leasedToOther, reviewedByMe, escalated, decided], Cases.R1, Now));
        Assert.Null(ReviewQueue.NextFor([claimable], Cases.TellerWithReviewRoles, Now));
        Assert.Null(ReviewQueue.NextFor([claimable], Cases.Supervisor, Now));
    }

    [Fact]
    public void A_case_whose_lease_ran_out_is_back_in_the_queue()
    {
        var c = Cases.Open();
        c.Claim(Cases.R2, Cases.Lease, Now);

        Assert.Null(ReviewQueue.NextFor([c], Cases.R1, Now.AddMinutes(14)));
        Assert.Same(c, ReviewQueue.NextFor([c], Cases.R1, Now + Cases.Lease));
    }

    [Fact]
    public void A_case_already_held_comes_first_so_a_retried_claim_takes_no_second_case()
    {
        var older = Cases.Open(id: "c-old", openedAt: Cases.T0);
        var held = Cases.Open(id: "c-held", openedAt: Cases.T0.AddHours(1));
        held.Claim(Cases.R1, Cases.Lease, Now);

        var next = ReviewQueue.ClaimNext([older, held], Cases.R1, Cases.Lease, Now.AddMinutes(1));

        Assert.Same(held, next);
        Assert.Equal(ReviewCaseState.Open, older.State);
        Assert.Equal(Now.AddMinutes(1) + Cases.Lease, held.LeaseExpiresAt);
    }

    [Fact]
    public void Two_reviewers_claiming_in_turn_get_different_cases()
    {
        var first = Cases.Open(id: "c1", openedAt: Cases.T0);
        var second = Cases.Open(id: "c2", openedAt: Cases.T0.AddMinutes(1));
        ReviewCase[] queue = [first, second];

        var forR1 = ReviewQueue.ClaimNext(queue, Cases.R1, Cases.Lease, Now);
        var forR2 = ReviewQueue.ClaimNext(queue, Cases.R2, Cases.Lease, Now);
        var forR3 = ReviewQueue.ClaimNext(queue, Cases.R3, Cases.Lease, Now);

        Assert.Same(first, forR1);
        Assert.Same(second, forR2);
        Assert.Null(forR3);
        Assert.Equal(Cases.R1.UserId, first.LeaseHolder);
        Assert.Equal(Cases.R2.UserId, second.LeaseHolder);
    }
}
