namespace SealMatch.Domain.Specimens;

/// <summary>The part a specimen plays in the account's signing rules.</summary>
public enum SpecimenRole
{
    /// <summary>The round company seal (公章).</summary>
    CompanySeal,

    /// <summary>The finance seal (财务专用章).</summary>
    FinanceSeal,

    /// <summary>The legal representative's personal name seal (法人名章).</summary>
    LegalRepresentativeSeal,

    /// <summary>A handwritten signature of an authorised signatory.</summary>
    Signatory,

    /// <summary>Any other reserved seal (e.g. an authorised agent's seal).</summary>
    OtherSeal,
}

/// <summary>Whether a specimen is a stamped seal or a handwritten signature; follows from its role.</summary>
public enum SpecimenKind
{
    /// <summary>A stamped seal impression.</summary>
    Seal,

    /// <summary>A handwritten signature.</summary>
    Signature,
}

/// <summary>Lifecycle of a specimen.</summary>
public enum SpecimenStatus
{
    /// <summary>Submitted, awaiting a second person's approval; not used for verification.</summary>
    PendingApproval,

    /// <summary>Approved and in force (within its effective dates).</summary>
    Active,

    /// <summary>Submission rejected by the approver; final.</summary>
    Rejected,

    /// <summary>Loss reported: never used for verification until an approved unfreeze.</summary>
    Frozen,

    /// <summary>Revoked with an effective-to date; final.</summary>
    Revoked,
}

/// <summary>A change awaiting four-eyes approval.</summary>
public enum PendingChangeKind
{
    /// <summary>Unfreeze a frozen specimen.</summary>
    Unfreeze,

    /// <summary>Revoke a specimen as of a date.</summary>
    Revocation,
}

/// <summary>What happened in a history entry.</summary>
public enum SpecimenAction
{
    /// <summary>Registered by a clerk.</summary>
    Submitted,

    /// <summary>Submission approved.</summary>
    Approved,

    /// <summary>Submission rejected.</summary>
    Rejected,

    /// <summary>Loss reported; frozen at once.</summary>
    Frozen,

    /// <summary>Unfreeze requested.</summary>
    UnfreezeRequested,

    /// <summary>Unfreeze approved.</summary>
    Unfrozen,

    /// <summary>Revocation requested.</summary>
    RevocationRequested,

    /// <summary>Revocation approved.</summary>
    Revoked,

    /// <summary>A pending unfreeze or revocation rejected by the approver.</summary>
    PendingChangeRejected,
}

/// <summary>
/// Why a specimen can or cannot be used to verify a slip of a given date
/// (see <see cref="Specimen.UsabilityOn"/>). The verification policy turns these into reason codes.
/// </summary>
public enum SpecimenUsability
{
    /// <summary>Approved, not frozen, not revoked as of the date, and effective on it.</summary>
    Usable,

    /// <summary>Pending approval or rejected.</summary>
    NotApproved,

    /// <summary>Frozen after a loss report, whatever the slip date.</summary>
    Frozen,

    /// <summary>Revoked as of the slip date, or revoked after a loss report (then for every date).</summary>
    Revoked,

    /// <summary>Approved but the slip date is before its effective-from or on/after its effective-to.</summary>
    NotEffective,
}

/// <summary>Helpers over <see cref="SpecimenRole"/>.</summary>
public static class SpecimenRoles
{
    /// <summary>The kind a role implies: <see cref="SpecimenRole.Signatory"/> is a signature, the rest seals.</summary>
    public static SpecimenKind KindOf(this SpecimenRole role) =>
        role == SpecimenRole.Signatory ? SpecimenKind.Signature : SpecimenKind.Seal;
}
