namespace SealMatch.Domain.Reviews;

/// <summary>
/// One judgement on a review case: a reviewer's verdict or a supervisor's decision.
/// Records are appended and never changed or removed.
/// </summary>
public sealed class Review
{
    internal Review(string caseId, int sequence, ReviewKind kind, string reviewerId, ReviewVerdict verdict, string? comment, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        CaseId = caseId;
        Sequence = sequence;
        Kind = kind;
        ReviewerId = reviewerId;
        Verdict = verdict;
        Comment = comment;
        At = at;
    }

    // For EF Core materialisation.
    private Review()
    {
        CaseId = ReviewerId = string.Empty;
    }

    /// <summary>Own id (time-ordered), for persistence as a child row.</summary>
    public Guid Id { get; private set; }

    /// <summary>The case this record belongs to.</summary>
    public string CaseId { get; private set; }

    /// <summary>1, 2, 3 in the order the records were appended.</summary>
    public int Sequence { get; private set; }

    /// <summary>First review, second review or supervisor decision.</summary>
    public ReviewKind Kind { get; private set; }

    /// <summary>User id of the reviewer or supervisor.</summary>
    public string ReviewerId { get; private set; }

    /// <summary>The judgement.</summary>
    public ReviewVerdict Verdict { get; private set; }

    /// <summary>The stated grounds; required for anything but a reviewer's <see cref="ReviewVerdict.Genuine"/>.</summary>
    public string? Comment { get; private set; }

    /// <summary>When it was submitted.</summary>
    public DateTimeOffset At { get; private set; }
}
