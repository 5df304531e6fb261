using OpenCvSharp;
using SealMatch.Engine.Matching;
using SealMatch.Engine.Registration;
using SealMatch.Engine.Specimens;

namespace SealMatch.Engine.Comparison;

/// <summary>
/// Compares a registered impression with a specimen in the specimen's canonical frame and measures
/// what examiners look at: gained versus lost ink (asymmetrically), local displacements, coverage
/// and the ink character of the impression.
/// </summary>
internal static class SealComparer
{
    /// <summary>Strength above which a canonical pixel counts as ink.</summary>
    internal const byte InkThreshold = 90;

    /// <summary>Near tolerance: 0.2 mm.</summary>
    internal const int NearPixels = 2;

    /// <summary>Far tolerance: 0.4 mm.</summary>
    internal const int FarPixels = 4;

    /// <summary>The seal's domain is its outline grown by this margin.</summary>
    internal const double DomainMarginMm = 1.5;

    private const double PixelAreaMm2 = CanonicalSeal.MillimetresPerPixel * CanonicalSeal.MillimetresPerPixel;

    /// <summary>The measurements plus the aligned images the difference picture is drawn from.</summary>
    internal sealed class Outcome : IDisposable
    {
        public required ComparisonMeasurements Measurements { get; init; }

        /// <summary>Impression strength warped into the specimen canvas.</summary>
        public required Mat WarpedImpression { get; init; }

        /// <summary>255 where both are observed inside the seal domain.</summary>
        public required Mat Observed { get; init; }

        public void Dispose()
        {
            WarpedImpression.Dispose();
            Observed.Dispose();
        }
    }

    public static Outcome Compare(SpecimenFeatures specimen, CanonicalSeal impression, SealRegistrar.Result registration)
    {
        long t0 = Profiling.Start();
        CanonicalSeal s = specimen.Canvas;
        var size = new Size(s.Width, s.Height);
        using Mat toImpression = registration.Transform.ToMat();
        var warped = new Mat();
        Cv2.WarpAffine(impression.Strength, warped, toImpression, size, InterpolationFlags.Linear | InterpolationFlags.WarpInverseMap, BorderTypes.Constant, Scalar.All(0));
        var observed = new Mat();
        Cv2.WarpAffine(impression.Valid, observed, toImpression, size, InterpolationFlags.Nearest | InterpolationFlags.WarpInverseMap, BorderTypes.Constant, Scalar.All(0));
        Cv2.BitwiseAnd(observed, specimen.Known, observed);
        Profiling.Stop("compare.warp", t0);
        t0 = Profiling.Start();

        BitMatrix iInk = Bits.FromMat(warped, InkThreshold);
        BitMatrix seen = Bits.FromMat(observed, 127);
        int w = s.Width, h = s.Height;
        var sSeen = new BitMatrix(w, h);
        specimen.Ink.AndInto(seen, sSeen);
        var iSeen = new BitMatrix(w, h);
        iInk.AndInto(seen, iSeen);
        BitMatrix iNear = iInk.Dilate(NearPixels);

        double iCount = Math.Max(1, iSeen.PopCount()), sCount = Math.Max(1, sSeen.PopCount());
        var gained = new BitMatrix(w, h);
        iSeen.AndNotInto(specimen.InkNear, gained);
        var lost = new BitMatrix(w, h);
        sSeen.AndNotInto(iNear, lost);

        // Lost ink with gained ink within 1 mm: a stroke that moved rather than faded (fading and
        // missing parts lose ink without gaining any next to it).
        var displacedLoss = new BitMatrix(w, h);
        lost.AndInto(gained.Dilate(10), displacedLoss);
        Profiling.Stop("compare.bits", t0);
        t0 = Profiling.Start();

        (double maxShift, double medianShift) = LocalShifts(specimen.Shift, warped, observed);
        Profiling.Stop("compare.localshift", t0);
        t0 = Profiling.Start();

        InkCharacter ink = impression.Ink;
        var m = new ComparisonMeasurements
        {
            GainNear = gained.PopCount() / iCount,
            GainFar = iSeen.CountAndNot(specimen.InkFar) / iCount,
            LossNear = lost.PopCount() / sCount,
            LossFar = sSeen.CountAndNot(iInk.Dilate(FarPixels)) / sCount,
            LargestGainMm2 = LargestComponent(gained) * PixelAreaMm2,
            LargestDisplacedLossMm2 = LargestComponent(displacedLoss) * PixelAreaMm2,
            MaxCellGain = MaxCellFraction(gained, iSeen, 100),
            MaxLocalShiftMm = maxShift,
            MedianLocalShiftMm = medianShift,
            Correlation = ByteKernels.Moments(s.Strength.AsSpan<byte>(), warped.AsSpan<byte>(), observed.AsSpan<byte>()).Correlation,
            Coverage = sSeen.PopCount() / (double)Math.Max(1, specimen.KnownInkCount),
            RegistrationOverlap = registration.Overlap,
            ScaleDeviation = Math.Abs(registration.Transform.Scale - 1),
            InkTexture = ink.Texture,
            InkVariation = ink.Variation,
            EdgeSharpnessRatio = ink.EdgeSharpness / Math.Max(1e-6, specimen.EdgeSharpness),
        };
        Profiling.Stop("compare.measure", t0);
        return new Outcome { Measurements = m, WarpedImpression = warped, Observed = observed };
    }

