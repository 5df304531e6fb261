using Google.Protobuf.WellKnownTypes;
using SealMatch.Domain.Accounts;
using SealMatch.Domain.Security;
using SealMatch.Domain.Specimens;
using SealMatch.Server.Errors;
using Proto = SealMatch.Protos.V1;

namespace SealMatch.Server;

/// <summary>Explicit mappings between proto messages and domain values shared by several services.</summary>
internal static class ProtoMapping
{
    public static Timestamp ToTimestamp(DateTime utc) => Timestamp.FromDateTime(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    public static Timestamp ToTimestamp(DateTimeOffset at) => Timestamp.FromDateTimeOffset(at);

    public static Timestamp? ToTimestamp(DateTimeOffset? at) => at is { } a ? Timestamp.FromDateTimeOffset(a) : null;

    public static Proto.Date ToProto(DateOnly date) => new() { Year = date.Year, Month = date.Month, Day = date.Day };

    public static Proto.Date? ToProto(DateOnly? date) => date is { } d ? ToProto(d) : null;

    /// <summary>A required date field.</summary>
    public static DateOnly ToDate(Proto.Date? date, string field)
    {
        if (date is null)
        {
            throw new RequestInvalidException(field, $"{field} is required.");
        }

        if (date.Year is < 1900 or > 9999 || date.Month is < 1 or > 12 || date.Day < 1 || date.Day > DateTime.DaysInMonth(date.Year, date.Month))
        {
            throw new RequestInvalidException(field, $"{field} is not a valid calendar date.");
        }

        return new DateOnly(date.Year, date.Month, date.Day);
    }

    public static Role ToDomain(Proto.UserRole role) => role switch
    {
        Proto.UserRole.Teller => Role.Teller,
        Proto.UserRole.SpecimenClerk => Role.SpecimenClerk,
        Proto.UserRole.SpecimenApprover => Role.SpecimenApprover,
        Proto.UserRole.Reviewer => Role.Reviewer,
        Proto.UserRole.ReviewSupervisor => Role.ReviewSupervisor,
        Proto.UserRole.Auditor => Role.Auditor,
        Proto.UserRole.Admin => Role.Admin,
        _ => throw new RequestInvalidException("roles", "Unknown role."),
    };

    public static Proto.UserRole ToProto(Role role) => role switch
    {
        Role.Teller => Proto.UserRole.Teller,
        Role.SpecimenClerk => Proto.UserRole.SpecimenClerk,
        Role.SpecimenApprover => Proto.UserRole.SpecimenApprover,
        Role.Reviewer => Proto.UserRole.Reviewer,
        Role.ReviewSupervisor => Proto.UserRole.ReviewSupervisor,
        Role.Auditor => Proto.UserRole.Auditor,
        Role.Admin => Proto.UserRole.Admin,
        _ => Proto.UserRole.Unspecified,
    };

    public static SpecimenRole ToDomain(Proto.SpecimenRole role, string field) => role switch
    {
        Proto.SpecimenRole.CompanySeal => SpecimenRole.CompanySeal,
        Proto.SpecimenRole.FinanceSeal => SpecimenRole.FinanceSeal,
        Proto.SpecimenRole.LegalRepresentativeSeal => SpecimenRole.LegalRepresentativeSeal,
        Proto.SpecimenRole.Signatory => SpecimenRole.Signatory,
        Proto.SpecimenRole.OtherSeal => SpecimenRole.OtherSeal,
        _ => throw new RequestInvalidException(field, $"{field} must be a defined SPECIMEN_ROLE_ value."),
    };

    public static Proto.SpecimenRole ToProto(SpecimenRole role) => role switch
    {
        SpecimenRole.CompanySeal => Proto.SpecimenRole.CompanySeal,
        SpecimenRole.FinanceSeal => Proto.SpecimenRole.FinanceSeal,
        SpecimenRole.LegalRepresentativeSeal => Proto.SpecimenRole.LegalRepresentativeSeal,
        SpecimenRole.Signatory => Proto.SpecimenRole.Signatory,
        SpecimenRole.OtherSeal => Proto.SpecimenRole.OtherSeal,
        _ => Proto.SpecimenRole.Unspecified,
    };

    /// <summary>A required amount: minor units ≥ 0 and an ISO 4217 currency.</summary>
    public static Money ToMoney(Proto.Money? money, string field) =>
        money is null ? throw new RequestInvalidException(field, $"{field} is required.") : new Money(money.MinorUnits, money.Currency, field);

    public static Proto.Money ToProto(Money money) => new() { MinorUnits = money.MinorUnits, Currency = money.Currency };

    /// <summary>A required id field.</summary>
    public static string RequiredId(string value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new RequestInvalidException(field, $"{field} is required.")
        : value.Length > 64 ? throw new RequestInvalidException(field, $"{field} is longer than 64 characters.")
        : value;

    /// <summary>A new opaque id with a readable prefix: time-ordered, so rows cluster by creation.</summary>
    public static string NewId(string prefix) => $"{prefix}_{Guid.CreateVersion7():N}";
}
