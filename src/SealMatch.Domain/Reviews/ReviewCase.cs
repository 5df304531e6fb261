using SealMatch.Domain.Security;
using SealMatch.Domain.Verification;

namespace SealMatch.Domain.Reviews;

/// <summary>
/// One verification put before people (换人复核): two independent reviews, a supervisor when they
/// do not agree, and a final outcome that becomes the verification's decision.
/// </summary>
/// <remarks>
/// <para><b>Queue and lease.</b> A reviewer takes a case with <see cref="Claim"/>, which holds it for a
/// configured time. A lease that runs out changes nothing stored: the case simply becomes claimable
/// again (<see cref="IsClaimableBy"/>, <see cref="StateAt"/>), and the old holder can no longer submit.
/// <see cref="Version"/> changes on every transition, claims included, so that storage can refuse
/// the second of two concurrent claims.</para>
/// <para><b>Independence.</b> Reviewers hold <see cref="Role.Reviewer"/>; the two reviews are by two
/// different people, neither of them the teller who submitted the slip (<see cref="SubmittedBy"/>).
/// A supervisor (<see cref="Role.ReviewSupervisor"/>) who settles an escalated case is a third
/// person: neither reviewer nor the teller. Holding both roles changes none of this.</para>
/// <para><b>Blindness.</b> <see cref="VisibleReviews"/> is what a person may be shown: nobody sees a
/// verdict on the case before submitting their own; supervisors and auditors see every record once
/// no further review can be made (escalated or decided). <see cref="Reviews"/> holds every record,
/// for persistence and reports only.</para>
/// <para><b>Outcome.</b> Both GENUINE → <see cref="Decision.Accept"/>; both FORGED →
/// <see cref="Decision.Reject"/>; any disagreement or CANNOT_TELL → escalated, and the supervisor's
/// GENUINE or FORGED decides. Once decided nothing changes; a supervisor's decision is a record of
/// its own beside the reviews it overrides, which stay as they were.</para>
/// <para>Every transition checks the actor's role, independence and the state, and throws
/// <see cref="DomainRuleViolationException"/> before changing anything.</para>
/// </remarks>
public sealed class ReviewCase
{
    /// <summary>The longest lease <see cref="Claim"/> accepts; a longer one is a configuration error.</summary>
    public static readonly TimeSpan MaxLeaseDuration = TimeSpan.FromHours(24);

    private readonly List<Review> _reviews = [];

    // For EF Core materialisation.
    private ReviewCase()
    {
        Id = VerificationId = AccountId = BranchCode = SubmittedBy = string.Empty;
    }

    /// <summary>Stable id (assigned by the caller).</summary>
    public string Id { get; private set; }

    /// <summary>The verification under review; its decision becomes <see cref="Outcome"/>.</summary>
    public string VerificationId { get; private set; }

    /// <summary>The account the slip draws on.</summary>
    public string AccountId { get; private set; }

    /// <summary>The account's branch, for queue filters and reports.</summary>
    public string BranchCode { get; private set; }

    /// <summary>Why the case was opened.</summary>
    public ReviewReason Reason { get; private set; }

    /// <summary>User id of the teller (or teller system) who submitted the slip; never a reviewer of it.</summary>
    public string SubmittedBy { get; private set; }

    /// <summary>When the case was opened; the queue serves the oldest first.</summary>
    public DateTimeOffset OpenedAt { get; private set; }

    /// <summary>The stored state (see <see cref="StateAt"/> for the state with lease expiry applied).</summary>
    public ReviewCaseState State { get; private set; }

    /// <summary>User id of the last claimant while <see cref="ReviewCaseState.Claimed"/>; null otherwise. The lease may have expired.</summary>
    public string? LeaseHolder { get; private set; }

    /// <summary>When the lease ends (exclusive) while <see cref="ReviewCaseState.Claimed"/>; null otherwise.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; private set; }

    /// <summary>When the second review escalated the case; null if it never was.</summary>
    public DateTimeOffset? EscalatedAt { get; private set; }

    /// <summary>
    /// The verification's final decision, <see cref="Decision.Accept"/> or <see cref="Decision.Reject"/>,
    /// once <see cref="ReviewCaseState.Decided"/>; null before.
    /// </summary>
    public Decision? Outcome { get; private set; }