    /// <summary>
    /// One Gauss–Newton step of windowed Lucas–Kanade flow (4 mm windows every 2 mm, at 0.2 mm per
    /// pixel) from the registered pose; each window's displacement is compared with the median of its
    /// neighbours within 6 mm, so smooth rubber deformation cancels and a moved character stands out.
    /// </summary>
    private static (double Max, double Median) LocalShifts(LocalShiftLevel specimen, Mat warped, Mat observed)
    {
        using Mat impression = LocalShiftLevel.Prepare(warped);
        using Mat maskSmall = SealRegistrar.Downsample(observed, CanonicalSeal.MillimetresPerPixel / LocalShiftLevel.MillimetresPerPixel);
        using var mask = new Mat();
        maskSmall.ConvertTo(mask, MatType.CV_32F, 1.0 / 255);

        // Only where the impression has ink nearby: a faded or missing part is not a displacement.
        using var inked = new Mat();
        Cv2.Threshold(impression, inked, 0.08, 1.0, ThresholdTypes.Binary);
        Cv2.Multiply(mask, inked, mask);
        using var error = new Mat();
        Cv2.Subtract(impression, specimen.Blurred, error);

        using var gxm = new Mat();
        using var gym = new Mat();
        Cv2.Multiply(specimen.Gx, mask, gxm);
        Cv2.Multiply(specimen.Gy, mask, gym);
        using var sxx = new Mat();
        using var syy = new Mat();
        using var sxy = new Mat();
        using var sxe = new Mat();
        using var sye = new Mat();
        Cv2.Multiply(gxm, specimen.Gx, sxx);
        Cv2.Multiply(gym, specimen.Gy, syy);
        Cv2.Multiply(gxm, specimen.Gy, sxy);
        Cv2.Multiply(gxm, error, sxe);
        Cv2.Multiply(gym, error, sye);
        const int Window = 20; // 4 mm
        const int Step = 10;   // 2 mm
        const int Reach = 30;  // 6 mm
        const double Ridge = 0.5;
        const double MinStructure = 1.0;
        var ksize = new Size(Window, Window);
        foreach (Mat m in new[] { sxx, syy, sxy, sxe, sye })
        {
            Cv2.BoxFilter(m, m, MatType.CV_32F, ksize, normalize: false);
        }

        int width = impression.Cols, height = impression.Rows;
        ReadOnlySpan<float> a = sxx.AsSpan<float>(), c = syy.AsSpan<float>(), b = sxy.AsSpan<float>();
        ReadOnlySpan<float> ex = sxe.AsSpan<float>(), ey = sye.AsSpan<float>();
        var points = new List<(int X, int Y, double U, double V)>();
        for (int y = Window / 2; y < height - Window / 2; y += Step)
        {
            for (int x = Window / 2; x < width - Window / 2; x += Step)
            {
                int i = y * width + x;
                double trace = a[i] + c[i];
                if (trace < MinStructure)
                {
                    continue;
                }

                // I(x) ≈ S(x − d) ⇒ e ≈ −∇S·d ⇒ d = −(H + λI)⁻¹ Σ ∇S e. The ridge λ shrinks the
                // estimate along directions without structure (a straight stroke or the ring tells
                // nothing about motion along itself), so only measurable displacement remains.
                double ra = a[i] + Ridge, rc = c[i] + Ridge, det = ra * rc - b[i] * b[i];
                double u = -(rc * ex[i] - b[i] * ey[i]) / det, v = -(ra * ey[i] - b[i] * ex[i]) / det;
                points.Add((x, y, u, v));
            }
        }

        if (points.Count < 3)
        {
            return (0, 0);
        }

        var residuals = new List<double>(points.Count);
        var magnitudes = new List<double>(points.Count);
        var us = new List<double>();
        var vs = new List<double>();
        foreach (var p in points)
        {
            us.Clear();
            vs.Clear();
            foreach (var q in points)
            {
                if ((q.X != p.X || q.Y != p.Y) && Math.Abs(q.X - p.X) <= Reach && Math.Abs(q.Y - p.Y) <= Reach)
                {
                    us.Add(q.U);
                    vs.Add(q.V);
                }
            }

            magnitudes.Add(Math.Sqrt(p.U * p.U + p.V * p.V));
            if (us.Count >= 3)
            {
                double du = p.U - Median(us), dv = p.V - Median(vs);
                residuals.Add(Math.Sqrt(du * du + dv * dv));
                if (Diagnostics.Enabled && residuals[^1] > 1.5)
                {
                    int i = p.Y * width + p.X;
                    Diagnostics.Log($"shift window ({p.X},{p.Y}) d=({p.U:F2},{p.V:F2}) residual={residuals[^1]:F2} a={a[i]:F2} b={b[i]:F2} c={c[i]:F2} n={us.Count}");
                }
            }
        }

        double max = residuals.Count == 0 ? 0 : residuals.Max();
        return (Math.Min(max, 10) * LocalShiftLevel.MillimetresPerPixel, Median(magnitudes) * LocalShiftLevel.MillimetresPerPixel);
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        int n = values.Count;
        return n == 0 ? 0 : n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
    }

