using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Proto = SealMatch.Protos.V1;

namespace SealMatch.Server.WebConsole;

/// <summary>How the console words the service's values.</summary>
internal static class ConsoleText
{
    public static string Age(Timestamp? since, DateTimeOffset now) => since is null ? "–" : Span(now - since.ToDateTimeOffset());

    public static string Left(Timestamp? until, DateTimeOffset now) => until is null ? "–" : Span(until.ToDateTimeOffset() - now);

    public static string Span(TimeSpan span) => span <= TimeSpan.Zero ? "0 min"
        : span.TotalDays >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays} d {span.Hours} h")
        : span.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes} min")
        : span.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min")
        : string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalSeconds} s");

    public static string Time(Timestamp? at) => at is null || (at.Seconds == 0 && at.Nanos == 0) ? "–"
        : at.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static string Date(Proto.Date? date) => date is null || date.Year == 0 ? "–"
        : string.Create(CultureInfo.InvariantCulture, $"{date.Year:0000}-{date.Month:00}-{date.Day:00}");

    public static string Money(Proto.Money? money) => money is null || string.IsNullOrEmpty(money.Currency) ? "–"
        : string.Create(CultureInfo.InvariantCulture, $"{money.Currency} {money.MinorUnits / 100m:#,0.00}");

    public static string Percent(double p) => p.ToString("0.0 %", CultureInfo.InvariantCulture);

    public static string Number(double v, string format = "0.000") => v.ToString(format, CultureInfo.InvariantCulture);

    /// <summary><c>REVIEW_CASE_STATE_AWAITING_SECOND_REVIEW</c> → "awaiting second review".</summary>
    public static string Enum<T>(T value, string prefix) where T : struct, System.Enum
    {
        string name = Google.Protobuf.Reflection.OriginalNameAttribute.GetCustomAttributes(typeof(T).GetField(value.ToString())!, typeof(Google.Protobuf.Reflection.OriginalNameAttribute), false)
            .OfType<Google.Protobuf.Reflection.OriginalNameAttribute>().FirstOrDefault()?.Name ?? value.ToString();
        if (name.StartsWith(prefix, StringComparison.Ordinal))
        {
            name = name[prefix.Length..];
        }

        return name.Replace('_', ' ').ToLowerInvariant();
    }

    public static string State(Proto.ReviewCaseState s) => Enum(s, "REVIEW_CASE_STATE_");

    public static string Reason(Proto.ReviewReason r) => Enum(r, "REVIEW_REASON_");

    public static string Role(Proto.SpecimenRole r) => Enum(r, "SPECIMEN_ROLE_");

    public static string Status(Proto.SpecimenStatus s) => Enum(s, "SPECIMEN_STATUS_");

    public static string Verdict(Proto.ReviewVerdict v) => v switch
    {
        Proto.ReviewVerdict.Genuine => "GENUINE",
        Proto.ReviewVerdict.Forged => "FORGED",
        Proto.ReviewVerdict.CannotTell => "CANNOT_TELL",
        _ => "–",
    };

    public static string Decision(Proto.Decision d) => Enum(d, "DECISION_").ToUpperInvariant();

    /// <summary>Width and height of a PNG from its header (the IHDR chunk).</summary>
    public static (int Width, int Height) PngSize(ReadOnlySpan<byte> png) => png.Length < 24 ? (0, 0)
        : (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png[16..20]), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png[20..24]));
}
