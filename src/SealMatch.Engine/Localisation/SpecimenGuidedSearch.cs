using OpenCvSharp;
using SealMatch.Engine.Geometry;
using SealMatch.Engine.Imaging;
using SealMatch.Engine.Specimens;

namespace SealMatch.Engine.Localisation;

/// <summary>
/// Searches a slip directly for each expected specimen, so that an impression the generic detector
/// misses (faint, broken border, borderless name seal, heavily overprinted) is still found.
/// </summary>
/// <remarks>
/// Each specimen is reduced to its rotational average (ink as a function of distance from the
/// centre), which does not change when the seal turns. Normalised cross-correlation of that
/// template with the slip's ink overview peaks where an impression of the specimen's size and
/// radial layout lies, whatever its rotation and ink strength. Peaks are only candidates: the
/// verifier keeps them when registration against the specimen confirms them.
/// </remarks>
internal static class SpecimenGuidedSearch
{
    public const double WorkingMillimetresPerPixel = 0.5;
    private const double MinCorrelation = 0.20;

    /// <summary>Least contrast under a peak's window, as a fraction of the template's (see <see cref="ContrastShare"/>).</summary>
    private const double MinContrastShare = 0.3;

    public static List<DetectedSeal> Search(InkLayer overview, IReadOnlyList<SealTemplate> specimens, IReadOnlyList<DetectedSeal> known, InkColour ink)
    {
        var found = new List<DetectedSeal>();
        double factor = overview.MillimetresPerPixel / WorkingMillimetresPerPixel;
        using Mat small = Resampling.Shrink(overview.Strength, new Size(Math.Max(1, (int)Math.Round(overview.Width * factor)), Math.Max(1, (int)Math.Round(overview.Height * factor))));
        using var image = new Mat();
        small.ConvertTo(image, MatType.CV_32F);
        double scanMm = overview.SourceMillimetresPerPixel;

        if (specimens.Count == 0)
        {
            return found;
        }

        // The slip is padded with empty paper by half of each template: a seal stamped over the slip's
        // edge (its centre up to the edge itself) is searched for too. Without the padding the template
        // had to lie wholly inside the slip, and such impressions were never found. The slip is padded
        // once, for the largest template; each specimen searches a view of it padded by its own half.
        Mat[] templates = [.. specimens.Select(RadialTemplate)];
        int widest = templates.Max(t => t.Cols / 2);
        using var paddedForAll = new Mat();
        Cv2.CopyMakeBorder(image, paddedForAll, widest, widest, widest, widest, BorderTypes.Constant, Scalar.All(0));
        for (int index = 0; index < specimens.Count; index++)
        {
            SealTemplate specimen = specimens[index];
            using Mat template = templates[index];
            int half = template.Cols / 2, pad = half;
            using var padded = new Mat(paddedForAll, new Rect(widest - pad, widest - pad, image.Cols + 2 * pad, image.Rows + 2 * pad));
            if (template.Cols >= padded.Cols || template.Rows >= padded.Rows)
            {
                continue;
            }

            using var response = new Mat();
            Cv2.MatchTemplate(padded, template, response, TemplateMatchModes.CCoeffNormed);
            Cv2.MeanStdDev(template, out _, out Scalar templateDeviation);
            double templateContrast = templateDeviation.Val0;
            foreach (Point peak in Peaks(response, MinCorrelation, half, p => ContrastShare(padded, template, templateContrast, p) >= MinContrastShare))
            {
                // Centre of the template window, in overview pixels then scan pixels.
                var centreSmall = new PointD(peak.X - pad + (template.Cols - 1) / 2.0, peak.Y - pad + (template.Rows - 1) / 2.0);
                var centreOverview = new PointD((centreSmall.X + 0.5) / factor - 0.5, (centreSmall.Y + 0.5) / factor - 0.5);
                PointD centreScan = overview.ToScan(centreOverview);
                // A generic detection already at this spot with this specimen's size makes the search redundant.
                double specimenSize = Math.Max(specimen.WidthMm, specimen.HeightMm);
                if (known.Any(k => k.Centre.DistanceTo(centreScan) * scanMm < 1.5 && Math.Abs(Math.Max(k.WidthMm, k.HeightMm) / specimenSize - 1) < 0.15)
                    || found.Any(f => f.GuidedBy == index && f.Centre.DistanceTo(centreScan) * scanMm < 0.4 * specimenSize))
                {
                    continue;
                }

                float score = response.At<float>(peak.Y, peak.X);
                if (Diagnostics.Enabled)
                {
                    Diagnostics.Log($"guided specimen {index} peak at ({centreScan.X:F0},{centreScan.Y:F0}) ncc={score:F2} contrast={ContrastShare(padded, template, templateContrast, peak):F2}");
                }

                found.Add(Candidate(specimen, index, centreScan, scanMm, ink, Math.Clamp(score, 0, 1)));
            }
        }

        return found;
    }

