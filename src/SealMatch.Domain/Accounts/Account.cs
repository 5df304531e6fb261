using SealMatch.Domain.Security;

namespace SealMatch.Domain.Accounts;

/// <summary>
/// A corporate customer's account: its branch, risk tier, signing policy and lifecycle.
/// Changes go through methods that check role, branch and state; a closed account changes no more.
/// </summary>
public sealed class Account
{
    /// <summary>Roles that may open, close and set rules on an account.</summary>
    public static readonly IReadOnlyList<Role> ManagingRoles = [Role.SpecimenClerk, Role.Admin];

    // For EF Core materialisation.
    private Account()
    {
        Id = Number = Name = BranchCode = CreatedBy = string.Empty;
    }

    /// <summary>Stable id (assigned by the caller).</summary>
    public string Id { get; private set; }

    /// <summary>The bank's account number.</summary>
    public string Number { get; private set; }

    /// <summary>The customer's name.</summary>
    public string Name { get; private set; }

    /// <summary>The branch that keeps the account; branch-scoped actors see only their own.</summary>
    public string BranchCode { get; private set; }

    /// <summary>Risk grading, selecting thresholds.</summary>
    public RiskTier RiskTier { get; private set; }

    /// <summary>Open or closed.</summary>
    public AccountStatus Status { get; private set; }

    /// <summary>The signing rules; null until first set (a slip cannot pass without them).</summary>
    public SigningPolicy? SigningPolicy { get; private set; }

    /// <summary>Who last set the signing rules.</summary>
    public string? SigningPolicySetBy { get; private set; }

    /// <summary>When the signing rules were last set.</summary>
    public DateTimeOffset? SigningPolicySetAt { get; private set; }

    /// <summary>Who opened the account record.</summary>
    public string CreatedBy { get; private set; }

    /// <summary>When the account record was opened.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Who closed it.</summary>
    public string? ClosedBy { get; private set; }

    /// <summary>When it was closed.</summary>
    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>Incremented on every change; usable as an optimistic concurrency token.</summary>
    public int Version { get; private set; }

    /// <summary>Opens an account record.</summary>
    /// <param name="id">Stable id, assigned by the caller.</param>
    /// <param name="number">Account number (<c>account_number</c>).</param>
    /// <param name="name">Customer name (<c>name</c>).</param>
    /// <param name="branchCode">Branch (<c>branch_code</c>); a branch-scoped actor may only use its own.</param>
    /// <param name="riskTier">Risk tier (<c>risk_tier</c>).</param>
    /// <param name="actor">A <see cref="ManagingRoles"/> holder.</param>
    /// <param name="now">The time of the request.</param>
    public static Account Open(
        string id, string number, string name, string branchCode, RiskTier riskTier, Actor actor, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(actor);
        actor.RequireAny([.. ManagingRoles]);
        var branch = Guard.RequiredText(branchCode, "branch_code", 64);
        actor.EnsureCanAccessBranch(branch, "branch_code");
        return new Account
        {
            Id = id,
            Number = Guard.RequiredText(number, "account_number", 64),
            Name = Guard.RequiredText(name, "name", 400),
            BranchCode = branch,
            RiskTier = Guard.Defined(riskTier, "risk_tier"),
            Status = AccountStatus.Open,
            CreatedBy = actor.UserId,
            CreatedAt = now,
            Version = 1,
        };
    }

    /// <summary>Replaces the signing rules. Illegal on a closed account.</summary>
    public void SetSigningPolicy(SigningPolicy policy, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        EnsureManagedBy(actor);
        EnsureOpen();
        SigningPolicy = policy;
        SigningPolicySetBy = actor.UserId;
        SigningPolicySetAt = now;
        Version++;
    }

    /// <summary>Closes the account. Closing twice is a violation, not a no-op.</summary>
    public void Close(Actor actor, DateTimeOffset now)
    {
        EnsureManagedBy(actor);
        EnsureOpen();
        Status = AccountStatus.Closed;
        ClosedBy = actor.UserId;
        ClosedAt = now;
        Version++;
    }

    /// <summary>Throws <see cref="ViolationCode.AccountClosed"/> when the account is closed.</summary>
    /// <param name="field">The request field naming the account.</param>
    public void EnsureOpen(string field = "account_id")
    {
        if (Status == AccountStatus.Closed)
        {
            throw new DomainRuleViolationException(ViolationCode.AccountClosed, "The account is closed.", field);
        }
    }

    private void EnsureManagedBy(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.RequireAny([.. ManagingRoles]);
        actor.EnsureCanAccessBranch(BranchCode);
    }
}
