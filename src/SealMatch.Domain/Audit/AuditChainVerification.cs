namespace SealMatch.Domain.Audit;

/// <summary>A verified position in the chain: an entry's sequence number and hash (<see cref="Genesis"/> before the first).</summary>
/// <param name="SequenceNumber">The entry's sequence number; 0 for genesis.</param>
/// <param name="Hash">The entry's hash; <see cref="AuditChain.GenesisHash"/> for genesis.</param>
public sealed record AuditCheckpoint(long SequenceNumber, string Hash)
{
    /// <summary>Before the first entry.</summary>
    public static AuditCheckpoint Genesis { get; } = new(0, AuditChain.GenesisHash);
}

/// <summary>Why a link of the chain is broken.</summary>
public enum AuditBreakKind
{
    /// <summary>The sequence number is not the one expected: an entry was deleted, inserted or moved.</summary>
    SequenceGap,

    /// <summary>The entry does not point at the hash of the entry before it: an entry before it was deleted, inserted or moved (or this link was edited).</summary>
    PreviousHashMismatch,

    /// <summary>The entry's content no longer produces its hash: the entry was edited.</summary>
    HashMismatch,
}

/// <summary>The first broken link found by <see cref="AuditChain.Verify(IEnumerable{AuditEntry})"/>.</summary>
/// <param name="SequenceNumber">The sequence number stored on the entry where the chain breaks.</param>
/// <param name="ExpectedSequenceNumber">The sequence number the chain expected at that position.</param>
/// <param name="Kind">Why it breaks.</param>
/// <param name="Detail">A short explanation for the report (no entry content).</param>
public sealed record AuditChainBreak(long SequenceNumber, long ExpectedSequenceNumber, AuditBreakKind Kind, string Detail);

/// <summary>The result of verifying a run of entries.</summary>
/// <param name="EntriesVerified">How many entries were verified intact (all of them, or those before the break).</param>
/// <param name="Head">The last intact position: where to continue from, and what to compare with an anchor kept elsewhere.</param>
/// <param name="FirstBreak">The first broken link, or null when every entry verified.</param>
public sealed record AuditChainVerification(long EntriesVerified, AuditCheckpoint Head, AuditChainBreak? FirstBreak)
{
    /// <summary>True when no link is broken.</summary>
    public bool IsIntact => FirstBreak is null;
}
