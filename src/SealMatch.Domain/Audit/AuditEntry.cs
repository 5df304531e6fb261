namespace SealMatch.Domain.Audit;

/// <summary>
/// One entry of the append-only audit trail: who did or read what, when, from where, for what
/// purpose, chained to the entry before it by <see cref="PreviousHash"/> and sealed by <see cref="Hash"/>.
/// Entries are made only by <see cref="AuditChain.Append"/> and are never updated or deleted.
/// </summary>
/// <remarks>See <see cref="AuditChain"/> for the canonical form every field enters the hash in.</remarks>
public sealed class AuditEntry
{
    internal AuditEntry(
        long sequenceNumber, string actorId, string roles, string branchCode, string action, string targetType, string targetId,
        string? purpose, DateTimeOffset at, string? requestId, string? clientAddress, string previousHash, string hash)
    {
        SequenceNumber = sequenceNumber;
        ActorId = actorId;
        Roles = roles;
        BranchCode = branchCode;
        Action = action;
        TargetType = targetType;
        TargetId = targetId;
        Purpose = purpose;
        At = at;
        RequestId = requestId;
        ClientAddress = clientAddress;
        PreviousHash = previousHash;
        Hash = hash;
    }

    // For EF Core materialisation.
    private AuditEntry()
    {
        ActorId = Roles = BranchCode = Action = TargetType = TargetId = PreviousHash = Hash = string.Empty;
    }

    /// <summary>1, 2, 3… without gaps, in the order of appending; unique in storage (the key).</summary>
    public long SequenceNumber { get; private set; }

    /// <summary>User id of the actor.</summary>
    public string ActorId { get; private set; }

    /// <summary>The actor's roles at the time: distinct role names in ordinal order, comma-separated (<see cref="AuditChain.FormatRoles"/>); empty for none.</summary>
    public string Roles { get; private set; }

    /// <summary>The actor's branch.</summary>
    public string BranchCode { get; private set; }

    /// <summary>What was done or read, e.g. <c>review.submit</c> or <c>specimen.image.read</c>; the vocabulary is the caller's.</summary>
    public string Action { get; private set; }

    /// <summary>The kind of thing acted on, e.g. <c>review_case</c>.</summary>
    public string TargetType { get; private set; }

    /// <summary>The id of the thing acted on.</summary>
    public string TargetId { get; private set; }

    /// <summary>The purpose the actor stated, where one was given.</summary>
    public string? Purpose { get; private set; }

    /// <summary>When it happened: UTC (offset zero), whole microseconds, as <see cref="AuditChain.Append"/> stores it.</summary>
    public DateTimeOffset At { get; private set; }

    /// <summary>The request's correlation id, where there was a request.</summary>
    public string? RequestId { get; private set; }

    /// <summary>The client's network address, where known.</summary>
    public string? ClientAddress { get; private set; }

    /// <summary>The <see cref="Hash"/> of the entry before (64 lowercase hex digits); <see cref="AuditChain.GenesisHash"/> for the first.</summary>
    public string PreviousHash { get; private set; }

    /// <summary><see cref="AuditChain.ComputeHash"/> of this entry over <see cref="PreviousHash"/> (64 lowercase hex digits).</summary>
    public string Hash { get; private set; }

    /// <summary>The same entry sealed with <paramref name="hash"/>.</summary>
    internal AuditEntry WithHash(string hash) =>
        new(SequenceNumber, ActorId, Roles, BranchCode, Action, TargetType, TargetId, Purpose, At, RequestId, ClientAddress, PreviousHash, hash);

    /// <summary>
    /// Rebuilds an entry exactly as read from storage or an export (e.g. by raw SQL). Nothing is
    /// computed or checked beyond nulls: run <see cref="AuditChain.Verify(IEnumerable{AuditEntry})"/> to trust it.
    /// </summary>
    public static AuditEntry Restore(
        long sequenceNumber, string actorId, string roles, string branchCode, string action, string targetType, string targetId,
        string? purpose, DateTimeOffset at, string? requestId, string? clientAddress, string previousHash, string hash)
    {
        ArgumentNullException.ThrowIfNull(actorId);
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(branchCode);
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(targetType);
        ArgumentNullException.ThrowIfNull(targetId);
        ArgumentNullException.ThrowIfNull(previousHash);
        ArgumentNullException.ThrowIfNull(hash);
        return new AuditEntry(
            sequenceNumber, actorId, roles, branchCode, action, targetType, targetId, purpose, at, requestId, clientAddress, previousHash, hash);
    }
}
