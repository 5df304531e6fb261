namespace SealMatch.Domain.Specimens;

/// <summary>
/// One entry of a specimen's append-only history: who did what, when and why, and the status after.
/// Entries are never changed or removed.
/// </summary>
public sealed class SpecimenEvent
{
    internal SpecimenEvent(
        string specimenId, int sequence, DateTimeOffset at, string actorId, SpecimenAction action,
        string? reason, SpecimenStatus statusAfter, DateOnly? effectiveTo)
    {
        Id = Guid.CreateVersion7(at);
        SpecimenId = specimenId;
        Sequence = sequence;
        At = at;
        ActorId = actorId;
        Action = action;
        Reason = reason;
        StatusAfter = statusAfter;
        EffectiveTo = effectiveTo;
    }

    // For EF Core materialisation.
    private SpecimenEvent()
    {
        SpecimenId = ActorId = string.Empty;
    }

    /// <summary>Own id (time-ordered), for persistence as a child row.</summary>
    public Guid Id { get; private set; }

    /// <summary>The specimen this entry belongs to.</summary>
    public string SpecimenId { get; private set; }

    /// <summary>1, 2, 3… in the order the entries were appended.</summary>
    public int Sequence { get; private set; }

    /// <summary>When it happened.</summary>
    public DateTimeOffset At { get; private set; }

    /// <summary>User id of the person who did it.</summary>
    public string ActorId { get; private set; }

    /// <summary>What was done.</summary>
    public SpecimenAction Action { get; private set; }

    /// <summary>The stated reason, where the action takes one.</summary>
    public string? Reason { get; private set; }

    /// <summary>The specimen's status after the action.</summary>
    public SpecimenStatus StatusAfter { get; private set; }

    /// <summary>The revocation date requested or applied, for revocation entries.</summary>
    public DateOnly? EffectiveTo { get; private set; }
}