    /// <summary>User id of whoever made the decisive judgement: the second reviewer or the supervisor.</summary>
    public string? DecidedBy { get; private set; }

    /// <summary>When the outcome was reached.</summary>
    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>Incremented on every change, claims and releases included; usable as an optimistic concurrency token.</summary>
    public int Version { get; private set; }

    /// <summary>Every record, oldest first. For persistence and reports; what a person may see is <see cref="VisibleReviews"/>.</summary>
    public IReadOnlyList<Review> Reviews => _reviews.AsReadOnly();

    /// <summary>True when the payment waits for this case (it was opened for a REVIEW decision); a quality sample holds nothing.</summary>
    public bool HoldsPayment => Reason == ReviewReason.ReviewDecision;

    /// <summary>
    /// True when a quality sample of an ACCEPT was finally judged forged: the payment has already gone,
    /// so the account is flagged and the case appears in the reports.
    /// </summary>
    public bool RaisesAlert => Reason == ReviewReason.QualitySample && Outcome == Decision.Reject;

    /// <summary>Opens a case for a verification.</summary>
    /// <param name="id">Stable id, assigned by the caller.</param>
    /// <param name="verificationId">The verification under review.</param>
    /// <param name="accountId">Its account.</param>
    /// <param name="branchCode">The account's branch.</param>
    /// <param name="reason">A REVIEW decision, or a quality sample of an ACCEPT.</param>
    /// <param name="submittedBy">User id of the teller who submitted the slip.</param>
    /// <param name="now">The time of opening.</param>
    public static ReviewCase Open(
        string id, string verificationId, string accountId, string branchCode, ReviewReason reason, string submittedBy, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(verificationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        ArgumentNullException.ThrowIfNull(branchCode);
        ArgumentException.ThrowIfNullOrWhiteSpace(submittedBy);
        return new ReviewCase
        {
            Id = id,
            VerificationId = verificationId,
            AccountId = accountId,
            BranchCode = branchCode,
            Reason = Guard.Defined(reason, "reason"),
            SubmittedBy = submittedBy,
            OpenedAt = now,
            State = ReviewCaseState.Open,
            Version = 1,
        };
    }

    /// <summary>
    /// The state as a queue sees it at <paramref name="now"/>: a <see cref="ReviewCaseState.Claimed"/> case
    /// whose lease has run out reads as <see cref="ReviewCaseState.Open"/> or
    /// <see cref="ReviewCaseState.AwaitingSecondReview"/>; every other state reads as stored.
    /// </summary>
    public ReviewCaseState StateAt(DateTimeOffset now) =>
        State == ReviewCaseState.Claimed && !HasLiveLease(now) ? QueueState : State;

    /// <summary>Whether someone holds a lease on the case that has not run out at <paramref name="now"/>.</summary>
    public bool HasLiveLease(DateTimeOffset now) =>
        State == ReviewCaseState.Claimed && LeaseHolder is not null && now < LeaseExpiresAt;

    /// <summary>Whether <paramref name="actor"/> holds a lease on the case that has not run out at <paramref name="now"/>.</summary>
    public bool IsLeasedTo(Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return HasLiveLease(now) && string.Equals(LeaseHolder, actor.UserId, StringComparison.Ordinal);
    }

    /// <summary>Whether the person with <paramref name="userId"/> has submitted a review or decision on the case.</summary>
    public bool HasReviewed(string userId) =>
        _reviews.Exists(r => string.Equals(r.ReviewerId, userId, StringComparison.Ordinal));

    /// <summary>
    /// Whether <see cref="Claim"/> would succeed for <paramref name="actor"/> at <paramref name="now"/>:
    /// a <see cref="Role.Reviewer"/> who is not the teller and has not reviewed the case, on a case that
    /// is open, awaiting its second review, or claimed under a lease that has run out or is the actor's own.
    /// </summary>
    public bool IsClaimableBy(Actor actor, DateTimeOffset now) => ClaimRefusal(actor, now) is null;

    /// <summary>
    /// Takes the case for review until <paramref name="now"/> + <paramref name="leaseDuration"/>. The holder
    /// of a live lease may claim again, which renews it, so a retried claim returns the same case.
    /// </summary>
    /// <param name="reviewer">A <see cref="Role.Reviewer"/>, independent of the case.</param>
    /// <param name="leaseDuration">The configured lease; positive and at most <see cref="MaxLeaseDuration"/>.</param>
    /// <param name="now">The time of the request.</param>
    /// <exception cref="ArgumentOutOfRangeException">The lease duration is not positive or too long (configuration, not request).</exception>
    public void Claim(Actor reviewer, TimeSpan leaseDuration, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reviewer);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(leaseDuration, MaxLeaseDuration);
        if (ClaimRefusal(reviewer, now) is { } refusal)
        {
            throw refusal;
        }

        State = ReviewCaseState.Claimed;
        LeaseHolder = reviewer.UserId;
        LeaseExpiresAt = now + leaseDuration;
        Version++;
    }

