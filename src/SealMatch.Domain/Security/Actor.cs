namespace SealMatch.Domain.Security;

/// <summary>
/// The authenticated person or system behind a request: who, with which roles, at which branch.
/// Transitions take an actor so that role and four-eyes rules are checked where the state lives.
/// </summary>
public sealed class Actor
{
    private readonly HashSet<Role> _roles;

    /// <summary>Creates an actor.</summary>
    /// <param name="userId">Stable user id; four-eyes compares these ordinally.</param>
    /// <param name="roles">The roles held; duplicates are ignored.</param>
    /// <param name="branchCode">The branch the actor belongs to.</param>
    public Actor(string userId, IEnumerable<Role> roles, string branchCode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(branchCode);
        UserId = userId;
        BranchCode = branchCode;
        _roles = [.. roles];
    }

    /// <summary>Stable user id.</summary>
    public string UserId { get; }

    /// <summary>The roles held.</summary>
    public IReadOnlySet<Role> Roles => _roles;

    /// <summary>The actor's branch.</summary>
    public string BranchCode { get; }

    /// <summary>
    /// True when the actor sees only its own branch's accounts: it holds only
    /// <see cref="Role.Teller"/> and/or <see cref="Role.SpecimenClerk"/> (the issue's rule).
    /// </summary>
    public bool IsBranchScoped => _roles.All(r => r is Role.Teller or Role.SpecimenClerk);

    /// <summary>Whether the actor holds <paramref name="role"/>.</summary>
    public bool Has(Role role) => _roles.Contains(role);

    /// <summary>Throws <see cref="ViolationCode.RoleRequired"/> unless the actor holds <paramref name="role"/>.</summary>
    public void Require(Role role)
    {
        if (!Has(role))
        {
            throw new DomainRuleViolationException(ViolationCode.RoleRequired, $"This operation requires the {role} role.");
        }
    }

    /// <summary>Throws <see cref="ViolationCode.RoleRequired"/> unless the actor holds at least one of <paramref name="roles"/>.</summary>
    public void RequireAny(params ReadOnlySpan<Role> roles)
    {
        foreach (var role in roles)
        {
            if (Has(role))
            {
                return;
            }
        }

        throw new DomainRuleViolationException(
            ViolationCode.RoleRequired, $"This operation requires one of the roles {string.Join(", ", roles.ToArray())}.");
    }

    /// <summary>Whether the actor may see accounts of <paramref name="branchCode"/>.</summary>
    public bool CanAccessBranch(string branchCode) =>
        !IsBranchScoped || string.Equals(BranchCode, branchCode, StringComparison.Ordinal);

    /// <summary>Throws <see cref="ViolationCode.BranchForbidden"/> unless <see cref="CanAccessBranch"/>.</summary>
    /// <param name="branchCode">The account's branch.</param>
    /// <param name="field">The request field naming the account (default <c>account_id</c>).</param>
    public void EnsureCanAccessBranch(string branchCode, string field = "account_id")
    {
        if (!CanAccessBranch(branchCode))
        {
            throw new DomainRuleViolationException(ViolationCode.BranchForbidden, "The account belongs to another branch.", field);
        }
    }

    /// <inheritdoc />
    public override string ToString() => UserId;
}
