using OpenCvSharp;
using SealMatch.Engine.Geometry;

namespace SealMatch.Engine.Imaging;

/// <summary>
/// Separates seal ink from paper, print, handwriting, lines and coloured security backgrounds by
/// colour unmixing in optical-density space.
/// </summary>
/// <remarks>
/// <para>
/// Each pixel is first divided by a local estimate of the paper (a wide maximum filter at about
/// 1 mm per pixel), which removes colour casts, shading and the paper's tint. Reflectance then
/// becomes optical density per channel, where colourants add. The density is explained as
/// <c>a·ink + b·black</c> by least squares: <c>a</c> is the seal-ink strength, <c>b</c> the amount of
/// neutral dark colourant (toner, ballpoint, lines). Coloured inks other than the seal's (blue pen
/// under a red seal, green patterns) fall mostly into <c>b</c> or into negative <c>a</c>, which is
/// clamped to zero.
/// </para>
/// <para>
/// Where <c>b</c> is large the paper is covered by dark print and the seal's presence there is
/// unknown: that is the occlusion mask. A seal stamped over print is not absent there, and the
/// comparison must not count it as a difference.
/// </para>
/// </remarks>
public sealed class InkSeparation : IDisposable
{
    /// <summary>Scale at which the paper background is estimated.</summary>
    private const double BackgroundMillimetresPerPixel = 1.0;

    /// <summary>Diameter of the maximum filter; wider than any solid ink area (a 白文 name seal is up to ~25 mm).</summary>
    private const double BackgroundFilterMillimetres = 31.0;

    /// <summary>Density units per LUT step: densities are stored as byte = density × 100.</summary>
    private const double DensityScale = 100.0;

    /// <summary>Seal-ink density mapped to 255.</summary>
    private const double FullInkDensity = 1.1;

    /// <summary>Neutral density mapped to 255 in the black plane.</summary>
    private const double FullBlackDensity = 1.5;

    /// <summary>Neutral density above which the seal under it is unknown.</summary>
    private const double OcclusionDensity = 0.30;

    private static readonly byte[] DensityLut = BuildDensityLut();

    /// <summary>Straight printed lines in the ink's colour shorter than this are kept (a seal's frame can be 60 mm long).</summary>
    private const double MinRuleLengthMm = 70;

    private readonly ScanImage _scan;
    private readonly Mat _paper; // BGR paper estimate at BackgroundMillimetresPerPixel
    private readonly float[] _unmix; // 3×3 rows: strength, black and zero, in LUT units
    private const double OverviewMillimetresPerPixel = 0.25;
    private List<(Point2d A, Point2d B)> _rules = [];
    private InkLayer? _overview;

    private InkSeparation(ScanImage scan, Mat paper, InkColour ink)
    {
        _scan = scan;
        _paper = paper;
        Ink = ink;
        _unmix = [.. UnmixingRows(InkDensityDirection(ink)), 0f, 0f, 0f];
    }

    /// <summary>
    /// Long straight lines printed in the seal's colour (red form rules on many slips), in scan
    /// pixels. They are not seal ink: every layer marks them as unknown, like black print.
    /// </summary>
    public IReadOnlyList<(Point2d A, Point2d B)> PrintedRules => _rules;

    /// <summary>The ink colour being separated.</summary>
    public InkColour Ink { get; }

    /// <summary>Prepares the separation of one scan (estimates the paper). The scan must outlive this object.</summary>
    public static InkSeparation Analyse(ScanImage scan, InkColour ink = InkColour.Red)
    {
        ArgumentNullException.ThrowIfNull(scan);
        var separation = new InkSeparation(scan, EstimatePaper(scan), ink);
        separation.FindPrintedRules();
        return separation;
    }

    /// <summary>The whole scan at a coarse scale (for localisation).</summary>
    public InkLayer Overview(double millimetresPerPixel)
    {
        if (_overview is not null && Math.Abs(millimetresPerPixel - OverviewMillimetresPerPixel) < 1e-9)
        {
            return new InkLayer(_overview.Strength.Clone(), _overview.Occlusion.Clone(), _overview.MillimetresPerPixel, _overview.SourceRegion, _overview.SourceMillimetresPerPixel);
        }

        return Region(new PixelBox(0, 0, _scan.Width, _scan.Height), millimetresPerPixel);
    }

