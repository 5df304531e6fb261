namespace SealMatch.Domain.Accounts;

/// <summary>
/// An amount in integer minor units (fen, cents) of an ISO 4217 currency. Never negative: it is a
/// payment amount or a band limit. Integer units so that band comparisons are exact.
/// </summary>
public sealed record Money
{
    /// <summary>Creates an amount; throws <see cref="ViolationCode.InvalidValue"/> on a negative amount or a malformed currency.</summary>
    /// <param name="minorUnits">Amount in minor units, ≥ 0.</param>
    /// <param name="currency">Three upper-case letters, e.g. <c>CNY</c>.</param>
    /// <param name="field">Request field reported on failure (default <c>amount</c>).</param>
    public Money(long minorUnits, string currency, string field = "amount")
    {
        if (minorUnits < 0)
        {
            throw new DomainRuleViolationException(ViolationCode.InvalidValue, "An amount cannot be negative.", field);
        }

        Currency = ValidCurrency(currency, field + ".currency");
        MinorUnits = minorUnits;
    }

    /// <summary>Amount in minor units.</summary>
    public long MinorUnits { get; }

    /// <summary>ISO 4217 code, three upper-case letters.</summary>
    public string Currency { get; }

    /// <summary>Validates an ISO 4217-shaped code (three ASCII upper-case letters).</summary>
    public static string ValidCurrency(string? currency, string field)
    {
        if (currency is not { Length: 3 } || !currency.All(char.IsAsciiLetterUpper))
        {
            throw new DomainRuleViolationException(ViolationCode.InvalidValue, "A currency is three upper-case letters (ISO 4217).", field);
        }

        return currency;
    }

    /// <inheritdoc />
    public override string ToString() => $"{MinorUnits} {Currency} (minor units)";
}
