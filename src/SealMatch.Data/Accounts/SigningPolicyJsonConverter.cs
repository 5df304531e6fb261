using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SealMatch.Domain.Accounts;
using SealMatch.Domain.Specimens;

namespace SealMatch.Data.Accounts;

/// <summary>
/// Stores a <see cref="SigningPolicy"/> as JSON text and reads it back through
/// <see cref="SigningPolicy.Create"/>, so a stored policy passes the same validation as a new one.
/// </summary>
internal sealed class SigningPolicyJsonConverter() : ValueConverter<SigningPolicy?, string?>(
    policy => Write(policy),
    json => Read(json))
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    private static string? Write(SigningPolicy? policy) =>
        policy is null ? null : JsonSerializer.Serialize(
            policy.Rules.Select(r => new StoredRule(r.Name, [.. r.RequiredRoles.Order()],
                r.Band is { } b ? new StoredBand(b.Currency, b.MinMinorUnits, b.MaxMinorUnits) : null, r.AcceptThreshold)).ToList(),
            Json);

    private static SigningPolicy? Read(string? json) =>
        json is null ? null : SigningPolicy.Create(
            (JsonSerializer.Deserialize<List<StoredRule>>(json, Json) ?? []).Select(r => new SigningRule(
                r.Name, r.RequiredRoles.ToHashSet(), r.Band is { } b ? new AmountBand(b.Currency, b.MinMinorUnits, b.MaxMinorUnits) : null, r.AcceptThreshold)));

    private sealed record StoredRule(string Name, List<SpecimenRole> RequiredRoles, StoredBand? Band, double? AcceptThreshold);

    private sealed record StoredBand(string Currency, long MinMinorUnits, long? MaxMinorUnits);
}
