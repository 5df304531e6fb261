using System.Collections.ObjectModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SealMatch.Domain.Templates;

namespace SealMatch.Data.Templates;

/// <summary>Stores a template's regions as JSON text: <c>[{"name", "kind", "x_mm", "y_mm", "width_mm", "height_mm"}]</c>.</summary>
internal sealed class TemplateRegionsJsonConverter() : ValueConverter<IReadOnlyList<TemplateRegion>, string>(
    regions => Write(regions),
    json => Read(json))
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter() },
    };

    private static string Write(IReadOnlyList<TemplateRegion> regions) =>
        JsonSerializer.Serialize(regions.Select(r => new StoredRegion(r.Name, r.Kind, r.Box.X, r.Box.Y, r.Box.Width, r.Box.Height)).ToList(), Json);

    private static ReadOnlyCollection<TemplateRegion> Read(string json) =>
        (JsonSerializer.Deserialize<List<StoredRegion>>(json, Json) ?? [])
            .Select(r => new TemplateRegion(r.Name, r.Kind, new MillimetreBox(r.XMm, r.YMm, r.WidthMm, r.HeightMm)))
            .ToList()
            .AsReadOnly();

    private sealed record StoredRegion(string Name, RegionKind Kind, double XMm, double YMm, double WidthMm, double HeightMm);
}
