using OpenCvSharp;
using SealMatch.Engine.Geometry;
using SealMatch.Engine.Matching;
using SealMatch.Engine.Specimens;

namespace SealMatch.Engine.Registration;

/// <summary>
/// Registers an impression to a specimen: full 360° rotation, translation and ±5 % scale.
/// </summary>
/// <remarks>
/// Three stages, coarse to fine:
/// <list type="number">
/// <item>Rotation: polar signatures about candidate centres (outline centre, ink centroid) at three
/// scales are swept over all 360 one-degree rotations with a bit-packed popcount.</item>
/// <item>Translation: for the best rotation peaks, the specimen is placed over the impression at
/// 0.4 mm per pixel and every shift within ±5 mm is scored by bit-packed overlap with a one-pixel
/// tolerance; the best peak wins. This also absorbs a wrong centre from a partial impression.</item>
/// <item>Refinement: inverse-compositional Lucas–Kanade on blurred ink at 0.4 then 0.2 mm per pixel
/// over the four similarity parameters, ignoring unknown (occluded) pixels.</item>
/// </list>
/// </remarks>
internal static class SealRegistrar
{
    internal const double TranslationLevelMm = 0.4;
    private const double SearchRadiusMm = 5.0;
    private const double WideSearchRadiusMm = 8.0;
    private static readonly double[] Scales = [0.96, 1.0, 1.04];

    internal sealed record Result(Similarity Transform, double Overlap, double PolarScore);

    /// <summary>Registers <paramref name="impression"/> (canvas) to <paramref name="specimen"/> (canvas).</summary>
    public static Result Register(SpecimenFeatures specimen, CanonicalSeal impression)
    {
        long t0 = Profiling.Start();
        ImpressionData data = impression.Registration;
        BitMatrix impressionBits = data.CoarseBits;
        long impressionInk = data.CoarseInk;
        Size coarseSize = data.Coarse.Size();

        // 1. Rotation hypotheses from polar sweeps about the candidate centres, each placed by a
        //    translation search.
        IReadOnlyList<PointD> centres = data.Centres;
        List<Hypothesis> hypotheses = PolarHypotheses(specimen, data, centres);
        double bestPolar = hypotheses.Count == 0 ? 0 : hypotheses.Max(h => h.Score);
        // A square or rectangular frame matches at every quarter or half turn: keep more hypotheses.
        bool angular = specimen.Canvas.Outline.Shape is Localisation.SealShapeKind.Square or Localisation.SealShapeKind.Rectangle;
        var placed = new List<(Similarity Transform, double Overlap)>();
        Place(DistinctRotations(hypotheses, 10, angular ? 5 : 3));

        // 1b. Rotations from the Fourier magnitude, which ignores where the seal is: with part of the
        //     impression missing the outline centre can be millimetres off, and the polar view with it.
        if (placed.Count == 0 || placed.Max(p => p.Overlap) < 0.85)
        {
            long ts = Profiling.Start();
            foreach ((double degrees, double score) in SpectrumSignature.Rotations(specimen.Spectrum, data.Spectrum, 1))
            {
                foreach (double rotation in new[] { degrees, degrees + 180 })
                {
                    var guess = Similarity.FromPose(rotation, 1, specimen.Canvas.Centre, impression.Centre);
                    placed.Add(SearchTranslation(specimen, guess, impressionBits, impressionInk, coarseSize, WideSearchRadiusMm));
                    if (Diagnostics.Enabled)
                    {
                        Diagnostics.Log($"spectrum rot={rotation:F0} score={score:F3} -> overlap={placed[^1].Overlap:F3}");
                    }
                }
            }

            Profiling.Stop("register.spectrum", ts);
        }

        // 2. A wrong centre (a partial square seal) blurs the polar view: sweep again about where the
        //    best placements put the specimen's centre.
        var refinedCentres = placed.Max(p => p.Overlap) >= 0.85 ? [] : placed.OrderByDescending(p => p.Overlap).Take(2)
            .Select(p => p.Transform.MappedCentre)
            .Where(c => centres.All(k => k.DistanceTo(c) > 0.5 / CanonicalSeal.MillimetresPerPixel))
            .ToList();
        if (refinedCentres.Count > 0)
        {
            Place(DistinctRotations(PolarHypotheses(specimen, data, refinedCentres), 10, 2));
        }

        if (placed.Count == 0)
        {
            placed.Add((Similarity.FromPose(0, 1, specimen.Canvas.Centre, impression.Centre), 0));
        }

        Profiling.Stop("register.search", t0);
        t0 = Profiling.Start();

        // 3. Lucas–Kanade from the best placement of each distinct rotation; the best-correlating
        //    one is refined to the end.
        var starts = new List<(Similarity Transform, double Overlap)>();
        foreach (var p in placed.OrderByDescending(p => p.Overlap))
        {
            if (starts.All(s => AngleGap(s.Transform.RotationDeg, p.Transform.RotationDeg) >= 10) && starts.Count < (angular ? 4 : 2))
            {
                starts.Add(p);
            }
        }

        (Similarity refined, _) = LucasKanade.Refine(specimen, data.Pyramid, [.. starts.Select(p => p.Transform)]);
        Profiling.Stop("register.lk", t0);
        return new Result(refined, starts[0].Overlap, bestPolar);

        void Place(List<Hypothesis> chosen)
        {
            foreach (Hypothesis h in chosen)
            {
                var guess = Similarity.FromPose(h.Rotation, h.Scale, specimen.Canvas.Centre, h.Centre);
                placed.Add(SearchTranslation(specimen, guess, impressionBits, impressionInk, coarseSize));
                if (Diagnostics.Enabled)
                {
                    Diagnostics.Log($"hypothesis rot={h.Rotation:F0} scale={h.Scale:F2} centre=({h.Centre.X:F0},{h.Centre.Y:F0}) polar={h.Score:F3} -> overlap={placed[^1].Overlap:F3} t=({placed[^1].Transform.Tx:F0},{placed[^1].Transform.Ty:F0})");
                }
            }
        }
    }

