namespace SealMatch.Domain;

/// <summary>What kind of rule a request broke; stable, so clients and tests can branch on it.</summary>
public enum ViolationCode
{
    /// <summary>A value is malformed or out of range (maps to InvalidArgument).</summary>
    InvalidValue,

    /// <summary>The actor lacks the role the operation needs (maps to PermissionDenied).</summary>
    RoleRequired,

    /// <summary>The actor may not act on another branch's account (maps to PermissionDenied).</summary>
    BranchForbidden,

    /// <summary>Someone tried to approve their own submission or request (maps to PermissionDenied).</summary>
    FourEyes,

    /// <summary>The aggregate's state does not allow the operation (maps to FailedPrecondition).</summary>
    IllegalTransition,

    /// <summary>The account is closed (maps to FailedPrecondition).</summary>
    AccountClosed,

    /// <summary>A pending unfreeze or revocation already awaits approval (maps to FailedPrecondition).</summary>
    PendingChangeExists,

    /// <summary>There is no pending change of the kind to approve or reject (maps to FailedPrecondition).</summary>
    NoPendingChange,

    /// <summary>
    /// A review would not be independent: the reviewer is the teller who submitted the slip or has
    /// already reviewed the case, or a supervisor is not a third person (maps to PermissionDenied).
    /// </summary>
    ReviewerNotIndependent,

    /// <summary>Another reviewer holds a live lease on the review case (maps to FailedPrecondition).</summary>
    CaseLeased,

    /// <summary>
    /// The caller holds no live lease on the review case: never claimed, released, expired, or
    /// claimed by someone else since (maps to FailedPrecondition).
    /// </summary>
    LeaseRequired,
}

/// <summary>The gRPC status family a <see cref="ViolationCode"/> belongs to, so the host maps it without a table of its own.</summary>
public enum ViolationCategory
{
    /// <summary>The request itself is wrong; retrying it unchanged fails again.</summary>
    InvalidArgument,

    /// <summary>The caller is not allowed to do this.</summary>
    PermissionDenied,

    /// <summary>The request is well-formed but the current state forbids it.</summary>
    FailedPrecondition,
}

/// <summary>
/// Thrown when a domain rule is broken. The state of the aggregate is unchanged when it is thrown:
/// every transition validates before it mutates.
/// </summary>
public sealed class DomainRuleViolationException : Exception
{
    /// <summary>Creates a violation.</summary>
    /// <param name="code">The machine-readable rule that was broken.</param>
    /// <param name="message">A human message, safe to show to the caller (no customer data).</param>
    /// <param name="field">The request field at fault in snake_case (e.g. <c>effective_from</c>), or null when no single field is.</param>
    public DomainRuleViolationException(ViolationCode code, string message, string? field = null)
        : base(message)
    {
        Code = code;
        Field = field;
    }

    /// <summary>Not for use: a violation always carries a code.</summary>
    public DomainRuleViolationException()
        : this(ViolationCode.InvalidValue, "A domain rule was violated.")
    {
    }

    /// <summary>Not for use: a violation always carries a code.</summary>
    public DomainRuleViolationException(string message)
        : this(ViolationCode.InvalidValue, message)
    {
    }

    /// <summary>Not for use: a violation always carries a code.</summary>
    public DomainRuleViolationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = ViolationCode.InvalidValue;
    }

    /// <summary>The rule that was broken.</summary>
    public ViolationCode Code { get; }

    /// <summary>The request field at fault (snake_case, proto style), or null.</summary>
    public string? Field { get; }

    /// <summary>The gRPC status family for <see cref="Code"/>.</summary>
    public ViolationCategory Category => CategoryOf(Code);

    /// <summary>Maps a code to its status family.</summary>
    public static ViolationCategory CategoryOf(ViolationCode code) => code switch
    {
        ViolationCode.InvalidValue => ViolationCategory.InvalidArgument,
        ViolationCode.RoleRequired or ViolationCode.BranchForbidden or ViolationCode.FourEyes or ViolationCode.ReviewerNotIndependent
            => ViolationCategory.PermissionDenied,
        _ => ViolationCategory.FailedPrecondition,
    };
}
