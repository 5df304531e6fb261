using SealMatch.Domain.Reviews;
using SealMatch.Domain.Security;

namespace SealMatch.Domain.Tests.Reviews;

/// <summary>Review actors and cases in given states; each test builds its own case.</summary>
internal static class Cases
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(15);

    public static readonly DateTimeOffset T0 = Given.T0;

    /// <summary>The teller who submitted the slip (<see cref="Given.Teller"/>'s user id).</summary>
    public static Actor Teller => Given.Teller;

    /// <summary>The same teller, also holding review roles: independence must still stop them.</summary>
    public static Actor TellerWithReviewRoles { get; } = new("teller-1", [Role.Teller, Role.Reviewer, Role.ReviewSupervisor], Given.Branch);

    public static Actor R1 { get; } = new("reviewer-1", [Role.Reviewer], "HQ");

    public static Actor R2 { get; } = new("reviewer-2", [Role.Reviewer], "HQ");

    public static Actor R3 { get; } = new("reviewer-3", [Role.Reviewer], "HQ");

    public static Actor Supervisor { get; } = new("supervisor-1", [Role.ReviewSupervisor], "HQ");

    /// <summary>Holds both reviewer and supervisor roles.</summary>
    public static Actor Lead { get; } = new("lead-1", [Role.Reviewer, Role.ReviewSupervisor], "HQ");

    public static ReviewCase Open(ReviewReason reason = ReviewReason.ReviewDecision, string id = "case-1", DateTimeOffset? openedAt = null) =>
        ReviewCase.Open(id, "ver-1", "acc-1", Given.Branch, reason, Teller.UserId, openedAt ?? T0);

    /// <summary>Claims and submits in one step at <paramref name="at"/>.</summary>
    public static void ClaimAndSubmit(this ReviewCase c, Actor reviewer, ReviewVerdict verdict, DateTimeOffset at, string? comment = null)
    {
        c.Claim(reviewer, Lease, at);
        c.SubmitReview(reviewer, verdict, comment ?? (verdict == ReviewVerdict.Genuine ? null : "Stroke at 3 o'clock shifted."), at.AddMinutes(1));
    }

    /// <summary>A case with a first review by <paramref name="first"/>.</summary>
    public static ReviewCase AfterFirst(ReviewVerdict verdict, Actor? first = null, ReviewReason reason = ReviewReason.ReviewDecision)
    {
        var c = Open(reason);
        c.ClaimAndSubmit(first ?? R1, verdict, T0.AddMinutes(10));
        return c;
    }

    /// <summary>A case with two reviews, by <see cref="R1"/> then <see cref="R2"/> unless given.</summary>
    public static ReviewCase AfterBoth(
        ReviewVerdict first, ReviewVerdict second, ReviewReason reason = ReviewReason.ReviewDecision, Actor? firstReviewer = null, Actor? secondReviewer = null)
    {
        var c = AfterFirst(first, firstReviewer, reason);
        c.ClaimAndSubmit(secondReviewer ?? R2, second, T0.AddMinutes(30));
        return c;
    }

    public static ReviewCase Escalated(ReviewReason reason = ReviewReason.ReviewDecision, Actor? firstReviewer = null) =>
        AfterBoth(ReviewVerdict.Genuine, ReviewVerdict.Forged, reason, firstReviewer);
}
