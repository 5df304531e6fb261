namespace SealMatch.Domain.Verification;

/// <summary>The outcome of verifying a slip.</summary>
public enum Decision
{
    /// <summary>Some applicable signing rule is fully satisfied by confident matches to usable specimens.</summary>
    Accept,

    /// <summary>The slip cannot pass: a lost or revoked seal, no seal, a rule that cannot be satisfied, or a failed match.</summary>
    Reject,

    /// <summary>Neither: a person compares by eye, and a second person re-checks.</summary>
    Review,
}

/// <summary>Why a verification decided as it did. <see cref="ReasonCodes.ToWireName"/> gives the API spelling.</summary>
public enum ReasonCode
{
    /// <summary>No impression was found on the slip.</summary>
    NoSealFound,

    /// <summary>An impression matched no specimen of the account (informational: slips carry the bank's own stamps too).</summary>
    UnknownSeal,

    /// <summary>An impression matched a frozen (lost) specimen.</summary>
    SpecimenFrozen,

    /// <summary>An impression matched a specimen revoked as of the slip date.</summary>
    SpecimenRevoked,

    /// <summary>An impression matched a specimen not effective on the slip date.</summary>
    SpecimenNotEffective,

    /// <summary>An impression matched a specimen that is not approved (pending or rejected).</summary>
    SpecimenNotApproved,

    /// <summary>No applicable signing rule is (or can be) satisfied.</summary>
    RuleNotSatisfied,

    /// <summary>A required role's best match lies between the reject and accept thresholds.</summary>
    LowConfidence,

    /// <summary>An impression resembling a required specimen scored below the reject threshold.</summary>
    ForgerySuspected,

    /// <summary>The scan or an impression was flagged as poor quality; low scores are not trusted.</summary>
    ImageQuality,
}

/// <summary>Helpers over <see cref="ReasonCode"/>.</summary>
public static class ReasonCodes
{
    /// <summary>The upper snake case spelling used on the wire, e.g. <c>NO_SEAL_FOUND</c>.</summary>
    public static string ToWireName(this ReasonCode code) => code switch
    {
        ReasonCode.NoSealFound => "NO_SEAL_FOUND",
        ReasonCode.UnknownSeal => "UNKNOWN_SEAL",
        ReasonCode.SpecimenFrozen => "SPECIMEN_FROZEN",
        ReasonCode.SpecimenRevoked => "SPECIMEN_REVOKED",
        ReasonCode.SpecimenNotEffective => "SPECIMEN_NOT_EFFECTIVE",
        ReasonCode.SpecimenNotApproved => "SPECIMEN_NOT_APPROVED",
        ReasonCode.RuleNotSatisfied => "RULE_NOT_SATISFIED",
        ReasonCode.LowConfidence => "LOW_CONFIDENCE",
        ReasonCode.ForgerySuspected => "FORGERY_SUSPECTED",
        ReasonCode.ImageQuality => "IMAGE_QUALITY",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, null),
    };
}