    internal readonly record struct Hypothesis(double Rotation, double Scale, PointD Centre, double Score);

    private static List<Hypothesis> PolarHypotheses(SpecimenFeatures specimen, ImpressionData impression, IReadOnlyList<PointD> centres)
    {
        long tp = Profiling.Start();
        var hypotheses = new List<Hypothesis>();
        Span<int> scores = stackalloc int[PolarSignature.Columns];
        foreach (PointD centre in centres)
        {
            foreach (double scale in Scales)
            {
                PolarSignature polar = impression.Polar(centre, specimen.Polar.MaxRadius * scale);
                BitKernels.CircularAndPopCount(specimen.Polar.Bits, polar.Bits, PolarSignature.Columns, 1, 0, scores);
                double norm = Math.Sqrt(Math.Max(1, specimen.Polar.InkCount) * (double)Math.Max(1, polar.InkCount));
                foreach ((int shift, int count) in TopPeaks(scores, 3, 12))
                {
                    hypotheses.Add(new Hypothesis(shift * 360.0 / PolarSignature.Columns, scale, centre, count / norm));
                }
            }
        }

        Profiling.Stop("register.polar", tp);
        return hypotheses;
    }

    private static double AngleGap(double a, double b)
    {
        double d = Math.Abs(a - b) % 360;
        return Math.Min(d, 360 - d);
    }

    /// <summary>The best hypothesis of each distinct rotation (peaks closer than <paramref name="separationDeg"/> merge), strongest first.</summary>
    private static List<Hypothesis> DistinctRotations(List<Hypothesis> hypotheses, double separationDeg, int count)
    {
        var kept = new List<Hypothesis>();
        foreach (var h in hypotheses.OrderByDescending(h => h.Score))
        {
            bool near = kept.Any(k => AngleGap(k.Rotation, h.Rotation) < separationDeg);
            if (!near)
            {
                kept.Add(h);
                if (kept.Count == count)
                {
                    break;
                }
            }
        }

        return kept;
    }

