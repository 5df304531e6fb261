using SealMatch.Domain.Reviews;
using SealMatch.Domain.Security;
using SealMatch.Domain.Verification;
using SealMatch.Server.Errors;
using Proto = SealMatch.Protos.V1;

namespace SealMatch.Server.Reviews;

/// <summary>Explicit mappings between review protos and the domain.</summary>
internal static class ReviewMapping
{
    /// <summary>The case as <paramref name="actor"/> may see it at <paramref name="now"/>.</summary>
    public static Proto.ReviewCase ToProto(ReviewCase c, Actor actor, DateTimeOffset now)
    {
        var proto = new Proto.ReviewCase
        {
            Id = c.Id,
            VerificationId = c.VerificationId,
            AccountId = c.AccountId,
            BranchCode = c.BranchCode,
            Reason = c.Reason == ReviewReason.QualitySample ? Proto.ReviewReason.QualitySample : Proto.ReviewReason.ReviewDecision,
            State = ToProto(c.StateAt(now)),
            SubmittedBy = c.SubmittedBy,
            OpenedAt = ProtoMapping.ToTimestamp(c.OpenedAt),
            EscalatedAt = ProtoMapping.ToTimestamp(c.EscalatedAt),
            Outcome = c.Outcome switch
            {
                Decision.Accept => Proto.Decision.Accept,
                Decision.Reject => Proto.Decision.Reject,
                _ => Proto.Decision.Unspecified,
            },
            DecidedBy = c.DecidedBy ?? string.Empty,
            DecidedAt = ProtoMapping.ToTimestamp(c.DecidedAt),
            HoldsPayment = c.HoldsPayment,
            Alert = c.RaisesAlert,
            Version = c.Version,
        };
        if (c.HasLiveLease(now))
        {
            proto.LeaseHolder = c.LeaseHolder;
            proto.LeaseExpiresAt = ProtoMapping.ToTimestamp(c.LeaseExpiresAt);
        }

        proto.Reviews.AddRange(c.VisibleReviews(actor).Select(r => new Proto.ReviewRecord
        {
            Sequence = r.Sequence,
            Kind = r.Kind switch
            {
                ReviewKind.First => Proto.ReviewKind.First,
                ReviewKind.Second => Proto.ReviewKind.Second,
                _ => Proto.ReviewKind.Supervisor,
            },
            ReviewerId = r.ReviewerId,
            Verdict = ToProto(r.Verdict),
            Comment = r.Comment ?? string.Empty,
            At = ProtoMapping.ToTimestamp(r.At),
        }));
        return proto;
    }

    public static Proto.ReviewCaseState ToProto(ReviewCaseState state) => state switch
    {
        ReviewCaseState.Open => Proto.ReviewCaseState.Open,
        ReviewCaseState.Claimed => Proto.ReviewCaseState.Claimed,
        ReviewCaseState.AwaitingSecondReview => Proto.ReviewCaseState.AwaitingSecondReview,
        ReviewCaseState.Escalated => Proto.ReviewCaseState.Escalated,
        ReviewCaseState.Decided => Proto.ReviewCaseState.Decided,
        _ => Proto.ReviewCaseState.Unspecified,
    };

    public static Proto.ReviewVerdict ToProto(ReviewVerdict verdict) => verdict switch
    {
        ReviewVerdict.Genuine => Proto.ReviewVerdict.Genuine,
        ReviewVerdict.Forged => Proto.ReviewVerdict.Forged,
        ReviewVerdict.CannotTell => Proto.ReviewVerdict.CannotTell,
        _ => Proto.ReviewVerdict.Unspecified,
    };

    public static ReviewVerdict ToDomain(Proto.ReviewVerdict verdict) => verdict switch
    {
        Proto.ReviewVerdict.Genuine => ReviewVerdict.Genuine,
        Proto.ReviewVerdict.Forged => ReviewVerdict.Forged,
        Proto.ReviewVerdict.CannotTell => ReviewVerdict.CannotTell,
        _ => throw new RequestInvalidException("verdict", "verdict must be GENUINE, FORGED or CANNOT_TELL."),
    };

    /// <summary>A state filter; null for unspecified (every state).</summary>
    public static ReviewCaseState? ToDomain(Proto.ReviewCaseState state) => state switch
    {
        Proto.ReviewCaseState.Unspecified => null,
        Proto.ReviewCaseState.Open => ReviewCaseState.Open,
        Proto.ReviewCaseState.Claimed => ReviewCaseState.Claimed,
        Proto.ReviewCaseState.AwaitingSecondReview => ReviewCaseState.AwaitingSecondReview,
        Proto.ReviewCaseState.Escalated => ReviewCaseState.Escalated,
        Proto.ReviewCaseState.Decided => ReviewCaseState.Decided,
        _ => throw new RequestInvalidException("state", "state has an unknown value."),
    };
}
