using OpenCvSharp;
using SkiaSharp;

namespace SealMatch.Synthesis;

/// <summary>Background under a single test impression.</summary>
public enum SingleSealBackground
{
    /// <summary>Plain off-white paper.</summary>
    Plain,

    /// <summary>Security tint and guilloche, printed labels and table lines under the seal.</summary>
    Printed,
}

/// <summary>Options of <see cref="SingleSealImage.Render"/>.</summary>
public sealed record SingleSealOptions
{
    /// <summary>Output resolution.</summary>
    public int Dpi { get; init; } = 300;

    /// <summary>Paper under the seal.</summary>
    public SingleSealBackground Background { get; init; } = SingleSealBackground.Plain;

    /// <summary>File format.</summary>
    public ImageFormat Format { get; init; } = ImageFormat.Png;

    /// <summary>JPEG quality (60–95 is realistic).</summary>
    public int JpegQuality { get; init; } = 90;

    /// <summary>Write the dpi into the file's metadata.</summary>
    public bool WriteResolution { get; init; } = true;

    /// <summary>Paper margin around the seal's largest extent, mm; the seal is placed randomly within half of it.</summary>
    public double MarginMm { get; init; } = 5;

    /// <summary>Ink of the impression; null draws one of the layout's colour family.</summary>
    public SealInk? Ink { get; init; }
}

/// <summary>One encoded image with its ground truth.</summary>
public sealed class SealImage
{
    private readonly byte[] _encoded;

    internal SealImage(byte[] encoded, ImageFormat format, int width, int height, int dpi, ImpressionTruth truth)
    {
        _encoded = encoded;
        Format = format;
        Width = width;
        Height = height;
        Dpi = dpi;
        Truth = truth;
    }

    /// <summary>The encoded file.</summary>
    public ReadOnlyMemory<byte> Encoded => _encoded;

    /// <summary>File format.</summary>
    public ImageFormat Format { get; }

    /// <summary>Image width in pixels.</summary>
    public int Width { get; }

    /// <summary>Image height in pixels.</summary>
    public int Height { get; }

    /// <summary>Resolution the image was rendered at (whether or not it is in the metadata).</summary>
    public int Dpi { get; }

    /// <summary>Where the impression is.</summary>
    public ImpressionTruth Truth { get; }

    /// <summary>The encoded bytes as a new array.</summary>
    public byte[] ToArray() => (byte[])_encoded.Clone();
}

/// <summary>A single impression on a small piece of paper, for tests and benchmarks.</summary>
public static class SingleSealImage
{
    /// <summary>Renders one genuine stamped impression of <paramref name="layout"/> under <paramref name="conditions"/>.</summary>
    public static SealImage Render(SealLayout layout, ImpressionConditions conditions, SingleSealOptions options, SynthRandom rng)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return Render(ImpressionSource.Genuine(layout, conditions) with { Ink = options?.Ink }, options!, rng);
    }

    /// <summary>Renders one impression of any source (stamped or printed copy, genuine or forged).</summary>
    public static SealImage Render(ImpressionSource source, SingleSealOptions options, SynthRandom rng)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rng);
        SealLayout layout = source.Layout;
        double pxPerMm = options.Dpi / 25.4;
        SealInk ink = source.Ink ?? options.Ink ?? SealInk.Random(layout.Ink, rng.Fork("ink"));
        RenderedImpression imp = ImpressionRenderer.Render(source, 1 / pxPerMm, ink, rng.Fork("impression"));

        double extent = Math.Sqrt((layout.WidthMm * layout.WidthMm) + (layout.HeightMm * layout.HeightMm));
        int size = (int)Math.Ceiling((extent + (2 * options.MarginMm)) * pxPerMm);
        SynthRandom place = rng.Fork("placement");
        double targetX = ((size - 1) / 2.0) + (place.Uniform(-0.5, 0.5) * options.MarginMm * pxPerMm);
        double targetY = ((size - 1) / 2.0) + (place.Uniform(-0.5, 0.5) * options.MarginMm * pxPerMm);
        int ox = (int)Math.Round(targetX - imp.CentreX);
        int oy = (int)Math.Round(targetY - imp.CentreY);
        double cx = ox + imp.CentreX;
        double cy = oy + imp.CentreY;

        RgbPage page = PaintBackground(size, size, pxPerMm, options.Background, (cx + 0.5) / pxPerMm, (cy + 0.5) / pxPerMm, rng.Fork("paper"));
        page.ApplyTransmittance(imp, ox, oy);

        using Mat bgr = page.ToBgrMat();
        Scanner.AddSensorNoise(bgr, 1.2, rng.Fork("sensor"));
        byte[] encoded = ImageEncoding.Encode(bgr, options.Format, options.JpegQuality, options.WriteResolution ? options.Dpi : null);
        double rotation = ImpressionTruth.NormaliseDeg(imp.RotationDeg);
        (double hx, double hy) = layout.RotatedHalfExtents(rotation);
        var box = new PixelBox(cx - (hx * pxPerMm), cy - (hy * pxPerMm), 2 * hx * pxPerMm, 2 * hy * pxPerMm);
        var truth = new ImpressionTruth(
            "imp0", layout.Id, layout.DesignId, layout.Kind, cx, cy, rotation, pxPerMm, box, imp.VisibleFraction, layout.Shape, layout.WidthMm, layout.HeightMm);
        return new SealImage(encoded, options.Format, size, size, options.Dpi, truth);
    }

    private static RgbPage PaintBackground(int w, int h, double pxPerMm, SingleSealBackground background, double cxMm, double cyMm, SynthRandom rng)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(PrintKit.Paper(rng));
            PrintKit.UseMillimetres(canvas, pxPerMm);
            if (background == SingleSealBackground.Printed)
            {
                double wMm = w / pxPerMm;
                double hMm = h / pxPerMm;
                (SKColor tint, SKColor line) = PrintKit.SecurityTint(rng);
                PrintKit.Guilloche(new PrintSurface(canvas, bitmap, pxPerMm), new SKRect(0, 0, (float)wMm, (float)hMm), tint, line, rng);
                var ruleColour = rng.Bernoulli(0.5) ? new SKColor(30, 30, 30) : new SKColor(20, 90, 60);
                double ruleY = cyMm + rng.Uniform(-12, 12);
                PrintKit.Line(canvas, 0, ruleY, wMm, ruleY, rng.Uniform(0.1, 0.3), ruleColour);
                double ruleX = cxMm + rng.Uniform(-15, 15);
                PrintKit.Line(canvas, ruleX, 0, ruleX, hMm, rng.Uniform(0.1, 0.3), ruleColour);
                string[] labels = ["出票人签章", "复核", "记账", "用途", "上列款项请从我账户内支付"];
                for (int i = 0; i < 3; i++)
                {
                    PrintKit.Text(canvas, rng.Pick(labels), rng.Pick([SealFont.Song, SealFont.Hei]), cxMm + rng.Uniform(-18, 5), cyMm + rng.Uniform(-15, 15), rng.Uniform(2.5, 3.8), new SKColor(25, 25, 25));
                }
            }
        }

        return RgbPage.FromBitmap(bitmap);
    }
}