    /// <summary>Where the impression's centre may be: its outline's centre, and its ink centroid when that is more than 1 mm away.</summary>
    internal static List<PointD> CentreCandidates(CanonicalSeal impression)
    {
        var candidates = new List<PointD> { impression.Centre };
        using var inkOnly = new Mat();
        Cv2.Threshold(impression.Strength, inkOnly, 90, 255, ThresholdTypes.Binary);
        Moments m = Cv2.Moments(inkOnly, binaryImage: true);
        if (m.M00 > 100)
        {
            var centroid = new PointD(m.M10 / m.M00, m.M01 / m.M00);
            if (centroid.DistanceTo(impression.Centre) > 1.0 / CanonicalSeal.MillimetresPerPixel)
            {
                candidates.Add(centroid);
            }
        }

        return candidates;
    }

    /// <summary>Up to <paramref name="count"/> circular local maxima at least <paramref name="separation"/> apart.</summary>
    internal static List<(int Shift, int Count)> TopPeaks(ReadOnlySpan<int> scores, int count, int separation)
    {
        var order = new int[scores.Length];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        int[] copy = scores.ToArray();
        Array.Sort(order, (x, y) => copy[y].CompareTo(copy[x]));
        var peaks = new List<(int, int)>(count);
        foreach (int i in order)
        {
            bool near = peaks.Any(p =>
            {
                int d = Math.Abs(p.Item1 - i);
                return Math.Min(d, copy.Length - d) < separation;
            });
            if (!near)
            {
                peaks.Add((i, copy[i]));
                if (peaks.Count == count)
                {
                    break;
                }
            }
        }

        return peaks;
    }

    private static (Similarity Placed, double Overlap) SearchTranslation(
        SpecimenFeatures specimen, Similarity guess, BitMatrix impressionBits, long impressionInk, Size coarseSize, double radiusMm = SearchRadiusMm)
    {
        long tt = Profiling.Start();
        double f = CanonicalSeal.MillimetresPerPixel / TranslationLevelMm;
        Similarity coarse = guess.AtScale(f);
        using Mat toImpression = coarse.ToMat();
        using var placed = new Mat();
        Cv2.WarpAffine(specimen.Coarse, placed, toImpression, coarseSize, InterpolationFlags.Linear, BorderTypes.Constant, Scalar.All(0));
        BitMatrix specimenBits = Comparison.Bits.FromMat(placed, Comparison.SealComparer.InkThreshold).Dilate(1);
        long specimenInk = Math.Max(1, specimen.CoarseInkCount);

        int reach = (int)Math.Round(radiusMm / TranslationLevelMm);
        int side = 2 * reach + 1;
        var counts = new int[side * side];
        impressionBits.OverlapAtOffsets(specimenBits, reach, reach, counts);
        int bestIndex = 0;
        for (int i = 1; i < counts.Length; i++)
        {
            // Prefer the smaller shift on ties (the centre estimate is usually right).
            if (counts[i] > counts[bestIndex] || (counts[i] == counts[bestIndex] && Offset(i) < Offset(bestIndex)))
            {
                bestIndex = i;
            }
        }

        int dx = bestIndex % side - reach, dy = bestIndex / side - reach;
        double overlap = counts[bestIndex] / Math.Sqrt(impressionInk * (double)specimenInk);
        var shifted = guess with { Tx = guess.Tx + dx / f, Ty = guess.Ty + dy / f };
        Profiling.Stop(radiusMm > SearchRadiusMm ? "register.translate.wide" : "register.translate", tt);
        return (shifted, overlap);

        int Offset(int index) => Math.Abs(index % side - reach) + Math.Abs(index / side - reach);
    }

    internal static Mat Downsample(Mat source, double factor)
    {
        var size = new Size(Math.Max(1, (int)Math.Round(source.Cols * factor)), Math.Max(1, (int)Math.Round(source.Rows * factor)));
        return Imaging.Resampling.Shrink(source, size);
    }

}
