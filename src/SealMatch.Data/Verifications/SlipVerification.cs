namespace SealMatch.Data.Verifications;

/// <summary>
/// One verification of a slip: the request's identity, the decision, and everything it rested on
/// (engine version, thresholds, every score), so a decision can be explained years later without
/// re-running a newer engine. The slip image is kept encrypted for review.
/// </summary>
public sealed class SlipVerification
{
    public required string Id { get; init; }

    public required string AccountId { get; init; }

    /// <summary>The caller's idempotency key; unique per account.</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>SHA-256 over the request's content, to refuse a key reused for a different slip.</summary>
    public required byte[] RequestHash { get; init; }

    public required string RequestedBy { get; init; }

    public required DateTime CreatedAt { get; init; }

    public required DateOnly SlipDate { get; init; }

    public required long AmountMinorUnits { get; init; }

    public required string Currency { get; init; }

    /// <summary>ACCEPT, REJECT or REVIEW.</summary>
    public required string Decision { get; set; }

    /// <summary>FINAL, or AWAITING_REVIEW until a review settles a REVIEW decision.</summary>
    public required string Status { get; set; }

    /// <summary>Reason codes, comma-separated.</summary>
    public required string ReasonCodes { get; set; }

    /// <summary>The verification as returned to the caller (serialised <c>sealmatch.v1.Verification</c>).</summary>
    public required byte[] Result { get; set; }

    /// <summary>Every comparison's component scores and probability, and the thresholds used (JSON).</summary>
    public required string Scores { get; init; }

    public required string EngineVersion { get; init; }

    public required double AcceptThreshold { get; init; }

    public required double RejectThreshold { get; init; }

    /// <summary>The encrypted slip image as submitted.</summary>
    public required byte[] EncryptedSlipImage { get; init; }

    public required double Dpi { get; init; }

    public required double AnalysisMilliseconds { get; init; }

    /// <summary>Optimistic concurrency token.</summary>
    public long Version { get; set; }
}
