using OpenCvSharp;
using SealMatch.Engine.Geometry;
using SealMatch.Engine.Imaging;

namespace SealMatch.Engine.Localisation;

/// <summary>
/// Generic seal detector: finds round, oval, square and rectangular impressions of 10–60 mm on a
/// scan from the seal-ink layer, including touching or overlapping pairs and partial or faint
/// impressions.
/// </summary>
/// <remarks>
/// Works at <see cref="WorkingMillimetresPerPixel"/>: ink is thresholded, strokes are closed into
/// solid blobs, holes are filled, and each blob's outer contour gets a RANSAC outline fit. Ink that
/// the outline does not explain is cut away and fitted again, which separates touching seals.
/// Candidates must show ink along most of their outline (a border) and plausible size and density;
/// red print such as a title line has no border and is dropped.
/// </remarks>
public sealed class SealDetector
{
    /// <summary>Scale of the detection overview.</summary>
    public const double WorkingMillimetresPerPixel = 0.25;

    private const double MinSealMm = 9.0;
    private const double MaxSealMm = 66.0;

    /// <summary>Ink strength (0..255) above which a pixel is treated as seal ink during detection.</summary>
    public byte InkThreshold { get; init; } = 40;

    /// <summary>Candidates with less confidence than this are not reported.</summary>
    public double MinConfidence { get; init; } = 0.45;

    /// <summary>Finds the seal impressions in a scan.</summary>
    public IReadOnlyList<DetectedSeal> Detect(InkSeparation separation)
    {
        ArgumentNullException.ThrowIfNull(separation);
        using InkLayer overview = separation.Overview(WorkingMillimetresPerPixel);
        return Detect(overview, separation.Ink);
    }

    /// <summary>Finds the seal impressions in an ink overview (any scale).</summary>
    internal IReadOnlyList<DetectedSeal> Detect(InkLayer overview, InkColour ink)
    {
        double mm = overview.MillimetresPerPixel;
        using Mat inkMask = InkMask(overview);
        using Mat blobs = SolidBlobs(inkMask, mm);
        Diagnostics.Dump("detect-strength", overview.Strength);
        Diagnostics.Dump("detect-occlusion", overview.Occlusion);
        Diagnostics.Dump("detect-blobs", blobs);

        var found = new List<DetectedSeal>();
        using var labels = new Mat();
        using var stats = new Mat();
        using var centroids = new Mat();
        int count = Cv2.ConnectedComponentsWithStats(blobs, labels, stats, centroids, PixelConnectivity.Connectivity8);
        double minArea = Math.PI * Math.Pow(MinSealMm / 2 / mm, 2) * 0.5;
        for (int label = 1; label < count; label++)
        {
            if (stats.At<int>(label, (int)ConnectedComponentsTypes.Area) < minArea)
            {
                continue;
            }

            var rect = new Rect(
                stats.At<int>(label, 0), stats.At<int>(label, 1), stats.At<int>(label, 2), stats.At<int>(label, 3));

            // Too small to hold a seal in either direction: nothing to fit.
            if (Math.Max(rect.Width, rect.Height) * mm < MinSealMm)
            {
                continue;
            }
            using var labelRoi = new Mat(labels, rect);
            using var component = new Mat();
            Cv2.Compare(labelRoi, new Scalar(label), component, CmpTypes.EQ);
            using var inkRoi = new Mat(inkMask, rect);
            foreach (SealOutline outline in SplitIntoOutlines(component, inkRoi, mm, depth: 0, excluded: []))
            {
                SealOutline inOverview = outline.Scaled(1, new PointD(rect.X, rect.Y));
                if (Math.Min(inOverview.Width, inOverview.Height) * mm < MinSealMm)
                {
                    continue;
                }

                (double support, double continuous) = BorderSupport(inkMask, inOverview, mm);
                double density = InkDensity(inkMask, inOverview);
                double confidence = Math.Clamp(0.35 * support + 0.4 * continuous + 0.25 * Math.Min(1, density / 0.15), 0, 1);
                if (Diagnostics.Enabled)
                {
                    PointD c = overview.ToScan(inOverview.Centre);
                    Diagnostics.Log($"candidate {inOverview.Shape} {inOverview.Width * mm:F1}x{inOverview.Height * mm:F1} at ({c.X:F0},{c.Y:F0}) support={support:F2} continuous={continuous:F2} density={density:F2} confidence={confidence:F2}");
                }

                if (support < 0.4 || continuous < 0.3 || density < 0.04 || confidence < MinConfidence)
                {
                    continue;
                }

                found.Add(ToScan(overview, inOverview, ink, confidence, DetectionSource.Generic));
            }
        }

        return SuppressDuplicates(found);
    }

