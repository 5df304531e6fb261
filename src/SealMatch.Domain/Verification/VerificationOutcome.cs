using SealMatch.Domain.Specimens;

namespace SealMatch.Domain.Verification;

/// <summary>One reason for a decision, with a short human detail (no customer data beyond ids and roles).</summary>
/// <param name="Code">The machine code.</param>
/// <param name="Detail">A short explanation.</param>
public sealed record VerificationReason(ReasonCode Code, string Detail);

/// <summary>What was concluded about one impression.</summary>
/// <param name="Index">Its position in <see cref="SlipEvidence.Impressions"/>.</param>
/// <param name="Box">Its location.</param>
/// <param name="SpecimenId">The specimen it was assigned to (p ≥ reject threshold), or null for an unknown seal.</param>
/// <param name="Role">The assigned specimen's role, or null.</param>
/// <param name="Probability">The probability for the assigned specimen; for an unknown seal, its best score (0 when none).</param>
/// <param name="Usability">The assigned specimen's usability on the slip date, or null.</param>
/// <param name="PoorQuality">Treated as poor quality (its own flag or the slip's).</param>
/// <param name="Reasons">Its reason codes, e.g. UNKNOWN_SEAL, SPECIMEN_FROZEN, LOW_CONFIDENCE, FORGERY_SUSPECTED.</param>
public sealed record ImpressionFinding(
    int Index,
    ImpressionBox Box,
    string? SpecimenId,
    SpecimenRole? Role,
    double Probability,
    SpecimenUsability? Usability,
    bool PoorQuality,
    IReadOnlyList<ReasonCode> Reasons)
{
    /// <summary>Seal impression or signature.</summary>
    public EvidenceKind Kind { get; init; } = EvidenceKind.Seal;
}

/// <summary>How a signing rule fared on a slip.</summary>
public enum RuleStatus
{
    /// <summary>The rule's amount band does not cover the slip's amount.</summary>
    NotApplicable,

    /// <summary>Every required role confidently matched.</summary>
    Satisfied,

    /// <summary>No role failed, but some role's match is uncertain (low confidence or poor quality).</summary>
    Uncertain,

    /// <summary>Some required role has no match on the slip (its best impression, if any, scored below the reject threshold).</summary>
    NotSatisfied,

    /// <summary>Some required role has no usable specimen on the slip date.</summary>
    Impossible,
}

/// <summary>The evaluation of one signing rule.</summary>
/// <param name="RuleName">The rule's name.</param>
/// <param name="Status">How it fared.</param>
/// <param name="AcceptThreshold">The accept threshold applied to its roles (base or the rule's stricter one).</param>
/// <param name="RolesSatisfied">Roles confidently matched.</param>
/// <param name="RolesUncertain">Roles matched only uncertainly.</param>
/// <param name="RolesMissing">Roles not matched at all, including those without a usable specimen.</param>
/// <param name="RolesWithoutUsableSpecimen">Roles with no usable specimen on the slip date (a subset of <paramref name="RolesMissing"/>).</param>
public sealed record RuleEvaluation(
    string RuleName,
    RuleStatus Status,
    double AcceptThreshold,
    IReadOnlyList<SpecimenRole> RolesSatisfied,
    IReadOnlyList<SpecimenRole> RolesUncertain,
    IReadOnlyList<SpecimenRole> RolesMissing,
    IReadOnlyList<SpecimenRole> RolesWithoutUsableSpecimen)
{
    /// <summary>Whether the rule applies to the slip's amount.</summary>
    public bool Applicable => Status != RuleStatus.NotApplicable;

    /// <summary>Whether the rule is fully satisfied.</summary>
    public bool Satisfied => Status == RuleStatus.Satisfied;
}

/// <summary>The verification policy's result: the decision, why, and the evidence behind it.</summary>
/// <param name="Decision">Accept, reject or review.</param>
/// <param name="Reasons">Reasons, decisive ones first, then informational ones (e.g. UNKNOWN_SEAL).</param>
/// <param name="Findings">One finding per impression, in evidence order.</param>
/// <param name="Rules">One evaluation per rule of the policy, in policy order (empty when no policy is set).</param>
/// <param name="SatisfiedRule">The first satisfied rule's name on accept, else null.</param>
/// <param name="Thresholds">The thresholds used (store them with the verification).</param>
public sealed record VerificationOutcome(
    Decision Decision,
    IReadOnlyList<VerificationReason> Reasons,
    IReadOnlyList<ImpressionFinding> Findings,
    IReadOnlyList<RuleEvaluation> Rules,
    string? SatisfiedRule,
    DecisionThresholds Thresholds)
{
    /// <summary>The thresholds used for signatures (the seal thresholds when signatures have none of their own).</summary>
    public DecisionThresholds SignatureThresholds { get; init; } = Thresholds;

    /// <summary>Whether a reason with <paramref name="code"/> is present.</summary>
    public bool Has(ReasonCode code) => Reasons.Any(r => r.Code == code);
}
