namespace SealMatch.Domain.Security;

/// <summary>The graded roles of the bank's staff and systems; an actor holds a set of them.</summary>
public enum Role
{
    /// <summary>A teller system or teller: verifies slips for its branch.</summary>
    Teller,

    /// <summary>Registers specimens and reports losses (the maker).</summary>
    SpecimenClerk,

    /// <summary>Approves or rejects specimen submissions and changes (the checker).</summary>
    SpecimenApprover,

    /// <summary>Adjudicates verifications sent to review.</summary>
    Reviewer,

    /// <summary>Settles disagreements between reviewers.</summary>
    ReviewSupervisor,

    /// <summary>Reads the trail and oversight reports.</summary>
    Auditor,

    /// <summary>Manages credentials and accounts; does no specimen work (least privilege).</summary>
    Admin,
}