    /// <summary>Converts an outline in an ink layer's pixels into a detection in scan pixels.</summary>
    internal static DetectedSeal ToScan(InkLayer layer, SealOutline outline, InkColour ink, double confidence, DetectionSource source, int? guidedBy = null)
    {
        double factor = layer.MillimetresPerPixel / layer.SourceMillimetresPerPixel;
        PointD centre = layer.ToScan(outline.Centre);
        var scanOutline = outline with { Centre = centre, Width = outline.Width * factor, Height = outline.Height * factor };
        return new DetectedSeal(
            scanOutline.BoundingBox(),
            scanOutline,
            outline.Width * layer.MillimetresPerPixel,
            outline.Height * layer.MillimetresPerPixel,
            ink,
            confidence,
            source,
            guidedBy);
    }

    /// <summary>
    /// Seal ink with hysteresis: pixels above <see cref="InkThreshold"/>, plus fainter pixels (down
    /// to 60 % of it) connected to them, so a faint broken ring stays one line. Unknown pixels
    /// (print, rules in the seal's colour) are left out.
    /// </summary>
    private Mat InkMask(InkLayer overview)
    {
        using var strong = new Mat();
        using var weak = new Mat();
        Cv2.Threshold(overview.Strength, strong, InkThreshold, 255, ThresholdTypes.Binary);
        Cv2.Threshold(overview.Strength, weak, InkThreshold * 0.6, 255, ThresholdTypes.Binary);
        using var known = new Mat();
        Cv2.BitwiseNot(overview.Occlusion, known);
        Cv2.BitwiseAnd(weak, known, weak);
        using var labels = new Mat();
        int count = Cv2.ConnectedComponents(weak, labels, PixelConnectivity.Connectivity8);
        var keep = new bool[count];
        ReadOnlySpan<int> l = labels.AsSpan<int>();
        ReadOnlySpan<byte> st = strong.AsSpan<byte>();
        for (int i = 0; i < l.Length; i++)
        {
            if (st[i] != 0)
            {
                keep[l[i]] = true;
            }
        }

        var mask = new Mat(weak.Size(), MatType.CV_8UC1, Scalar.All(0));
        Span<byte> m = mask.AsSpan<byte>();
        for (int i = 0; i < l.Length; i++)
        {
            if (l[i] != 0 && keep[l[i]])
            {
                m[i] = 255;
            }
        }

        return mask;
    }

    /// <summary>Removes lower-confidence detections that describe the same impression.</summary>
    internal static List<DetectedSeal> SuppressDuplicates(List<DetectedSeal> detections)
    {
        var kept = new List<DetectedSeal>();
        foreach (DetectedSeal d in detections.OrderByDescending(d => d.Confidence))
        {
            bool duplicate = kept.Any(k =>
                k.Centre.DistanceTo(d.Centre) < 0.35 * Math.Min(Math.Min(k.Outline.Width, k.Outline.Height), Math.Min(d.Outline.Width, d.Outline.Height))
                || k.Box.IntersectionOverUnion(d.Box) > 0.6);
            if (!duplicate)
            {
                kept.Add(d);
            }
        }

        return kept;
    }