    /// <summary>
    /// A region of the scan resampled to <paramref name="millimetresPerPixel"/>. Parts of the region
    /// outside the scan are returned as occluded (unknown).
    /// </summary>
    public InkLayer Region(PixelBox region, double millimetresPerPixel)
    {
        if (region.Width <= 0 || region.Height <= 0)
        {
            throw new ArgumentException("The region is empty.", nameof(region));
        }

        double scanMm = _scan.MillimetresPerPixel;
        double ratio = scanMm / millimetresPerPixel;
        int outW = Math.Max(1, (int)Math.Round(region.Width * ratio));
        int outH = Math.Max(1, (int)Math.Round(region.Height * ratio));

        using Mat bgr = ResampleScan(region, outW, outH, ratio);
        using Mat paper = ResamplePaper(region, outW, outH, millimetresPerPixel);

        // Reflectance relative to the local paper, then density per channel through the LUT.
        using var reflectance = new Mat();
        Cv2.Divide(bgr, paper, reflectance, 255.0);
        using var density = new Mat();
        Cv2.LUT(reflectance, DensityLut, density);

        // Three output channels (the third always 0): OpenCV's 8-bit transform is vectorised (10-bit fixed
        // point) only for 3 → 3 channels; 3 → 2 took 1.3 ms per 500 × 500 region, 3 → 3 0.2 ms.
        using var unmixMat = Mat.FromPixelData(3, 3, MatType.CV_32FC1, _unmix);
        using var planes = new Mat();
        Cv2.Transform(density, planes, unmixMat); // saturating: negative amounts become 0
        Mat[] split = Cv2.Split(planes);
        Mat strength = split[0];
        using Mat black = split[1];
        split[2].Dispose();

        var occlusion = new Mat();
        Cv2.Threshold(black, occlusion, OcclusionDensity * 255.0 / FullBlackDensity, 255, ThresholdTypes.Binary);
        MarkOutside(region, ratio, occlusion);
        MarkRules(region, ratio, occlusion);

        return new InkLayer(strength, occlusion, millimetresPerPixel, region, scanMm) { Hue = MeasureHue(density, strength, occlusion) };
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _paper.Dispose();
        _overview?.Dispose();
    }

    /// <summary>
    /// The colour of the strong seal ink in a layer, as optical-density ratios blue/green and
    /// red/green: stamp paste and a colour printer's magenta-plus-yellow red differ here.
    /// </summary>
    private static InkHue MeasureHue(Mat density, Mat strength, Mat occlusion)
    {
        using var strong = new Mat();
        Cv2.Threshold(strength, strong, 150, 255, ThresholdTypes.Binary);
        using var known = new Mat();
        Cv2.BitwiseNot(occlusion, known);
        Cv2.BitwiseAnd(strong, known, strong);
        if (Cv2.CountNonZero(strong) < 50)
        {
            return new InkHue(0, 0);
        }

        Scalar mean = Cv2.Mean(density, strong);
        double green = Math.Max(1, mean.Val1);
        return new InkHue(mean.Val0 / green, mean.Val2 / green);
    }

    /// <summary>Density direction (B, G, R) of each ink, normalised to its strongest channel.</summary>
    internal static (double B, double G, double R) InkDensityDirection(InkColour ink) => ink switch
    {
        // Red seal paste absorbs green most, blue a little less, and passes red.
        InkColour.Red => (0.72, 1.0, 0.10),

        // Blue absorbs red and some green, passes blue.
        InkColour.Blue => (0.12, 0.62, 1.0),

        // Purple absorbs green strongly, red partly, passes blue.
        InkColour.Purple => (0.25, 1.0, 0.55),
        _ => throw new ArgumentOutOfRangeException(nameof(ink)),
    };