    /// <summary>
    /// A candidate for <paramref name="specimen"/> centred at <paramref name="centreScan"/> (scan
    /// pixels). The orientation is unknown until registration: a round outline over the specimen's
    /// diagonal (a round one's diameter) covers it at any angle.
    /// </summary>
    internal static DetectedSeal Candidate(SealTemplate specimen, int index, PointD centreScan, double scanMm, InkColour ink, double confidence)
    {
        double across = specimen.Shape == SealShapeKind.Round ? specimen.WidthMm : Math.Sqrt((specimen.WidthMm * specimen.WidthMm) + (specimen.HeightMm * specimen.HeightMm));
        var outline = new SealOutline(SealShapeKind.Round, centreScan, across / scanMm, across / scanMm, 0);
        return new DetectedSeal(outline.BoundingBox(), outline, across, across, ink, confidence, DetectionSource.SpecimenGuided, index);
    }

    /// <summary>The specimen's rotational average at the working scale (float).</summary>
    internal static Mat RadialTemplate(SealTemplate specimen)
    {
        CanonicalSeal canvas = specimen.Canvas;
        double f = CanonicalSeal.MillimetresPerPixel / WorkingMillimetresPerPixel;
        double radiusCanvas = 0.5 * Math.Sqrt(canvas.Outline.Width * canvas.Outline.Width + canvas.Outline.Height * canvas.Outline.Height) + 5;
        int bins = Math.Max(4, (int)Math.Ceiling(radiusCanvas * f));
        using var polar = new Mat();

        // The radius reaches past the canvas's sides: WarpFillOutliers makes those cells 0 (no ink);
        // without it warpPolar leaves them unwritten and they hold whatever the new Mat's memory held.
        Cv2.WarpPolar(canvas.Strength, polar, new Size(bins, 360), new Point2f((float)canvas.Centre.X, (float)canvas.Centre.Y), bins / f,
            InterpolationFlags.Linear | InterpolationFlags.WarpFillOutliers, WarpPolarMode.Linear);
        using var profileMat = new Mat();
        Cv2.Reduce(polar, profileMat, ReduceDimension.Row, ReduceTypes.Avg, MatType.CV_32F);
        profileMat.GetArray(out float[] profile);

        int side = 2 * bins + 1;
        var pixels = new float[side * side];
        for (int y = 0; y < side; y++)
        {
            for (int x = 0; x < side; x++)
            {
                double r = Math.Sqrt((x - bins) * (x - bins) + (y - bins) * (y - bins));
                int j = (int)r;
                pixels[y * side + x] = j < bins - 1 ? (float)(profile[j] + (r - j) * (profile[j + 1] - profile[j])) : 0f;
            }
        }

        return Mat.FromPixelData(side, side, MatType.CV_32FC1, pixels).Clone();
    }

    /// <summary>
    /// The contrast of the slip under the template window at <paramref name="topLeft"/> (standard
    /// deviation of ink strength), as a fraction of the template's own. An impression, even faint
    /// and a third missing, is strokes on paper, more contrasted than the template (a rotational
    /// average); where the window hangs off a corner of the slip, the step from the padding to the
    /// slip's even security tint correlates with the template's profile now and then, but has hardly
    /// any contrast.
    /// </summary>
    private static double ContrastShare(Mat padded, Mat template, double templateContrast, Point topLeft)
    {
        using var window = new Mat(padded, new Rect(topLeft.X, topLeft.Y, template.Cols, template.Rows));
        Cv2.MeanStdDev(window, out _, out Scalar deviation);
        return templateContrast <= 0 ? 0 : deviation.Val0 / templateContrast;
    }

    /// <summary>
    /// The strongest (at most three) local maxima of the correlation at or above
    /// <paramref name="threshold"/> that <paramref name="accept"/> admits, at least
    /// <paramref name="separation"/> apart.
    /// </summary>
    private static List<Point> Peaks(Mat response, double threshold, int separation, Func<Point, bool> accept)
    {
        var peaks = new List<(Point P, float V)>();
        using var dilated = new Mat();
        using var kernel = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(2 * separation + 1, 2 * separation + 1));
        Cv2.Dilate(response, dilated, kernel);
        response.GetArray(out float[] values);
        dilated.GetArray(out float[] maxima);
        int w = response.Cols;
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] >= threshold && values[i] >= maxima[i] && accept(new Point(i % w, i / w)))
            {
                peaks.Add((new Point(i % w, i / w), values[i]));
            }
        }

        return peaks.OrderByDescending(p => p.V).Take(3).Select(p => p.P).ToList();
    }
}
