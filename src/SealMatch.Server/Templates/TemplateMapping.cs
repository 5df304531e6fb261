using System.Globalization;
using SealMatch.Domain.Templates;
using SealMatch.Server.Errors;
using Proto = SealMatch.Protos.V1;

namespace SealMatch.Server.Templates;

internal static class TemplateMapping
{
    /// <summary>A region as given; <see cref="SlipTemplate.Create"/> validates the rest (with <c>regions[i]…</c> field paths).</summary>
    public static TemplateRegion ToDomain(Proto.TemplateRegion region, int index)
    {
        string at = string.Create(CultureInfo.InvariantCulture, $"regions[{index}]");
        RegionKind kind = region.Kind switch
        {
            Proto.RegionKind.Seal => RegionKind.Seal,
            Proto.RegionKind.Signature => RegionKind.Signature,
            _ => throw new RequestInvalidException(at + ".kind", $"{at}.kind must be REGION_KIND_SEAL or REGION_KIND_SIGNATURE."),
        };
        Proto.MillimetreBox box = region.Box ?? throw new RequestInvalidException(at + ".box", $"{at}.box is required.");
        return new TemplateRegion(region.Name, kind, new MillimetreBox(box.X, box.Y, box.Width, box.Height));
    }

    public static Proto.SlipTemplate ToProto(SlipTemplate template)
    {
        var proto = new Proto.SlipTemplate
        {
            Id = template.Id,
            Name = template.Name,
            Description = template.Description ?? string.Empty,
            PageWidthMm = template.PageWidthMm,
            PageHeightMm = template.PageHeightMm,
            CreatedBy = template.CreatedBy,
            CreatedAt = ProtoMapping.ToTimestamp(template.CreatedAt),
        };
        proto.Regions.AddRange(template.Regions.Select(r => new Proto.TemplateRegion
        {
            Name = r.Name,
            Kind = r.Kind == RegionKind.Seal ? Proto.RegionKind.Seal : Proto.RegionKind.Signature,
            Box = new Proto.MillimetreBox { X = r.Box.X, Y = r.Box.Y, Width = r.Box.Width, Height = r.Box.Height },
        }));
        return proto;
    }
}
