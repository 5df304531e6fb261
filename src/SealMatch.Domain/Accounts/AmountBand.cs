namespace SealMatch.Domain.Accounts;

/// <summary>
/// A half-open amount range [<see cref="MinMinorUnits"/>, <see cref="MaxMinorUnits"/>) in one currency.
/// Half-open so adjacent bands (0–50 000, 50 000–∞) tile the amounts without overlap or gap.
/// An amount in another currency is outside the band.
/// </summary>
/// <param name="Currency">ISO 4217 code of the band.</param>
/// <param name="MinMinorUnits">Lower bound, inclusive, ≥ 0.</param>
/// <param name="MaxMinorUnits">Upper bound, exclusive; null for no upper bound.</param>
public sealed record AmountBand(string Currency, long MinMinorUnits = 0, long? MaxMinorUnits = null)
{
    /// <summary>Whether <paramref name="amount"/> falls in the band.</summary>
    public bool Contains(Money amount)
    {
        ArgumentNullException.ThrowIfNull(amount);
        return string.Equals(amount.Currency, Currency, StringComparison.Ordinal)
            && amount.MinorUnits >= MinMinorUnits
            && (MaxMinorUnits is not { } max || amount.MinorUnits < max);
    }

    /// <summary>Throws <see cref="ViolationCode.InvalidValue"/> unless the band is well-formed.</summary>
    /// <param name="field">The request field of the band, e.g. <c>rules[1].amount_band</c>.</param>
    public void Validate(string field)
    {
        Money.ValidCurrency(Currency, field + ".currency");
        if (MinMinorUnits < 0)
        {
            throw new DomainRuleViolationException(ViolationCode.InvalidValue, "A band's minimum cannot be negative.", field + ".min_minor_units");
        }

        if (MaxMinorUnits is { } max && max <= MinMinorUnits)
        {
            throw new DomainRuleViolationException(ViolationCode.InvalidValue, "A band's maximum must exceed its minimum.", field + ".max_minor_units");
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"[{MinMinorUnits}, {(MaxMinorUnits?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "∞")}) {Currency}";
}
