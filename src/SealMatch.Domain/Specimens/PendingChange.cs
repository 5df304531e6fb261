namespace SealMatch.Domain.Specimens;

/// <summary>An unfreeze or revocation requested by one person and awaiting another's approval.</summary>
public sealed class PendingChange
{
    internal PendingChange(PendingChangeKind kind, string requestedBy, DateTimeOffset requestedAt, string reason, DateOnly? effectiveTo)
    {
        Kind = kind;
        RequestedBy = requestedBy;
        RequestedAt = requestedAt;
        Reason = reason;
        EffectiveTo = effectiveTo;
    }

    // For EF Core materialisation (owned type).
    private PendingChange()
    {
        RequestedBy = Reason = string.Empty;
    }

    /// <summary>Unfreeze or revocation.</summary>
    public PendingChangeKind Kind { get; private set; }

    /// <summary>User id of the requester; the approver must differ.</summary>
    public string RequestedBy { get; private set; }

    /// <summary>When it was requested.</summary>
    public DateTimeOffset RequestedAt { get; private set; }

    /// <summary>The requester's stated reason.</summary>
    public string Reason { get; private set; }

    /// <summary>For a revocation, the first date the specimen no longer applies (exclusive end); null for an unfreeze.</summary>
    public DateOnly? EffectiveTo { get; private set; }
}