    private static int LargestComponent(BitMatrix bits)
    {
        if (bits.PopCount() == 0)
        {
            return 0;
        }

        using Mat image = Bits.ToMat(bits);
        using var labels = new Mat();
        using var stats = new Mat();
        using var centroids = new Mat();
        int count = Cv2.ConnectedComponentsWithStats(image, labels, stats, centroids, PixelConnectivity.Connectivity8);
        int largest = 0;
        for (int i = 1; i < count; i++)
        {
            largest = Math.Max(largest, stats.At<int>(i, (int)ConnectedComponentsTypes.Area));
        }

        return largest;
    }

    /// <summary>
    /// Highest ratio count(part)/count(whole) over 32×32-pixel (3.2 mm) cells and over 2×2 groups of
    /// them, among those holding at least <paramref name="minWhole"/> pixels of the whole.
    /// </summary>
    internal static double MaxCellFraction(BitMatrix part, BitMatrix whole, int minWhole)
    {
        const int Cell = 32;
        int cellsX = (part.Width + Cell - 1) / Cell, cellsY = (part.Height + Cell - 1) / Cell;
        var partCounts = new int[cellsX * cellsY];
        var wholeCounts = new int[cellsX * cellsY];
        for (int y = 0; y < part.Height; y++)
        {
            ReadOnlySpan<ulong> pr = part.Row(y), wr = whole.Row(y);
            int cy = y / Cell;
            for (int word = 0; word < pr.Length; word++)
            {
                ulong p = pr[word], q = wr[word];
                if (q == 0 && p == 0)
                {
                    continue;
                }

                int cx = word * 2;
                partCounts[cy * cellsX + cx] += System.Numerics.BitOperations.PopCount(p & 0xFFFFFFFFUL);
                wholeCounts[cy * cellsX + cx] += System.Numerics.BitOperations.PopCount(q & 0xFFFFFFFFUL);
                if (cx + 1 < cellsX)
                {
                    partCounts[cy * cellsX + cx + 1] += System.Numerics.BitOperations.PopCount(p >> 32);
                    wholeCounts[cy * cellsX + cx + 1] += System.Numerics.BitOperations.PopCount(q >> 32);
                }
            }
        }

        double best = 0;
        for (int cy = 0; cy < cellsY; cy++)
        {
            for (int cx = 0; cx < cellsX; cx++)
            {
                Consider(partCounts[cy * cellsX + cx], wholeCounts[cy * cellsX + cx]);
                if (cx + 1 < cellsX && cy + 1 < cellsY)
                {
                    int i = cy * cellsX + cx;
                    Consider(
                        partCounts[i] + partCounts[i + 1] + partCounts[i + cellsX] + partCounts[i + cellsX + 1],
                        wholeCounts[i] + wholeCounts[i + 1] + wholeCounts[i + cellsX] + wholeCounts[i + cellsX + 1]);
                }
            }
        }

        return best;

        void Consider(int p, int q)
        {
            if (q >= minWhole)
            {
                best = Math.Max(best, p / (double)q);
            }
        }
    }
}