    /// <summary>Least-squares rows that turn a density (B, G, R) into (ink, black) amounts, in output byte units.</summary>
    private static float[] UnmixingRows((double B, double G, double R) v)
    {
        double[] ink = [v.B, v.G, v.R];
        double[] k = [1, 1, 1];
        double vv = Dot(ink, ink), vk = Dot(ink, k), kk = Dot(k, k);
        double det = vv * kk - vk * vk;
        double i00 = kk / det, i01 = -vk / det, i11 = vv / det;
        var rows = new float[6];
        double sInk = 255.0 / FullInkDensity / DensityScale;
        double sBlack = 255.0 / FullBlackDensity / DensityScale;
        for (int c = 0; c < 3; c++)
        {
            rows[c] = (float)((i00 * ink[c] + i01 * k[c]) * sInk);
            rows[3 + c] = (float)((i01 * ink[c] + i11 * k[c]) * sBlack);
        }

        return rows;

        static double Dot(double[] a, double[] b) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static byte[] BuildDensityLut()
    {
        var lut = new byte[256];
        for (int i = 0; i < 256; i++)
        {
            double reflectance = Math.Max(i, 1) / 255.0;
            lut[i] = (byte)Math.Clamp(Math.Round(-Math.Log10(reflectance) * DensityScale), 0, 255);
        }

        return lut;
    }

    private static Mat EstimatePaper(ScanImage scan)
    {
        double factor = BackgroundMillimetresPerPixel / scan.MillimetresPerPixel;
        int w = Math.Max(1, (int)Math.Round(scan.Width / factor));
        int h = Math.Max(1, (int)Math.Round(scan.Height / factor));
        using Mat small = Resampling.Shrink(scan.Bgr, new Size(Math.Min(w, scan.Width), Math.Min(h, scan.Height)));
        using var denoised = new Mat();
        Cv2.MedianBlur(small, denoised, 3);
        int k = (int)Math.Round(BackgroundFilterMillimetres / BackgroundMillimetresPerPixel) | 1;
        using var kernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(k, k));
        using var brightest = new Mat();
        Cv2.Dilate(denoised, brightest, kernel, borderType: BorderTypes.Replicate);
        var paper = new Mat();
        Cv2.GaussianBlur(brightest, paper, new Size(0, 0), k / 4.0, borderType: BorderTypes.Replicate);

        // Paper darker than this is not paper (a black scanner lid): never amplify noise from it.
        Cv2.Max(paper, new Scalar(40, 40, 40), paper);
        return paper;
    }

    private Mat ResampleScan(PixelBox region, int outW, int outH, double ratio)
    {
        if (ratio < 0.5 && region == new PixelBox(0, 0, _scan.Width, _scan.Height))
        {
            // The whole scan shrunk a lot (an overview): area averaging is fast and alias-free.
            return Resampling.Shrink(_scan.Bgr, new Size(outW, outH));
        }

        // Work on the part of the scan under the region (plus a margin for the filters), then map it
        // onto the output grid with one exact affine transform so that geometry is identical at every scale.
        int margin = (int)Math.Ceiling(3 / ratio) + 2;
        PixelBox source = region.Inflate(margin).ClipTo(_scan.Width, _scan.Height);
        var result = new Mat(outH, outW, MatType.CV_8UC3, Scalar.White);
        if (source.Width <= 0 || source.Height <= 0)
        {
            return result;
        }

        using var roi = new Mat(_scan.Bgr, new Rect(source.X, source.Y, source.Width, source.Height));
        using var smoothed = new Mat();
        if (ratio < 0.8)
        {
            // Anti-aliasing before decimation: a Gaussian matched to the output pixel.
            Cv2.GaussianBlur(roi, smoothed, new Size(0, 0), 0.45 / ratio, borderType: BorderTypes.Replicate);
        }
        else
        {
            roi.CopyTo(smoothed);
        }

        using var transform = new Mat(2, 3, MatType.CV_64FC1);
        transform.Set(0, 0, ratio);
        transform.Set(0, 1, 0.0);
        transform.Set(0, 2, (source.X - region.X + 0.5) * ratio - 0.5);
        transform.Set(1, 0, 0.0);
        transform.Set(1, 1, ratio);
        transform.Set(1, 2, (source.Y - region.Y + 0.5) * ratio - 0.5);
        Cv2.WarpAffine(smoothed, result, transform, new Size(outW, outH), InterpolationFlags.Linear, BorderTypes.Replicate);
        return result;
    }

    private Mat ResamplePaper(PixelBox region, int outW, int outH, double outMm)
    {
        // Output pixel (u, v) → scan (x, y) → paper-map coordinates.
        double scanMm = _scan.MillimetresPerPixel;
        double r = outMm / scanMm;
        double f = scanMm / BackgroundMillimetresPerPixel;
        using var inverse = new Mat(2, 3, MatType.CV_64FC1);
        inverse.Set(0, 0, r * f);
        inverse.Set(0, 1, 0.0);
        inverse.Set(0, 2, (region.X + 0.5 * r) * f - 0.5);
        inverse.Set(1, 0, 0.0);
        inverse.Set(1, 1, r * f);
        inverse.Set(1, 2, (region.Y + 0.5 * r) * f - 0.5);
        var paper = new Mat();
        Cv2.WarpAffine(_paper, paper, inverse, new Size(outW, outH), InterpolationFlags.Linear | InterpolationFlags.WarpInverseMap, BorderTypes.Replicate);
        return paper;
    }

