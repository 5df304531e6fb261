using System.Globalization;
using SealMatch.Data;
using SealMatch.Domain.Templates;
using SealMatch.Engine.Geometry;
using SealMatch.Engine.Imaging;
using SealMatch.Server.Errors;
using SealMatch.Server.Templates;
using Proto = SealMatch.Protos.V1;

namespace SealMatch.Server.Verification;

/// <summary>A box on the slip in pixels, named by its template region or by the request field it came from (<c>signature_regions[0]</c>).</summary>
/// <param name="Name">The template region's name, or the request field path.</param>
/// <param name="Box">Where it is on the slip image, in pixels.</param>
internal readonly record struct SlipRegion(string Name, PixelBox Box)
{
    /// <summary>Whether <paramref name="point"/> lies in the box (left and top edges inclusive).</summary>
    public bool Contains(PointD point) =>
        point.X >= Box.X && point.X < Box.Right && point.Y >= Box.Y && point.Y < Box.Bottom;
}

/// <summary>
/// Where to look on one slip, in pixels of its image: the seal and signature regions of a
/// <see cref="Proto.VerifySlipRequest"/>, its template's regions (millimetres at the slip's dpi) added to
/// the request's own boxes. No seal region means the whole slip is searched, as without a template.
/// </summary>
internal sealed class SlipRegions
{
    private SlipRegions(string? templateId, IReadOnlyList<SlipRegion> sealBoxes, IReadOnlyList<SlipRegion> signatureBoxes)
    {
        TemplateId = templateId;
        SealBoxes = sealBoxes;
        SignatureBoxes = signatureBoxes;
    }

    /// <summary>The template that supplied regions, or null.</summary>
    public string? TemplateId { get; }

    /// <summary>Template seal regions, then the request's <c>regions_of_interest</c>; empty: the whole slip.</summary>
    public IReadOnlyList<SlipRegion> SealBoxes { get; }

    /// <summary>Template signature regions, then the request's <c>signature_regions</c>; each lies within the image.</summary>
    public IReadOnlyList<SlipRegion> SignatureBoxes { get; }

    /// <summary>Whether a seal impression centred at <paramref name="centre"/> is considered.</summary>
    public bool ContainsSeal(PointD centre) => SealBoxes.Count == 0 || SealBoxes.Any(r => r.Contains(centre));

    /// <summary>Loads the request's template, if it names one, and resolves the regions for <paramref name="slip"/>.</summary>
    /// <exception cref="ResourceNotFoundException">No template has the id (field <c>template_id</c>).</exception>
    /// <exception cref="RequestInvalidException">A template region or a signature region lies outside the image.</exception>
    public static async Task<SlipRegions> ResolveAsync(SealMatchDbContext db, Proto.VerifySlipRequest request, ScanImage slip, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(slip);
        SlipTemplate? template = request.TemplateId.Length == 0 ? null : await db.FindTemplateAsync(request.TemplateId, "template_id", cancellationToken);
        return Resolve(request, template, slip.Width, slip.Height, slip.Dpi);
    }

    /// <summary>The regions of <paramref name="request"/> and <paramref name="template"/> on an image of the given size and resolution.</summary>
    public static SlipRegions Resolve(Proto.VerifySlipRequest request, SlipTemplate? template, int imageWidth, int imageHeight, double dpi)
    {
        ArgumentNullException.ThrowIfNull(request);
        var seals = new List<SlipRegion>();
        var signatures = new List<SlipRegion>();
        foreach (TemplateRegion region in template?.Regions ?? [])
        {
            PixelBox box = ToPixels(region.Box, dpi);
            if (box.Right > imageWidth || box.Bottom > imageHeight)
            {
                throw new RequestInvalidException("template_id", string.Create(CultureInfo.InvariantCulture,
                    $"Region '{region.Name}' of template '{template!.Name}' reaches beyond the slip image ({imageWidth} × {imageHeight} px at {dpi:0.#} dpi): the scan is not of this layout, or its dpi is wrong."));
            }

            (region.Kind == RegionKind.Seal ? seals : signatures).Add(new SlipRegion(region.Name, box));
        }

        // Seal regions of interest are taken as they are (an impression centred outside the image matches none).
        seals.AddRange(request.RegionsOfInterest.Select((b, i) => new SlipRegion(Field("regions_of_interest", i), new PixelBox(b.X, b.Y, b.Width, b.Height))));
        for (int i = 0; i < request.SignatureRegions.Count; i++)
        {
            Proto.Box b = request.SignatureRegions[i];
            string field = Field("signature_regions", i);
            if (b.X < 0 || b.Y < 0 || b.Width <= 0 || b.Height <= 0 || (long)b.X + b.Width > imageWidth || (long)b.Y + b.Height > imageHeight)
            {
                throw new RequestInvalidException(field, string.Create(CultureInfo.InvariantCulture,
                    $"{field} must have a positive size and lie within the slip image ({imageWidth} × {imageHeight} px)."));
            }

            signatures.Add(new SlipRegion(field, new PixelBox(b.X, b.Y, b.Width, b.Height)));
        }

        return new SlipRegions(template?.Id, seals.AsReadOnly(), signatures.AsReadOnly());
    }

    /// <summary>A box in millimetres as pixels at <paramref name="dpi"/>: edges rounded to the nearest pixel, at least one pixel wide and high.</summary>
    public static PixelBox ToPixels(MillimetreBox box, double dpi)
    {
        double perMillimetre = dpi / Units.MillimetresPerInch;
        int x0 = (int)Math.Round(box.X * perMillimetre, MidpointRounding.AwayFromZero);
        int y0 = (int)Math.Round(box.Y * perMillimetre, MidpointRounding.AwayFromZero);
        int x1 = Math.Max(x0 + 1, (int)Math.Round(box.Right * perMillimetre, MidpointRounding.AwayFromZero));
        int y1 = Math.Max(y0 + 1, (int)Math.Round(box.Bottom * perMillimetre, MidpointRounding.AwayFromZero));
        return new PixelBox(x0, y0, x1 - x0, y1 - y0);
    }

    private static string Field(string name, int index) => string.Create(CultureInfo.InvariantCulture, $"{name}[{index}]");
}