    /// <summary>Gives a claimed case back to the queue before the lease runs out. Only the holder of a live lease may.</summary>
    public void Release(Actor reviewer, DateTimeOffset now)
    {
        RequireLease(reviewer, now, "release");
        State = QueueState;
        ClearLease();
        Version++;
    }

    /// <summary>
    /// Records a reviewer's verdict. The first review leaves the case awaiting a second; the second
    /// decides it (both GENUINE → Accept, both FORGED → Reject) or escalates it (disagreement or any CANNOT_TELL).
    /// </summary>
    /// <param name="reviewer">The holder of a live lease on the case, a <see cref="Role.Reviewer"/> independent of it.</param>
    /// <param name="verdict">The judgement (<c>verdict</c>).</param>
    /// <param name="comment">The grounds (<c>comment</c>); required unless the verdict is <see cref="ReviewVerdict.Genuine"/>.</param>
    /// <param name="now">The time of the request.</param>
    public void SubmitReview(Actor reviewer, ReviewVerdict verdict, string? comment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reviewer);
        reviewer.Require(Role.Reviewer);
        ThrowIfNotIndependent(reviewer);
        Guard.Defined(verdict, "verdict");
        var grounds = verdict == ReviewVerdict.Genuine
            ? Guard.OptionalText(comment, "comment")
            : RequiredComment(comment, $"A comment is required for a {verdict} verdict.");
        RequireUndecided("review");
        RequireLease(reviewer, now, "submit a review of");

        var kind = _reviews.Count == 0 ? ReviewKind.First : ReviewKind.Second;
        _reviews.Add(new Review(Id, _reviews.Count + 1, kind, reviewer.UserId, verdict, grounds, now));
        ClearLease();
        if (kind == ReviewKind.First)
        {
            State = ReviewCaseState.AwaitingSecondReview;
        }
        else if (verdict != ReviewVerdict.CannotTell && verdict == _reviews[0].Verdict)
        {
            Decide(verdict, reviewer, now);
        }
        else
        {
            State = ReviewCaseState.Escalated;
            EscalatedAt = now;
        }