    /// <summary>Finds straight lines of seal-coloured ink longer than any seal's side (see <see cref="PrintedRules"/>).</summary>
    private void FindPrintedRules()
    {
        const double Mm = OverviewMillimetresPerPixel;
        InkLayer overview = Region(new PixelBox(0, 0, _scan.Width, _scan.Height), Mm);

        // Thin printed lines are faint once averaged into 0.25 mm pixels: look for them at a low threshold.
        using var ink = new Mat();
        Cv2.Threshold(overview.Strength, ink, 20, 255, ThresholdTypes.Binary);
        var rules = new List<(Point2d A, Point2d B)>();
        rules.AddRange(StraightRuns(ink, overview, horizontal: true));
        rules.AddRange(StraightRuns(ink, overview, horizontal: false));
        _rules = rules;
        if (Diagnostics.Enabled)
        {
            Diagnostics.Dump("rules-input", ink);
            Diagnostics.Log($"printed rules: {rules.Count} ({string.Join("; ", rules.Select(r => $"({r.A.X:F0},{r.A.Y:F0})-({r.B.X:F0},{r.B.Y:F0})"))})");
        }

        if (rules.Count > 0)
        {
            // The overview was made before the rules were known: mark them now.
            MarkRules(overview.SourceRegion, _scan.MillimetresPerPixel / Mm, overview.Occlusion);
        }

        _overview = overview;
    }

    /// <summary>
    /// Form rules: near-horizontal (or vertical) lines of ink longer than any seal. Short runs
    /// (10 mm) are kept by an opening after a small perpendicular dilation, which tolerates a few
    /// degrees of scan skew; the runs are joined into components and each component gets a robust
    /// straight-line fit. A rule is a component whose pixels lie along one straight line over more
    /// than <see cref="MinRuleLengthMm"/>; it is returned in scan pixels, extended by the largest seal
    /// size on both ends because a seal stamped across the rule hides part of it.
    /// </summary>
    private static List<(Point2d A, Point2d B)> StraightRuns(Mat ink, InkLayer overview, bool horizontal)
    {
        const double Mm = OverviewMillimetresPerPixel;
        int run = (int)(10 / Mm);
        using var thick = new Mat();
        using var across = Cv2.GetStructuringElement(MorphShapes.Rect, horizontal ? new Size(1, 3) : new Size(3, 1));
        Cv2.Dilate(ink, thick, across);
        using var along = Cv2.GetStructuringElement(MorphShapes.Rect, horizontal ? new Size(run, 1) : new Size(1, run));
        using var lines = new Mat();
        Cv2.MorphologyEx(thick, lines, MorphTypes.Open, along);
        Cv2.BitwiseAnd(lines, ink, lines);

        var found = new List<(Point2d, Point2d)>();
        using var labels = new Mat();
        using var stats = new Mat();
        using var centroids = new Mat();
        int count = Cv2.ConnectedComponentsWithStats(lines, labels, stats, centroids, PixelConnectivity.Connectivity8);
        for (int i = 1; i < count; i++)
        {
            int extent = horizontal ? stats.At<int>(i, (int)ConnectedComponentsTypes.Width) : stats.At<int>(i, (int)ConnectedComponentsTypes.Height);
            if (extent * Mm < MinRuleLengthMm)
            {
                continue;
            }

            var box = new Rect(stats.At<int>(i, 0), stats.At<int>(i, 1), stats.At<int>(i, 2), stats.At<int>(i, 3));
            using var labelRoi = new Mat(labels, box);
            using var mask = new Mat();
            Cv2.Compare(labelRoi, new Scalar(i), mask, CmpTypes.EQ);
            using var points = new Mat();
            Cv2.FindNonZero(mask, points);
            points.GetArray(out Point[] pixels);
            if (RobustLine(pixels, 0.75 / Mm) is not { } line)
            {
                continue;
            }

            (double ox, double oy, double ux, double uy, double from, double to) = line;
            double angle = Math.Abs(Math.Atan2(horizontal ? uy : ux, horizontal ? ux : uy)) * 180 / Math.PI;
            if ((to - from) * Mm < MinRuleLengthMm || Math.Min(angle, 180 - angle) > 6)
            {
                continue;
            }

            double half = (to - from) / 2 + 65 / Mm;
            double mid = (from + to) / 2;
            double cx = box.X + ox + ux * mid, cy = box.Y + oy + uy * mid;
            var a = overview.ToScan(new PointD(cx - ux * half, cy - uy * half));
            var b = overview.ToScan(new PointD(cx + ux * half, cy + uy * half));
            found.Add((new Point2d(a.X, a.Y), new Point2d(b.X, b.Y)));
        }

        return found;
    }

