using System.Globalization;
using System.Text;
using System.Text.Json;
using SealMatch.Protos.V1;

namespace SealMatch.Cli.Remote;

/// <summary>
/// Signing rules as an operator writes them. One rule per <c>--rule</c>:
/// <code>NAME:ROLE+ROLE[@CUR:MIN..MAX][&gt;THRESHOLD]</code>
/// e.g. <c>everyday:FINANCE+LEGAL_REP@CNY:0..100000</c>, <c>large:FINANCE+LEGAL_REP@CNY:100000..&gt;0.995</c>,
/// <c>company:COMPANY+LEGAL_REP</c>. Amounts are in major units; the band is half-open [MIN, MAX) and an
/// empty MIN is 0, an empty MAX unbounded; THRESHOLD (0..1, exclusive) can only tighten the account's.
/// Or a JSON file: an array (or <c>{"rules": [...]}</c>) of
/// <c>{"name", "roles": [...], "currency", "min", "max", "accept_threshold"}</c>.
/// </summary>
internal static class SigningRuleSyntax
{
    /// <summary>The grammar and an example, for <c>--help</c>.</summary>
    public const string Help =
        "A signing rule: NAME:ROLE+ROLE[@CUR:MIN..MAX][>THRESHOLD]. Roles: COMPANY, FINANCE, LEGAL_REP, SIGNATORY, OTHER "
        + "(or the full names COMPANY_SEAL, FINANCE_SEAL, LEGAL_REPRESENTATIVE_SEAL, OTHER_SEAL). The optional amount band is "
        + "[MIN, MAX) in major units of CUR (empty MIN = 0, empty MAX = no limit); THRESHOLD (between 0 and 1) tightens the "
        + "accept threshold. Repeat for alternatives, e.g. --rule \"everyday:FINANCE+LEGAL_REP@CNY:0..100000\" "
        + "--rule \"large:FINANCE+LEGAL_REP@CNY:100000..>0.995\" --rule \"company:COMPANY+LEGAL_REP\".";

