using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace SealMatch.Data;

/// <summary>Stores <see cref="DateTime"/> as UTC and marks values read back as UTC.</summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

/// <summary>Stores <see cref="DateTimeOffset"/> as a UTC <see cref="DateTime"/> (sortable on SQLite, timestamptz on PostgreSQL).</summary>
internal sealed class UtcDateTimeOffsetConverter() : ValueConverter<DateTimeOffset, DateTime>(
    v => v.UtcDateTime,
    v => new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)));