    /// <summary>
    /// A straight line through most of the pixels: least squares, refitted twice on the pixels within
    /// <paramref name="tolerance"/>. Returns a point, the unit direction and the extent of the inliers
    /// along it, or null when fewer than half the pixels lie on one line or the inliers leave gaps
    /// (a line of separate characters is not a rule).
    /// </summary>
    private static (double X, double Y, double Ux, double Uy, double From, double To)? RobustLine(Point[] pixels, double tolerance)
    {
        if (pixels.Length < 10)
        {
            return null;
        }

        var inliers = new bool[pixels.Length];
        Array.Fill(inliers, true);
        double mx = 0, my = 0, ux = 1, uy = 0;
        for (int round = 0; round < 3; round++)
        {
            double n = 0, sx = 0, sy = 0;
            for (int k = 0; k < pixels.Length; k++)
            {
                if (inliers[k])
                {
                    n++;
                    sx += pixels[k].X;
                    sy += pixels[k].Y;
                }
            }

            if (n < 10)
            {
                return null;
            }

            mx = sx / n;
            my = sy / n;
            double cxx = 0, cxy = 0, cyy = 0;
            for (int k = 0; k < pixels.Length; k++)
            {
                if (inliers[k])
                {
                    double dx = pixels[k].X - mx, dy = pixels[k].Y - my;
                    cxx += dx * dx;
                    cxy += dx * dy;
                    cyy += dy * dy;
                }
            }

            double theta = 0.5 * Math.Atan2(2 * cxy, cxx - cyy);
            ux = Math.Cos(theta);
            uy = Math.Sin(theta);
            for (int k = 0; k < pixels.Length; k++)
            {
                double dx = pixels[k].X - mx, dy = pixels[k].Y - my;
                inliers[k] = Math.Abs(-dx * uy + dy * ux) <= tolerance;
            }
        }

        var along = new List<double>(pixels.Length);
        for (int k = 0; k < pixels.Length; k++)
        {
            if (inliers[k])
            {
                along.Add((pixels[k].X - mx) * ux + (pixels[k].Y - my) * uy);
            }
        }

        if (along.Count < pixels.Length / 2)
        {
            return null;
        }

        // The longest stretch without a gap wider than 3 mm (a seal or print over the rule may break it a little).
        along.Sort();
        double maxGap = 3.0 / OverviewMillimetresPerPixel;
        double bestFrom = along[0], bestTo = along[0], from = along[0];
        for (int k = 1; k < along.Count; k++)
        {
            if (along[k] - along[k - 1] > maxGap)
            {
                from = along[k];
            }

            if (along[k] - from > bestTo - bestFrom)
            {
                bestFrom = from;
                bestTo = along[k];
            }
        }

        return (mx, my, ux, uy, bestFrom, bestTo);
    }

    private void MarkRules(PixelBox region, double ratio, Mat occlusion)
    {
        int thickness = Math.Max(2, (int)Math.Ceiling(0.6 / (_scan.MillimetresPerPixel / ratio)));
        foreach ((Point2d a, Point2d b) in _rules)
        {
            var p = new Point((int)Math.Round((a.X - region.X + 0.5) * ratio - 0.5), (int)Math.Round((a.Y - region.Y + 0.5) * ratio - 0.5));
            var q = new Point((int)Math.Round((b.X - region.X + 0.5) * ratio - 0.5), (int)Math.Round((b.Y - region.Y + 0.5) * ratio - 0.5));
            occlusion.Line(p, q, Scalar.All(255), thickness);
        }
    }

    private void MarkOutside(PixelBox region, double ratio, Mat occlusion)
    {
        PixelBox inside = region.ClipTo(_scan.Width, _scan.Height);
        if (inside == region)
        {
            return;
        }

        int x0 = (int)Math.Floor((inside.X - region.X) * ratio), y0 = (int)Math.Floor((inside.Y - region.Y) * ratio);
        int x1 = (int)Math.Ceiling((inside.Right - region.X) * ratio), y1 = (int)Math.Ceiling((inside.Bottom - region.Y) * ratio);
        using var outside = new Mat(occlusion.Size(), MatType.CV_8UC1, Scalar.All(255));
        if (x1 > x0 && y1 > y0)
        {
            outside.Rectangle(new Rect(x0, y0, x1 - x0, y1 - y0), Scalar.All(0), -1);
        }

        Cv2.BitwiseOr(occlusion, outside, occlusion);
    }
}