    /// <summary>Parses one <c>--rule</c> value; <paramref name="field"/> names it in errors.</summary>
    public static SigningRule Parse(string text, string field = "--rule")
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim();
        int colon = t.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw new CliInputException(field, $"'{text}' has no rule name; write NAME:ROLE+ROLE, e.g. everyday:FINANCE+LEGAL_REP.");
        }

        var rule = new SigningRule { Name = ParseName(field, t[..colon], text) };
        string rest = t[(colon + 1)..];

        int gt = rest.LastIndexOf('>');
        if (gt >= 0)
        {
            string threshold = rest[(gt + 1)..].Trim();
            if (!double.TryParse(threshold, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value))
            {
                throw new CliInputException(field, $"'{text}': threshold '{threshold}' is not a number between 0 and 1.");
            }

            rule.AcceptThreshold = CheckThreshold(field, value, text);
            rest = rest[..gt];
        }

        int at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            rule.AmountBand = ParseBand(field, rest[(at + 1)..], text);
            rest = rest[..at];
        }

        AddRoles(rule, rest.Split('+'), i => field, text);
        return rule;
    }

    /// <summary>Parses every <c>--rule</c> value, in order.</summary>
    public static IReadOnlyList<SigningRule> ParseAll(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var rules = texts.Select(t => Parse(t)).ToList();
        CheckDistinctNames(rules.Select((r, i) => (r.Name, $"--rule #{i + 1}")));
        return rules;
    }

    /// <summary>Parses a rules file (see the class summary); fields at fault are named like <c>rules[1].roles[0]</c>.</summary>
    public static IReadOnlyList<SigningRule> ParseJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new CliInputException("--rules-file", $"not valid JSON: {e.Message}");
        }

        using (document)
        {
            JsonElement list = document.RootElement;
            if (list.ValueKind == JsonValueKind.Object && list.TryGetProperty("rules", out JsonElement inner))
            {
                list = inner;
            }

            if (list.ValueKind != JsonValueKind.Array)
            {
                throw new CliInputException("rules", "expected an array of rules (or an object with a \"rules\" array).");
            }

            var rules = new List<SigningRule>();
            int index = 0;
            foreach (JsonElement element in list.EnumerateArray())
            {
                rules.Add(ParseJsonRule(element, $"rules[{index++}]"));
            }

            CheckDistinctNames(rules.Select((r, i) => (r.Name, $"rules[{i}].name")));
            return rules;
        }
    }

    /// <summary>The rule in the <c>--rule</c> syntax (what <see cref="Parse"/> reads back).</summary>
    public static string Format(SigningRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var builder = new StringBuilder();
        builder.Append(rule.Name).Append(':').AppendJoin('+', rule.RequiredRoles.Select(ProtoEnums.Name));
        if (rule.AmountBand is { } band)
        {
            builder.Append('@').Append(band.Currency).Append(':')
                .Append(FormatMajor(band.MinMinorUnits, band.Currency)).Append("..");
            if (band.HasMaxMinorUnits)
            {
                builder.Append(FormatMajor(band.MaxMinorUnits, band.Currency));
            }
        }

        if (rule.HasAcceptThreshold)
        {
            builder.Append('>').Append(rule.AcceptThreshold.ToString("0.####", CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    private static SigningRule ParseJsonRule(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new CliInputException(path, "expected an object with name and roles.");
        }

        string? name = null;
        string? currency = null;
        JsonElement? min = null;
        JsonElement? max = null;
        double? threshold = null;
        JsonElement? roles = null;
        foreach (JsonProperty p in element.EnumerateObject())
        {
            string field = $"{path}.{p.Name}";
            switch (p.Name)
            {
                case "name":
                    name = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : throw new CliInputException(field, "expected a string.");
                    break;
                case "roles":
                    roles = p.Value.ValueKind == JsonValueKind.Array ? p.Value : throw new CliInputException(field, "expected an array of role names.");
                    break;
                case "currency":
                    currency = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : throw new CliInputException(field, "expected a currency code such as \"CNY\".");
                    break;
                case "min":
                    min = p.Value;
                    break;
                case "max":
                    max = p.Value.ValueKind == JsonValueKind.Null ? null : p.Value;
                    break;
                case "accept_threshold":
                    threshold = p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetDouble() : throw new CliInputException(field, "expected a number between 0 and 1.");
                    break;
                default:
                    throw new CliInputException(field, "unknown field; a rule has name, roles, currency, min, max and accept_threshold.");
            }
        }

        var rule = new SigningRule { Name = ParseName($"{path}.name", name ?? string.Empty, name ?? string.Empty) };
        if (roles is not { } roleArray)
        {
            throw new CliInputException($"{path}.roles", "missing; list the roles the rule requires, e.g. [\"FINANCE\", \"LEGAL_REP\"].");
        }

        var roleTexts = roleArray.EnumerateArray().Select((r, i) => r.ValueKind == JsonValueKind.String
            ? r.GetString()!
            : throw new CliInputException($"{path}.roles[{i}]", "expected a role name.")).ToList();
        AddRoles(rule, roleTexts, i => $"{path}.roles[{i}]", null);

        if (currency is not null || min is not null || max is not null)
        {
            if (currency is null)
            {
                throw new CliInputException($"{path}.currency", "an amount band needs its currency.");
            }

            string code = CliInput.ParseCurrency($"{path}.currency", currency);
            var band = new AmountBand { Currency = code, MinMinorUnits = min is { } m ? CliInput.ParseMinorUnits($"{path}.min", Raw(m), code) : 0 };
            if (max is { } x)
            {
                band.MaxMinorUnits = CliInput.ParseMinorUnits($"{path}.max", Raw(x), code);
                if (band.MaxMinorUnits <= band.MinMinorUnits)
                {
                    throw new CliInputException($"{path}.max", "must be above min.");
                }
            }

            rule.AmountBand = band;
        }

        if (threshold is { } th)
        {
            rule.AcceptThreshold = CheckThreshold($"{path}.accept_threshold", th, null);
        }

        return rule;
    }

    private static string Raw(JsonElement e) => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText();

    private static string ParseName(string field, string name, string text)
    {
        string n = name.Trim();
        if (n.Length == 0 || n.Length > 64 || n.Any(c => c is ':' or '@' or '>' or '+' || char.IsControl(c)))
        {
            throw new CliInputException(field, $"'{text}': the rule name must be 1–64 characters without ':', '@', '>' or '+'.");
        }

        return n;
    }

    private static void AddRoles(SigningRule rule, IReadOnlyList<string> roles, Func<int, string> field, string? text)
    {
        string context = text is null ? string.Empty : $"'{text}': ";
        if (roles.Count == 0 || (roles.Count == 1 && string.IsNullOrWhiteSpace(roles[0])))
        {
            throw new CliInputException(field(0), $"{context}a rule needs at least one role.");
        }

        for (int i = 0; i < roles.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(roles[i]))
            {
                throw new CliInputException(field(i), $"{context}empty role (two '+' in a row?).");
            }

            SpecimenRole role;
            try
            {
                role = CliInput.ParseRole(field(i), roles[i]);
            }
            catch (CliInputException e) when (text is not null)
            {
                throw new CliInputException(e.Field, context + e.Message);
            }

            if (rule.RequiredRoles.Contains(role))
            {
                throw new CliInputException(field(i), $"{context}{ProtoEnums.Name(role)} is listed twice.");
            }

            rule.RequiredRoles.Add(role);
        }
    }

    private static AmountBand ParseBand(string field, string band, string text)
    {
        int colon = band.IndexOf(':', StringComparison.Ordinal);
        int dots = band.IndexOf("..", StringComparison.Ordinal);
        if (colon < 0 || dots < colon)
        {
            throw new CliInputException(field, $"'{text}': write the amount band as @CUR:MIN..MAX, e.g. @CNY:0..100000 or @CNY:100000.. (no upper limit).");
        }

        string currency = CliInput.ParseCurrency(field, band[..colon]);
        string min = band[(colon + 1)..dots].Trim();
        string max = band[(dots + 2)..].Trim();
        var result = new AmountBand { Currency = currency, MinMinorUnits = min.Length == 0 ? 0 : CliInput.ParseMinorUnits(field, min, currency) };
        if (max.Length > 0)
        {
            result.MaxMinorUnits = CliInput.ParseMinorUnits(field, max, currency);
            if (result.MaxMinorUnits <= result.MinMinorUnits)
            {
                throw new CliInputException(field, $"'{text}': the band's upper limit must be above its lower limit.");
            }
        }

        return result;
    }

    private static double CheckThreshold(string field, double value, string? text) =>
        value is > 0 and < 1
            ? value
            : throw new CliInputException(field, $"{(text is null ? string.Empty : $"'{text}': ")}the accept threshold must lie strictly between 0 and 1.");

    private static void CheckDistinctNames(IEnumerable<(string Name, string Field)> names)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach ((string name, string field) in names)
        {
            if (!seen.Add(name))
            {
                throw new CliInputException(field, $"the rule name '{name}' is used twice.");
            }
        }
    }

    private static string FormatMajor(long minorUnits, string currency)
    {
        int digits = CliInput.Digits(currency);
        decimal major = minorUnits;
        for (int i = 0; i < digits; i++)
        {
            major /= 10;
        }

        return major.ToString("0.##########", CultureInfo.InvariantCulture);
    }
}
