using System.Globalization;
using SealMatch.Domain.Accounts;
using SealMatch.Domain.Specimens;
using SealMatch.Server.Errors;
using Proto = SealMatch.Protos.V1;

namespace SealMatch.Server.Accounts;

internal static class AccountMapping
{
    public static RiskTier ToDomain(Proto.RiskTier tier) => tier switch
    {
        Proto.RiskTier.Unspecified or Proto.RiskTier.Standard => RiskTier.Standard,
        Proto.RiskTier.Elevated => RiskTier.Elevated,
        Proto.RiskTier.High => RiskTier.High,
        _ => throw new RequestInvalidException("risk_tier", "risk_tier has an unknown value."),
    };

    public static Proto.RiskTier ToProto(RiskTier tier) => tier switch
    {
        RiskTier.Standard => Proto.RiskTier.Standard,
        RiskTier.Elevated => Proto.RiskTier.Elevated,
        RiskTier.High => Proto.RiskTier.High,
        _ => Proto.RiskTier.Unspecified,
    };

    /// <summary>A rule as given; <see cref="SigningPolicy.Create"/> validates it (with <c>rules[i]…</c> field paths).</summary>
    public static SigningRule ToDomain(Proto.SigningRule rule, int index)
    {
        string at = string.Create(CultureInfo.InvariantCulture, $"rules[{index}]");
        var roles = new HashSet<SpecimenRole>();
        foreach (Proto.SpecimenRole role in rule.RequiredRoles)
        {
            roles.Add(ProtoMapping.ToDomain(role, at + ".required_roles"));
        }

        AmountBand? band = rule.AmountBand is { } b ? new AmountBand(b.Currency, b.MinMinorUnits, b.HasMaxMinorUnits ? b.MaxMinorUnits : null) : null;
        return new SigningRule(rule.Name, roles, band, rule.HasAcceptThreshold ? rule.AcceptThreshold : null);
    }

    public static Proto.Account ToProto(Account account)
    {
        var proto = new Proto.Account
        {
            Id = account.Id,
            AccountNumber = account.Number,
            Name = account.Name,
            BranchCode = account.BranchCode,
            RiskTier = ToProto(account.RiskTier),
            Status = account.Status == AccountStatus.Open ? Proto.AccountStatus.Open : Proto.AccountStatus.Closed,
            SigningRulesSetBy = account.SigningPolicySetBy ?? string.Empty,
            SigningRulesSetAt = ProtoMapping.ToTimestamp(account.SigningPolicySetAt),
            CreatedBy = account.CreatedBy,
            CreatedAt = ProtoMapping.ToTimestamp(account.CreatedAt),
            ClosedBy = account.ClosedBy ?? string.Empty,
            ClosedAt = ProtoMapping.ToTimestamp(account.ClosedAt),
            Version = account.Version,
        };
        if (account.SigningPolicy is { } policy)
        {
            proto.SigningRules.AddRange(policy.Rules.Select(ToProto));
        }

        return proto;
    }

    private static Proto.SigningRule ToProto(SigningRule rule)
    {
        var proto = new Proto.SigningRule { Name = rule.Name };
        proto.RequiredRoles.AddRange(rule.RequiredRoles.Order().Select(ProtoMapping.ToProto));
        if (rule.Band is { } band)
        {
            proto.AmountBand = new Proto.AmountBand { Currency = band.Currency, MinMinorUnits = band.MinMinorUnits };
            if (band.MaxMinorUnits is long max)
            {
                proto.AmountBand.MaxMinorUnits = max;
            }
        }

        if (rule.AcceptThreshold is double t)
        {
            proto.AcceptThreshold = t;
        }

        return proto;
    }
}
