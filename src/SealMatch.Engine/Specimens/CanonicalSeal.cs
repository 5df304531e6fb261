using OpenCvSharp;
using SealMatch.Engine.Comparison;
using SealMatch.Engine.Geometry;
using SealMatch.Engine.Imaging;
using SealMatch.Engine.Localisation;

namespace SealMatch.Engine.Specimens;

/// <summary>
/// A seal at the canonical scale (<see cref="MillimetresPerPixel"/>), centred on its outline centre:
/// normalised ink strength plus a validity mask (0 where the seal is unknown: occluded by print,
/// outside the scan, or inside another seal that overlaps this one). Specimens are also turned to
/// their reference orientation; impressions keep the orientation they have on the slip.
/// </summary>
internal sealed class CanonicalSeal : IDisposable
{
    /// <summary>The canonical scale: 0.1 mm per pixel.</summary>
    public const double MillimetresPerPixel = 0.1;

    /// <summary>Ink strength a seal's typical full-ink stroke is normalised to.</summary>
    public const byte NormalisedInk = 220;

    /// <summary>Margin around the outline kept in the canvas, in millimetres.</summary>
    private const double MarginMillimetres = 3.0;

    private InkCharacter? _ink;

    public CanonicalSeal(Mat strength, Mat valid, SealOutline outline, double inkScale, InkHue hue)
    {
        Strength = strength;
        Valid = valid;
        Outline = outline;
        InkScale = inkScale;
        Hue = hue;
    }

    /// <summary>Colour of the seal's strong ink.</summary>
    public InkHue Hue { get; }

    private Registration.ImpressionData? _registration;

    /// <summary>The seal's ink character (measured once, on first use).</summary>
    public InkCharacter Ink => _ink ??= InkCharacter.Measure(Strength, Valid);

    /// <summary>What registration needs from this seal as an impression (computed once, on first use).</summary>
    public Registration.ImpressionData Registration
    {
        get
        {
            if (_registration is { } existing)
            {
                return existing;
            }

            // Safe when several threads compare the same impression: one build wins, the others are disposed.
            var built = SealMatch.Engine.Registration.ImpressionData.Build(this);
            Registration.ImpressionData? previous = Interlocked.CompareExchange(ref _registration, built, null);
            if (previous is not null)
            {
                built.Dispose();
                return previous;
            }

            return built;
        }
    }

    /// <summary>Normalised ink strength (8-bit).</summary>
    public Mat Strength { get; }

    /// <summary>255 where the seal is observed, 0 where unknown.</summary>
    public Mat Valid { get; }

    /// <summary>The outline in canvas pixels (centred).</summary>
    public SealOutline Outline { get; }

    /// <summary>Factor the raw ink strength was multiplied by (below 1: heavy ink; above 1: faint).</summary>
    public double InkScale { get; }

    public int Width => Strength.Cols;

    public int Height => Strength.Rows;

    public PointD Centre => Outline.Centre;

    /// <summary>
    /// Cuts a seal out of a scan into canonical form.
    /// </summary>
    /// <param name="separation">Ink separation of the scan.</param>
    /// <param name="outline">The seal's outline in scan pixels.</param>
    /// <param name="toReference">Turn the outline's axis to horizontal (specimens) or keep the slip's orientation (impressions).</param>
    /// <param name="others">Outlines (scan pixels) of other seals nearby; their area is unknown for this seal.</param>
    public static CanonicalSeal Cut(InkSeparation separation, ScanImage scan, SealOutline outline, bool toReference, IReadOnlyList<SealOutline>? others = null)
    {
        double scanMm = scan.MillimetresPerPixel;
        double angle = toReference ? ReferenceAngle(outline) : 0;

        // The canvas holds the outline as it lies after turning, plus a margin.
        double factor = scanMm / MillimetresPerPixel;
        PixelBox turned = (outline with { Centre = new PointD(0, 0), Width = outline.Width * factor, Height = outline.Height * factor, AngleDeg = outline.AngleDeg - angle }).BoundingBox();
        int side = ((int)Math.Ceiling(Math.Max(turned.Width, turned.Height) + 2 * MarginMillimetres / MillimetresPerPixel) + 7) & ~7;

        // An axis-aligned region of the scan covering the canvas (at its angle, when turned).
        int halfScan = (int)Math.Ceiling(side * (angle == 0 ? 1 : Math.Sqrt(2)) / factor / 2) + 2;
        var region = new PixelBox((int)Math.Floor(outline.Centre.X) - halfScan, (int)Math.Floor(outline.Centre.Y) - halfScan, 2 * halfScan, 2 * halfScan);
        using InkLayer layer = separation.Region(region, MillimetresPerPixel);

        // Rotate about the outline centre (in layer pixels) and move it to the canvas centre.
        PointD centreInLayer = layer.FromScan(outline.Centre);
        var canvasCentre = new PointD((side - 1) / 2.0, (side - 1) / 2.0);
        using Mat toCanvas = RotationAbout(centreInLayer, canvasCentre, angle);
        var strength = new Mat();
        Cv2.WarpAffine(layer.Strength, strength, toCanvas, new Size(side, side), InterpolationFlags.Linear, BorderTypes.Constant, Scalar.All(0));
        using var occlusion = new Mat();
        Cv2.WarpAffine(layer.Occlusion, occlusion, toCanvas, new Size(side, side), InterpolationFlags.Nearest, BorderTypes.Constant, Scalar.All(255));

        var valid = new Mat();
        Cv2.BitwiseNot(occlusion, valid);
        var canvasOutline = new SealOutline(outline.Shape, canvasCentre, outline.Width * factor, outline.Height * factor, outline.AngleDeg - angle);
        if (others is not null)
        {
            foreach (SealOutline other in others)
            {
                PointD c = MapPoint(toCanvas, layer.FromScan(other.Centre));
                var otherCanvas = new SealOutline(other.Shape, c, other.Width * factor, other.Height * factor, other.AngleDeg - angle);
                SealDetector.DrawFilled(valid, otherCanvas, 0, growBy: 1.5 / MillimetresPerPixel);
            }
        }

        double inkScale = NormaliseInk(strength, valid, canvasOutline);
        return new CanonicalSeal(strength, valid, canvasOutline, inkScale, layer.Hue);
    }

