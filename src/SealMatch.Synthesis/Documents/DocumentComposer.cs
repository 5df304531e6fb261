using SkiaSharp;

namespace SealMatch.Synthesis;

/// <summary>An impression to place on a document, with its centre on the page in mm.</summary>
internal sealed record PlacedImpression(string Id, ImpressionSource Source, double CentreXMm, double CentreYMm, SlotRole Role, string? TouchingId);

/// <summary>A region drawn on the page, in mm.</summary>
internal sealed record RegionMm(string Kind, string Text, SKRect Rect);

/// <summary>
/// Composes a document: printed layers drawn with Skia at the output resolution (paper × print, multiply
/// blending), seal impressions multiplied in linear light (each rendered only over its own region), then
/// scanned and encoded; all truth is transformed into the final image frame.
/// </summary>
internal static class DocumentComposer
{
    public static GeneratedDocument Compose(
        DocumentKind kind,
        double widthMm,
        double heightMm,
        ScanSettings scan,
        Func<PrintSurface, List<RegionMm>> drawPrint,
        IReadOnlyList<PlacedImpression> impressions,
        SynthRandom rng)
    {
        double pxPerMm = scan.Dpi / 25.4;
        int w = (int)Math.Round(widthMm * pxPerMm);
        int h = (int)Math.Round(heightMm * pxPerMm);
        List<RegionMm> regions;
        RgbPage page;
        using (var bitmap = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Opaque)))
        {
            using (var canvas = new SKCanvas(bitmap))
            {
                PrintKit.UseMillimetres(canvas, pxPerMm);
                regions = drawPrint(new PrintSurface(canvas, bitmap, pxPerMm));
            }

            page = RgbPage.FromBitmap(bitmap);
        }

        var placed = new List<(PlacedImpression P, double Cx, double Cy, double Rot, double Visible)>();
        SynthRandom inks = rng.Fork("inks");
        var inkByColour = new Dictionary<InkColour, SealInk>();
        foreach (PlacedImpression p in impressions)
        {
            SealInk ink = p.Source.Ink ?? InkFor(p.Source.Layout.Ink, inkByColour, inks);
            RenderedImpression r = ImpressionRenderer.Render(p.Source, 1 / pxPerMm, ink, rng.Fork("impression:" + p.Id));
            double tx = (p.CentreXMm * pxPerMm) - 0.5;
            double ty = (p.CentreYMm * pxPerMm) - 0.5;
            int ox = (int)Math.Round(tx - r.CentreX);
            int oy = (int)Math.Round(ty - r.CentreY);
            page.ApplyTransmittance(r, ox, oy);
            placed.Add((p, ox + r.CentreX, oy + r.CentreY, r.RotationDeg, r.VisibleFraction));
        }

        (byte[] file, double[] a) = Scanner.Scan(page, scan, rng.Fork("scan"));

        (double X, double Y) Map(double x, double y) => ((a[0] * x) + (a[1] * y) + a[2], (a[3] * x) + (a[4] * y) + a[5]);

        var impTruth = new List<DocumentImpressionTruth>();
        foreach ((PlacedImpression p, double cx, double cy, double rot, double visible) in placed)
        {
            SealLayout l = p.Source.Layout;
            (double mx, double my) = Map(cx, cy);
            double r = ImpressionTruth.NormaliseDeg(rot + scan.SkewDeg);
            (double hx, double hy) = l.RotatedHalfExtents(r);
            var box = new PixelBox(mx - (hx * pxPerMm), my - (hy * pxPerMm), 2 * hx * pxPerMm, 2 * hy * pxPerMm);
            var geometry = new ImpressionTruth(p.Id, l.Id, l.DesignId, l.Kind, mx, my, r, pxPerMm, box, visible, l.Shape, l.WidthMm, l.HeightMm);
            impTruth.Add(new DocumentImpressionTruth(
                geometry, p.Source.Label, p.Source.Forgery, p.Role, p.Source.Style, p.Source.ExpectedDesignId, p.Source.Changes, p.TouchingId));
        }

        var regionTruth = new List<RegionTruth>();
        foreach (RegionMm reg in regions)
        {
            double minX = double.MaxValue;
            double minY = double.MaxValue;
            double maxX = double.MinValue;
            double maxY = double.MinValue;
            foreach ((float x, float y) in new[] { (reg.Rect.Left, reg.Rect.Top), (reg.Rect.Right, reg.Rect.Top), (reg.Rect.Left, reg.Rect.Bottom), (reg.Rect.Right, reg.Rect.Bottom) })
            {
                (double px, double py) = Map((x * pxPerMm) - 0.5, (y * pxPerMm) - 0.5);
                minX = Math.Min(minX, px);
                minY = Math.Min(minY, py);
                maxX = Math.Max(maxX, px);
                maxY = Math.Max(maxY, py);
            }

            regionTruth.Add(new RegionTruth(reg.Kind, reg.Text, new PixelBox(minX, minY, maxX - minX, maxY - minY)));
        }

        var truth = new DocumentTruth
        {
            Kind = kind,
            Width = w,
            Height = h,
            Dpi = scan.Dpi,
            DpiInMetadata = scan.WriteDpiMetadata,
            Format = scan.Format,
            WidthMm = widthMm,
            HeightMm = heightMm,
            SkewDeg = scan.SkewDeg,
            Impressions = impTruth,
            Regions = regionTruth,
        };
        return new GeneratedDocument(file, truth);
    }

    /// <summary>One ink per colour family per document (one stamp pad on the desk).</summary>
    private static SealInk InkFor(InkColour colour, Dictionary<InkColour, SealInk> cache, SynthRandom rng)
    {
        if (!cache.TryGetValue(colour, out SealInk? ink))
        {
            ink = SealInk.Random(colour, rng.Fork(colour.ToString()));
            cache[colour] = ink;
        }

        return ink;
    }
}
