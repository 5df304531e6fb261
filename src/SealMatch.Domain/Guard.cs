namespace SealMatch.Domain;

/// <summary>Validation shared by the aggregates; every failure is a <see cref="DomainRuleViolationException"/>.</summary>
internal static class Guard
{
    /// <summary>Longest free text (reasons, names) the domain accepts.</summary>
    public const int MaxTextLength = 2000;

    public static string RequiredText(string? value, string field, int maxLength = MaxTextLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new DomainRuleViolationException(ViolationCode.InvalidValue, $"{field} is required.", field);
        }

        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
        {
            throw new DomainRuleViolationException(ViolationCode.InvalidValue, $"{field} is longer than {maxLength} characters.", field);
        }

        return trimmed;
    }

    public static string? OptionalText(string? value, string field, int maxLength = MaxTextLength) =>
        string.IsNullOrWhiteSpace(value) ? null : RequiredText(value, field, maxLength);

    public static T Defined<T>(T value, string field)
        where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw new DomainRuleViolationException(ViolationCode.InvalidValue, $"{field} has an unknown value.", field);
        }

        return value;
    }
}
