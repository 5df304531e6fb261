namespace SealMatch.Server.Security;

/// <summary>Role names as carried in credentials and named by <c>[Authorize(Roles = …)]</c> on each RPC.</summary>
internal static class UserRoles
{
    public const string Teller = "TELLER";
    public const string SpecimenClerk = "SPECIMEN_CLERK";
    public const string SpecimenApprover = "SPECIMEN_APPROVER";
    public const string Reviewer = "REVIEWER";
    public const string ReviewSupervisor = "REVIEW_SUPERVISOR";
    public const string Auditor = "AUDITOR";
    public const string Admin = "ADMIN";

    /// <summary>Every role, in the order of the proto enum.</summary>
    public static IReadOnlyList<string> All { get; } = [Teller, SpecimenClerk, SpecimenApprover, Reviewer, ReviewSupervisor, Auditor, Admin];

    /// <summary>Roles that see only their own branch's accounts.</summary>
    public static IReadOnlyList<string> BranchScoped { get; } = [Teller, SpecimenClerk];
}
