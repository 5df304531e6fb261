using System.Globalization;
using Google.Protobuf;
using SealMatch.Protos.V1;

namespace SealMatch.Cli.Remote;

/// <summary>Parses what an operator types into request fields; every refusal names the option at fault.</summary>
internal static class CliInput
{
    /// <summary>Currencies whose minor unit is not the cent (ISO 4217 exponent); all others have 2 decimals.</summary>
    private static readonly Dictionary<string, int> MinorDigits = new(StringComparer.Ordinal)
    {
        ["JPY"] = 0, ["KRW"] = 0, ["VND"] = 0, ["CLP"] = 0, ["ISK"] = 0,
        ["BHD"] = 3, ["KWD"] = 3, ["OMR"] = 3, ["JOD"] = 3, ["TND"] = 3, ["IQD"] = 3, ["LYD"] = 3,
    };

    /// <summary><c>yyyy-MM-dd</c> → <see cref="Date"/>.</summary>
    public static Date ParseDate(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)
            || !DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date))
        {
            throw new CliInputException(field, $"'{text}' is not a date; write it as YYYY-MM-DD.");
        }

        return ToDate(date);
    }

    public static Date ToDate(DateOnly date) => new() { Year = date.Year, Month = date.Month, Day = date.Day };

    /// <summary>An ISO 4217 code: three letters, upper-cased.</summary>
    public static string ParseCurrency(string field, string? text)
    {
        string code = (text ?? string.Empty).Trim().ToUpperInvariant();
        if (code.Length != 3 || !code.All(c => c is >= 'A' and <= 'Z'))
        {
            throw new CliInputException(field, $"'{text}' is not a currency code; use three letters, e.g. CNY.");
        }

        return code;
    }

    /// <summary>Decimal digits of the currency's minor unit.</summary>
    public static int Digits(string currency) => MinorDigits.TryGetValue(currency, out int d) ? d : 2;

    /// <summary>
    /// An amount in major units (<c>12345.67</c>; no thousands separators, no exponent, not negative, no
    /// more decimals than the currency has) → integer minor units.
    /// </summary>
    public static long ParseMinorUnits(string field, string? text, string currency)
    {
        string t = (text ?? string.Empty).Trim();
        if (!decimal.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal amount))
        {
            throw new CliInputException(field, $"'{text}' is not an amount; write it in major units with a decimal point, e.g. 12345.67.");
        }

        int digits = Digits(currency);
        decimal scaled = amount * Pow10(digits);
        if (scaled != decimal.Truncate(scaled))
        {
            throw new CliInputException(field, $"'{text}' has more than {digits} decimal(s), the minor unit of {currency}.");
        }

        return scaled > long.MaxValue
            ? throw new CliInputException(field, $"'{text}' is too large.")
            : (long)scaled;
    }

    /// <summary>Amount and currency → <see cref="Money"/>.</summary>
    public static Money ParseMoney(string amountField, string? amount, string currencyField, string? currency)
    {
        string code = ParseCurrency(currencyField, currency);
        return new Money { MinorUnits = ParseMinorUnits(amountField, amount, code), Currency = code };
    }

    /// <summary>Minor units → <c>12,345.67 CNY</c>.</summary>
    public static string FormatMoney(long minorUnits, string currency)
    {
        int digits = Digits(currency);
        decimal major = minorUnits / Pow10(digits);
        return major.ToString("N" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + " " + currency;
    }

    /// <summary><c>x,y,width,height</c> in pixels → <see cref="Box"/>.</summary>
    public static Box ParseBox(string field, string? text)
    {
        string[] parts = (text ?? string.Empty).Split(',', StringSplitOptions.TrimEntries);
        int[] v = new int[4];
        if (parts.Length != 4 || !parts.Select((p, i) => int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out v[i])).All(ok => ok))
        {
            throw new CliInputException(field, $"'{text}' is not a box; write it as x,y,width,height in pixels.");
        }

        if (v[0] < 0 || v[1] < 0 || v[2] <= 0 || v[3] <= 0)
        {
            throw new CliInputException(field, $"'{text}': x and y must be ≥ 0, width and height > 0.");
        }

        return new Box { X = v[0], Y = v[1], Width = v[2], Height = v[3] };
    }

    /// <summary>A proto enum value by its name (see <see cref="ProtoEnums"/>); the message lists the choices.</summary>
    public static T ParseEnum<T>(string field, string? text)
        where T : struct, Enum =>
        ProtoEnums.TryParse(text, out T value)
            ? value
            : throw new CliInputException(field, $"'{text}' is not one of {string.Join(", ", ProtoEnums.Names<T>())}.");

    /// <summary>A specimen role: a proto name (<c>FINANCE_SEAL</c>) or a short alias (<c>FINANCE</c>, <c>LEGAL_REP</c>).</summary>
    public static SpecimenRole ParseRole(string field, string? text)
    {
        string key = ProtoEnums.Normalise(text ?? string.Empty);
        SpecimenRole? alias = key switch
        {
            "COMPANY" => SpecimenRole.CompanySeal,
            "FINANCE" => SpecimenRole.FinanceSeal,
            "LEGAL_REP" or "LEGAL_REPRESENTATIVE" or "NAME_SEAL" or "NAME" => SpecimenRole.LegalRepresentativeSeal,
            "SIGNATURE" => SpecimenRole.Signatory,
            "OTHER" => SpecimenRole.OtherSeal,
            _ => null,
        };
        return alias ?? (ProtoEnums.TryParse(key, out SpecimenRole role)
            ? role
            : throw new CliInputException(field, $"'{text}' is not a role; use one of {string.Join(", ", ProtoEnums.Names<SpecimenRole>())} (or COMPANY, FINANCE, LEGAL_REP, OTHER)."));
    }

    /// <summary>The instants <see cref="ParseInstant"/> accepts; without a zone they are UTC.</summary>
    private static readonly string[] InstantFormats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
    ];

    /// <summary>
    /// <c>2026-11-25</c> (midnight UTC), <c>2026-11-25T09:30:00Z</c> or <c>2026-11-25T17:30+08:00</c>
    /// (a time without a zone is UTC) → <see cref="Google.Protobuf.WellKnownTypes.Timestamp"/>.
    /// </summary>
    public static Google.Protobuf.WellKnownTypes.Timestamp ParseInstant(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)
            || !DateTimeOffset.TryParseExact(text.Trim(), InstantFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset at))
        {
            throw new CliInputException(field, $"'{text}' is not an instant; write YYYY-MM-DD (midnight UTC) or YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM].");
        }

        return Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(at);
    }

    /// <summary>
    /// A reviewer's verdict (<c>GENUINE</c>, <c>FORGED</c>, <c>CANNOT_TELL</c>) or, for a supervisor,
    /// <c>GENUINE</c> or <c>FORGED</c> only.
    /// </summary>
    public static ReviewVerdict ParseVerdict(string field, string? text, bool allowCannotTell)
    {
        ReviewVerdict verdict = ParseEnum<ReviewVerdict>(field, text);
        return verdict == ReviewVerdict.CannotTell && !allowCannotTell
            ? throw new CliInputException(field, "a supervisor decides GENUINE or FORGED; CANNOT_TELL is for reviewers.")
            : verdict;
    }

    /// <summary>The comment, trimmed; refused when empty unless the verdict is <c>GENUINE</c> (the service's rule).</summary>
    public static string ReviewComment(string field, ReviewVerdict verdict, string? comment)
    {
        string text = (comment ?? string.Empty).Trim();
        return text.Length == 0 && verdict != ReviewVerdict.Genuine
            ? throw new CliInputException(field, $"a {ProtoEnums.Name(verdict)} verdict needs a comment saying why.")
            : text;
    }

    /// <summary>Reads an image file whole.</summary>
    public static ByteString ReadFile(string field, FileInfo? file)
    {
        if (file is null || !file.Exists)
        {
            throw new CliInputException(field, $"{file?.FullName ?? "(none)"} does not exist.");
        }

        return ByteString.CopyFrom(File.ReadAllBytes(file.FullName));
    }

    /// <summary>A positive resolution, or 0 (= take it from the file) when none was given.</summary>
    public static double Dpi(string field, double? dpi) => dpi switch
    {
        null => 0,
        > 0 and < 100_000 => dpi.Value,
        _ => throw new CliInputException(field, $"{dpi} is not a resolution; give dots per inch, e.g. 300."),
    };

    private static decimal Pow10(int digits)
    {
        decimal p = 1;
        for (int i = 0; i < digits; i++)
        {
            p *= 10;
        }

        return p;
    }
}
