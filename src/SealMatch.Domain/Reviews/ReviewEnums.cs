namespace SealMatch.Domain.Reviews;

/// <summary>Why a verification was put before people.</summary>
public enum ReviewReason
{
    /// <summary>The verification decided REVIEW; the payment waits for the outcome.</summary>
    ReviewDecision,

    /// <summary>An ACCEPT sampled for quality control; the payment is not held.</summary>
    QualitySample,
}

/// <summary>Where a review case stands.</summary>
/// <remarks>
/// <see cref="Claimed"/> is stored until the case is reviewed or released; a lease that expires
/// changes nothing stored, and <see cref="ReviewCase.StateAt"/> reads such a case as back in the queue.
/// </remarks>
public enum ReviewCaseState
{
    /// <summary>No review yet, nobody holds it: waits for a first reviewer.</summary>
    Open,

    /// <summary>A reviewer holds the lease (for the first or the second review).</summary>
    Claimed,

    /// <summary>One review in, nobody holds it: waits for a different second reviewer.</summary>
    AwaitingSecondReview,

    /// <summary>The two reviews disagree or one could not tell: waits for a supervisor.</summary>
    Escalated,

    /// <summary>Final: <see cref="ReviewCase.Outcome"/> is set and nothing changes any more.</summary>
    Decided,
}

/// <summary>A person's judgement of the impression against the specimen.</summary>
public enum ReviewVerdict
{
    /// <summary>The impression was made by the reserved seal (or signatory).</summary>
    Genuine,

    /// <summary>The impression was not made by the reserved seal.</summary>
    Forged,

    /// <summary>The reviewer cannot decide; the case goes to a supervisor. Not open to supervisors.</summary>
    CannotTell,
}

/// <summary>Which judgement a <see cref="Review"/> record is.</summary>
public enum ReviewKind
{
    /// <summary>The first independent review.</summary>
    First,

    /// <summary>The second independent review, by a different person.</summary>
    Second,

    /// <summary>A supervisor's decision on an escalated case; it overrides neither review record, it is added beside them.</summary>
    Supervisor,
}
