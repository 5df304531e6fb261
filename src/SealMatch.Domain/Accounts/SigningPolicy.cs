using System.Globalization;

namespace SealMatch.Domain.Accounts;

/// <summary>
/// An account's signing rules: alternatives, of which a slip must fully satisfy one that applies to
/// its amount. Immutable; replaced as a whole by <see cref="Account.SetSigningPolicy"/>.
/// </summary>
public sealed class SigningPolicy
{
    private SigningPolicy(IReadOnlyList<SigningRule> rules) => Rules = rules;

    /// <summary>The alternatives in the order given; the first satisfied one is reported.</summary>
    public IReadOnlyList<SigningRule> Rules { get; }

    /// <summary>
    /// Validates and creates a policy. Field paths in violations follow the request shape:
    /// <c>rules</c>, <c>rules[i].name</c>, <c>rules[i].required_roles</c>, <c>rules[i].amount_band.*</c>,
    /// <c>rules[i].accept_threshold</c>.
    /// </summary>
    /// <exception cref="DomainRuleViolationException">No rules, a blank or duplicate name, no roles, an unknown
    /// role, a malformed band, or a threshold outside (0, 1).</exception>
    public static SigningPolicy Create(IEnumerable<SigningRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var list = rules.ToList();
        if (list.Count == 0)
        {
            throw new DomainRuleViolationException(ViolationCode.InvalidValue, "A signing policy needs at least one rule.", "rules");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var validated = new List<SigningRule>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            var rule = list[i] ?? throw new ArgumentException("A rule is null.", nameof(rules));
            var at = string.Create(CultureInfo.InvariantCulture, $"rules[{i}]");
            var name = Guard.RequiredText(rule.Name, at + ".name", 200);
            if (!names.Add(name))
            {
                throw new DomainRuleViolationException(ViolationCode.InvalidValue, $"Rule name '{name}' is used twice.", at + ".name");
            }

            if (rule.RequiredRoles is null || rule.RequiredRoles.Count == 0)
            {
                throw new DomainRuleViolationException(ViolationCode.InvalidValue, "A rule needs at least one required role.", at + ".required_roles");
            }

            foreach (var role in rule.RequiredRoles)
            {
                Guard.Defined(role, at + ".required_roles");
            }

            rule.Band?.Validate(at + ".amount_band");
            if (rule.AcceptThreshold is { } t && !(t > 0 && t < 1))
            {
                throw new DomainRuleViolationException(ViolationCode.InvalidValue, "An accept threshold lies strictly between 0 and 1.", at + ".accept_threshold");
            }

            // Copy the role set so a caller cannot change a validated policy afterwards.
            validated.Add(rule with { Name = name, RequiredRoles = rule.RequiredRoles.ToHashSet() });
        }

        return new SigningPolicy(validated.AsReadOnly());
    }

    /// <summary>The rules that apply to a slip of <paramref name="amount"/>, in policy order.</summary>
    public IEnumerable<SigningRule> ApplicableTo(Money amount) => Rules.Where(r => r.AppliesTo(amount));
}