        Version++;
    }

    /// <summary>Settles an escalated case with a supervisor's GENUINE (→ Accept) or FORGED (→ Reject). Final.</summary>
    /// <param name="supervisor">A <see cref="Role.ReviewSupervisor"/> who is neither reviewer of the case nor the teller.</param>
    /// <param name="verdict">Genuine or Forged (<c>verdict</c>); a supervisor cannot answer CANNOT_TELL.</param>
    /// <param name="comment">The grounds (<c>comment</c>); required.</param>
    /// <param name="now">The time of the request.</param>
    public void DecideEscalated(Actor supervisor, ReviewVerdict verdict, string comment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(supervisor);
        supervisor.Require(Role.ReviewSupervisor);
        if (string.Equals(supervisor.UserId, SubmittedBy, StringComparison.Ordinal) || HasReviewed(supervisor.UserId))
        {
            throw new DomainRuleViolationException(
                ViolationCode.ReviewerNotIndependent,
                "A supervisor's decision must be a third person's: neither a reviewer of the case nor the teller who submitted the slip.");
        }

        if (Guard.Defined(verdict, "verdict") == ReviewVerdict.CannotTell)
        {
            throw new DomainRuleViolationException(ViolationCode.InvalidValue, "A supervisor must decide Genuine or Forged.", "verdict");
        }

        var grounds = RequiredComment(comment, "A supervisor's decision requires a comment.");
        if (State != ReviewCaseState.Escalated)
        {
            throw new DomainRuleViolationException(ViolationCode.IllegalTransition, $"Only an escalated case can be decided by a supervisor; this one is {State}.");
        }

        _reviews.Add(new Review(Id, _reviews.Count + 1, ReviewKind.Supervisor, supervisor.UserId, verdict, grounds, now));
        Decide(verdict, supervisor, now);
        Version++;
    }

    /// <summary>
    /// The records <paramref name="actor"/> may be shown: every record once the actor has submitted a
    /// review or decision on the case; every record for a <see cref="Role.ReviewSupervisor"/> or
    /// <see cref="Role.Auditor"/> once the case is escalated or decided; otherwise none, so a second
    /// reviewer never sees the first verdict before giving their own.
    /// </summary>
    public IReadOnlyList<Review> VisibleReviews(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var settled = State is ReviewCaseState.Escalated or ReviewCaseState.Decided;
        var mayOversee = settled && (actor.Has(Role.ReviewSupervisor) || actor.Has(Role.Auditor));
        return HasReviewed(actor.UserId) || mayOversee ? Reviews : [];
    }

    private ReviewCaseState QueueState => _reviews.Count == 0 ? ReviewCaseState.Open : ReviewCaseState.AwaitingSecondReview;

    private static string RequiredComment(string? comment, string message) =>
        string.IsNullOrWhiteSpace(comment)
            ? throw new DomainRuleViolationException(ViolationCode.InvalidValue, message, "comment")
            : Guard.RequiredText(comment, "comment");

    // Permission first, then state, so a caller without the role learns nothing about the case's state.
    private DomainRuleViolationException? ClaimRefusal(Actor reviewer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reviewer);
        if (!reviewer.Has(Role.Reviewer))
        {
            return new DomainRuleViolationException(ViolationCode.RoleRequired, $"This operation requires the {Role.Reviewer} role.");
        }

        if (IndependenceRefusal(reviewer) is { } notIndependent)
        {
            return notIndependent;
        }

        if (State is ReviewCaseState.Escalated or ReviewCaseState.Decided)
        {
            return new DomainRuleViolationException(ViolationCode.IllegalTransition, $"Cannot claim a case that is {State}.");
        }

        return HasLiveLease(now) && !IsLeasedTo(reviewer, now)
            ? new DomainRuleViolationException(ViolationCode.CaseLeased, "Another reviewer holds this case.")
            : null;
    }

    private DomainRuleViolationException? IndependenceRefusal(Actor reviewer)
    {
        if (string.Equals(reviewer.UserId, SubmittedBy, StringComparison.Ordinal))
        {
            return new DomainRuleViolationException(
                ViolationCode.ReviewerNotIndependent, "The teller who submitted the slip cannot review it.");
        }

        return HasReviewed(reviewer.UserId)
            ? new DomainRuleViolationException(
                ViolationCode.ReviewerNotIndependent, "You have already reviewed this case; the second review must be someone else's.")
            : null;
    }

    private void ThrowIfNotIndependent(Actor reviewer)
    {
        if (IndependenceRefusal(reviewer) is { } refusal)
        {
            throw refusal;
        }
    }

    private void RequireUndecided(string verb)
    {
        if (State is ReviewCaseState.Escalated or ReviewCaseState.Decided)
        {
            throw new DomainRuleViolationException(ViolationCode.IllegalTransition, $"Cannot {verb} a case that is {State}.");
        }
    }

    private void RequireLease(Actor reviewer, DateTimeOffset now, string verb)
    {
        ArgumentNullException.ThrowIfNull(reviewer);
        if (!IsLeasedTo(reviewer, now))
        {
            throw new DomainRuleViolationException(
                ViolationCode.LeaseRequired, $"You hold no live lease on this case; claim it before you {verb} it.");
        }
    }

    private void Decide(ReviewVerdict verdict, Actor decisive, DateTimeOffset now)
    {
        State = ReviewCaseState.Decided;
        Outcome = verdict == ReviewVerdict.Genuine ? Decision.Accept : Decision.Reject;
        DecidedBy = decisive.UserId;
        DecidedAt = now;
    }

    private void ClearLease()
    {
        LeaseHolder = null;
        LeaseExpiresAt = null;
    }
}