    /// <summary>Ink strokes closed into solid blobs with holes filled.</summary>
    private static Mat SolidBlobs(Mat inkMask, double mm)
    {
        // Close gaps in strokes and broken rings; seals that end up joined are split again later.
        int closeRadius = Math.Max(1, (int)Math.Round(1.5 / mm));
        using var closeKernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(2 * closeRadius + 1, 2 * closeRadius + 1));
        using var closed = new Mat();
        Cv2.MorphologyEx(inkMask, closed, MorphTypes.Close, closeKernel, borderType: BorderTypes.Constant, borderValue: Scalar.All(0));

        // Only specks go: a faint ring may be a line one or two pixels wide and must stay.
        Mat filled = FillHoles(closed);
        RemoveSpecks(filled, (int)Math.Ceiling(1.0 / (mm * mm)));
        return filled;
    }

    /// <summary>Clears connected pieces smaller than <paramref name="minPixels"/>.</summary>
    private static void RemoveSpecks(Mat mask, int minPixels)
    {
        using var labels = new Mat();
        using var stats = new Mat();
        using var centroids = new Mat();
        int count = Cv2.ConnectedComponentsWithStats(mask, labels, stats, centroids, PixelConnectivity.Connectivity8);
        var small = new bool[count];
        bool any = false;
        for (int i = 1; i < count; i++)
        {
            small[i] = stats.At<int>(i, (int)ConnectedComponentsTypes.Area) < minPixels;
            any |= small[i];
        }

        if (!any)
        {
            return;
        }

        ReadOnlySpan<int> l = labels.AsSpan<int>();
        Span<byte> m = mask.AsSpan<byte>();
        for (int i = 0; i < m.Length; i++)
        {
            if (small[l[i]])
            {
                m[i] = 0;
            }
        }
    }

    /// <summary>Fills the holes of a binary mask (pixels not reachable from the border through background).</summary>
    internal static Mat FillHoles(Mat mask)
    {
        using var padded = new Mat();
        Cv2.CopyMakeBorder(mask, padded, 1, 1, 1, 1, BorderTypes.Constant, Scalar.All(0));
        using var flood = padded.Clone();
        Cv2.FloodFill(flood, new Point(0, 0), Scalar.All(255));
        using var holes = new Mat();
        Cv2.BitwiseNot(flood, holes);
        using var result = new Mat();
        Cv2.BitwiseOr(padded, holes, result);
        return new Mat(result, new Rect(1, 1, mask.Cols, mask.Rows)).Clone();
    }

    /// <summary>
    /// Fits outlines to a blob, cutting away each fitted outline and fitting the rest again, so that
    /// touching or overlapping seals come out separately.
    /// </summary>
    private static List<SealOutline> SplitIntoOutlines(Mat blob, Mat ink, double mm, int depth, List<SealOutline> excluded)
    {
        var result = new List<SealOutline>();
        Point2f[] contour = OuterContour(blob);
        double tolerance = Math.Max(1.5, 0.6 / mm);

        // Contour points on the boundary of an outline already cut away belong to that seal.
        Point2f[] usable = excluded.Count == 0 ? contour : contour.Where(p => excluded.All(e => e.DistanceToBoundary(new PointD(p.X, p.Y)) > 1.5 * tolerance)).ToArray();
        if (usable.Length < 20)
        {
            return result;
        }

        // Among the outline hypotheses that explain enough of the blob's hull, take the one whose
        // border is best covered by ink: where two seals touch, a large ellipse around both explains
        // the hull, but only the true outline of one of them runs along a ring of ink.
        OutlineFitter.Fit? best = null;
        double bestScore = double.NegativeInfinity;
        using var nonZero = new Mat();
        Cv2.FindNonZero(blob, nonZero);
        nonZero.GetArray(out Point[] pixels);
        List<OutlineFitter.Fit> candidates = OutlineFitter.Candidates(usable, tolerance, MinSealMm / mm, MaxSealMm / mm);
        candidates.AddRange(OutlineFitter.EdgeRectangles(usable, pixels, tolerance, MinSealMm / mm, MaxSealMm / mm));
        foreach (OutlineFitter.Fit candidate in candidates)
        {
            if (candidate.InlierFraction < 0.25)
            {
                continue;
            }

            (double support, double continuous) = BorderSupport(ink, candidate.Outline, mm);
            double score = 0.5 * continuous + 0.2 * support + 0.3 * candidate.InlierFraction;
            if (score > bestScore + 0.02 || (score > bestScore - 0.02 && best is { } b && Simpler(candidate.Outline, b.Outline)))
            {
                bestScore = Math.Max(score, bestScore);
                best = candidate;
            }
        }

        if (Diagnostics.Enabled)
        {
            Diagnostics.Dump($"split-depth{depth}", blob);
            Diagnostics.Log($"split depth {depth}: {usable.Length} hull points, fit {best?.Outline.Shape} {best?.Outline.Width * mm:F1}x{best?.Outline.Height * mm:F1} inliers {best?.InlierFraction:F2} score {bestScore:F2}");
        }

        if (best is not { } fit)
        {
            return result;
        }

        result.Add(fit.Outline);
        if (depth >= 3)
        {
            return result;
        }

        // Whatever the outline does not cover is fitted again if it is large enough to be a seal.
        using var remainder = blob.Clone();
        DrawFilled(remainder, fit.Outline, 0, growBy: 1.0 / mm);

        // Only specks go: the remainder may be the thin ring of a faint seal.
        RemoveSpecks(remainder, (int)Math.Ceiling(2.0 / (mm * mm)));
        double minArea = Math.PI * Math.Pow(MinSealMm / 2 / mm, 2) * 0.4;
        if (Cv2.CountNonZero(remainder) >= minArea)
        {
            result.AddRange(SplitIntoOutlines(remainder, ink, mm, depth + 1, [.. excluded, fit.Outline]));
        }

        return result;
    }

    /// <summary>
    /// The convex hull of the blob, sampled every pixel along its edges. The hull
    /// bridges a broken ring or a missing side, so the arc that remains dominates the outline fit, and
    /// the inner edges of a C-shaped partial impression never compete with its outer edge.
    /// </summary>
    /// <summary>A circle is simpler than an ellipse, which is simpler than a rectangle (for ties).</summary>
    private static bool Simpler(SealOutline a, SealOutline b) => Rank(a.Shape) < Rank(b.Shape);

    private static int Rank(SealShapeKind shape) => shape switch
    {
        SealShapeKind.Round => 0,
        SealShapeKind.Oval => 1,
        _ => 2,
    };

    private static Point2f[] OuterContour(Mat blob)
    {
        // All of the blob's pixels: after a fitted seal is cut away, what remains of a faint ring may be in pieces.
        using var nonZero = new Mat();
        Cv2.FindNonZero(blob, nonZero);
        if (nonZero.Rows < 3)
        {
            return [];
        }

        nonZero.GetArray(out Point[] largest);
        Point[] hull = Cv2.ConvexHull(largest);
        var dense = new List<Point2f>();
        for (int i = 0; i < hull.Length; i++)
        {
            Point a = hull[i], b = hull[(i + 1) % hull.Length];
            double length = Math.Sqrt((double)(b.X - a.X) * (b.X - a.X) + (double)(b.Y - a.Y) * (b.Y - a.Y));
            int steps = Math.Max(1, (int)Math.Ceiling(length));
            for (int k = 0; k < steps; k++)
            {
                double t = k / (double)steps;
                dense.Add(new Point2f((float)(a.X + t * (b.X - a.X)), (float)(a.Y + t * (b.Y - a.Y))));
            }
        }

        int step = Math.Max(1, dense.Count / 600);
        var points = new List<Point2f>(dense.Count / step + 1);
        for (int i = 0; i < dense.Count; i += step)
        {
            points.Add(dense[i]);
        }

        return [.. points];
    }

    /// <summary>Draws an outline filled (optionally grown by some pixels) with the given value.</summary>
    internal static void DrawFilled(Mat image, SealOutline outline, double value, double growBy = 0)
    {
        var size = new Size2f((float)(outline.Width + 2 * growBy), (float)(outline.Height + 2 * growBy));
        var centre = new Point2f((float)outline.Centre.X, (float)outline.Centre.Y);
        if (outline.Shape is SealShapeKind.Round or SealShapeKind.Oval)
        {
            image.Ellipse(new RotatedRect(centre, size, (float)-outline.AngleDeg), Scalar.All(value), -1);
        }
        else
        {
            Point2f[] corners = new RotatedRect(centre, size, (float)-outline.AngleDeg).Points();
            image.FillConvexPoly(corners.Select(p => new Point((int)Math.Round(p.X), (int)Math.Round(p.Y))), Scalar.All(value));
        }
    }

    /// <summary>
    /// Border evidence: the fraction of points along the outline with ink within about 0.75 mm, and
    /// the fraction lying in long unbroken runs (at least 5 % of the perimeter). A seal's ring or
    /// frame is a continuous line, even where part of the impression is missing; a line of printed
    /// characters only touches its fitted outline here and there.
    /// </summary>
    private static (double Support, double Continuous) BorderSupport(Mat inkMask, SealOutline outline, double mm)
    {
        const int Samples = 180;
        const int MinRun = 9;
        int reach = Math.Max(1, (int)Math.Round(0.5 / mm));
        var hit = new bool[Samples];
        var image = new ByteImage(inkMask);
        double t = outline.AngleDeg * Math.PI / 180;
        double cos = Math.Cos(t), sin = Math.Sin(t);
        for (int i = 0; i < Samples; i++)
        {
            (double lx, double ly) = BoundaryPoint(outline, i / (double)Samples);
            int cx = (int)Math.Round(outline.Centre.X + lx * cos + ly * sin);
            int cy = (int)Math.Round(outline.Centre.Y - lx * sin + ly * cos);
            hit[i] = cx >= 0 && cy >= 0 && cx < image.Width && cy < image.Height && image.AnyAround(cx, cy, reach);
        }

        int hits = hit.Count(h => h);
        if (hits == Samples)
        {
            return (1, 1);
        }

        // Runs around the closed outline: start just after a miss.
        int start = Array.IndexOf(hit, false);
        int inRuns = 0, run = 0;
        for (int k = 1; k <= Samples; k++)
        {
            if (hit[(start + k) % Samples])
            {
                run++;
            }
            else
            {
                inRuns += run >= MinRun ? run : 0;
                run = 0;
            }
        }

        return (hits / (double)Samples, inRuns / (double)Samples);
    }

    /// <summary>A point on the outline in its own frame, parameterised by u in [0, 1).</summary>
    private static (double X, double Y) BoundaryPoint(SealOutline outline, double u)
    {
        double a = outline.Width / 2, b = outline.Height / 2;
        if (outline.Shape is SealShapeKind.Round or SealShapeKind.Oval)
        {
            double phi = u * 2 * Math.PI;
            return (a * Math.Cos(phi), b * Math.Sin(phi));
        }

        double perimeter = 4 * (a + b);
        double s = u * perimeter;
        if (s < 2 * a)
        {
            return (-a + s, -b);
        }

        s -= 2 * a;
        if (s < 2 * b)
        {
            return (a, -b + s);
        }

        s -= 2 * b;
        return s < 2 * a ? (a - s, b) : (-a, b - (s - 2 * a));
    }

    /// <summary>Fraction of the outline's area (inside the image) that holds ink.</summary>
    private static double InkDensity(Mat inkMask, SealOutline outline)
    {
        PixelBox box = outline.BoundingBox().ClipTo(inkMask.Cols, inkMask.Rows);
        if (box.Width <= 0 || box.Height <= 0)
        {
            return 0;
        }

        using var roi = new Mat(inkMask, new Rect(box.X, box.Y, box.Width, box.Height));
        using var shape = new Mat(roi.Size(), MatType.CV_8UC1, Scalar.All(0));
        DrawFilled(shape, outline with { Centre = new PointD(outline.Centre.X - box.X, outline.Centre.Y - box.Y) }, 255);
        int area = Cv2.CountNonZero(shape);
        if (area == 0)
        {
            return 0;
        }

        using var both = new Mat();
        Cv2.BitwiseAnd(shape, roi, both);
        return Cv2.CountNonZero(both) / (double)area;
    }
}