    /// <summary>The angle a specimen is turned by so that its outline's width axis is horizontal.</summary>
    internal static double ReferenceAngle(SealOutline outline) => outline.Shape switch
    {
        SealShapeKind.Round => 0,
        SealShapeKind.Square => FoldQuarterTurn(outline.AngleDeg),
        _ => outline.AngleDeg,
    };

    /// <summary>
    /// 2×3 affine that turns content clockwise on the page by <paramref name="angleDeg"/> about
    /// <paramref name="from"/> and moves that point to <paramref name="to"/>: an axis at +angle becomes horizontal.
    /// </summary>
    internal static Mat RotationAbout(PointD from, PointD to, double angleDeg)
    {
        // In image coordinates (y down) a clockwise page turn by t is [cos t, -sin t; sin t, cos t].
        double t = angleDeg * Math.PI / 180;
        double c = Math.Cos(t), s = Math.Sin(t);
        var m = new Mat(2, 3, MatType.CV_64FC1);
        m.Set(0, 0, c);
        m.Set(0, 1, -s);
        m.Set(0, 2, to.X - (c * from.X - s * from.Y));
        m.Set(1, 0, s);
        m.Set(1, 1, c);
        m.Set(1, 2, to.Y - (s * from.X + c * from.Y));
        return m;
    }

    internal static PointD MapPoint(Mat affine, PointD p) => new(
        affine.At<double>(0, 0) * p.X + affine.At<double>(0, 1) * p.Y + affine.At<double>(0, 2),
        affine.At<double>(1, 0) * p.X + affine.At<double>(1, 1) * p.Y + affine.At<double>(1, 2));

    /// <summary>Scales ink so that strong strokes sit at <see cref="NormalisedInk"/>: faint and heavy impressions become comparable.</summary>
    private static double NormaliseInk(Mat strength, Mat valid, SealOutline outline)
    {
        using var domain = new Mat(strength.Size(), MatType.CV_8UC1, Scalar.All(0));
        SealDetector.DrawFilled(domain, outline, 255, growBy: 1.0 / MillimetresPerPixel);
        Cv2.BitwiseAnd(domain, valid, domain);
        using var hist = new Mat();
        Cv2.CalcHist([strength], [0], domain, hist, 1, [256], [new Rangef(0, 256)]);
        double total = 0;
        for (int v = 30; v < 256; v++)
        {
            total += hist.At<float>(v);
        }

        if (total < 50)
        {
            return 1;
        }

        // The 90th percentile of inked pixels stands for a full stroke.
        double target = total * 0.90, acc = 0;
        int p90 = 255;
        for (int v = 30; v < 256; v++)
        {
            acc += hist.At<float>(v);
            if (acc >= target)
            {
                p90 = v;
                break;
            }
        }

        double scale = Math.Clamp(NormalisedInk / (double)Math.Max(p90, 40), 0.5, 5.0);
        strength.ConvertTo(strength, MatType.CV_8U, scale);
        return scale;
    }

    private static double FoldQuarterTurn(double angle)
    {
        while (angle > 45)
        {
            angle -= 90;
        }

        while (angle <= -45)
        {
            angle += 90;
        }

        return angle;
    }

    public void Dispose()
    {
        _registration?.Dispose();
        Strength.Dispose();
        Valid.Dispose();
    }
}
