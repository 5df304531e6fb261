using OpenCvSharp;
using SealMatch.Engine.Geometry;
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

        double displaced = DisplacedInk(gained, lost);
        Profiling.Stop("compare.bits", t0);
        t0 = Profiling.Start();

        LocalShiftSummary shifts = LocalShifts(specimen.Shift, warped, observed);
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
            LargestDisplacedLossMm2 = displaced * PixelAreaMm2,
            MaxCellGain = MaxCellFraction(gained, iSeen, 100),
            MaxLocalShiftMm = shifts.Max,
            MedianLocalShiftMm = shifts.Median,
            LocalShiftClusterMm = shifts.Cluster,
            Correlation = ByteKernels.Moments(s.Strength.AsSpan<byte>(), warped.AsSpan<byte>(), observed.AsSpan<byte>()).Correlation,
            Coverage = sSeen.PopCount() / (double)Math.Max(1, specimen.KnownInkCount),
            RegistrationOverlap = registration.Overlap,
            ScaleDeviation = Math.Abs(registration.Transform.Scale - 1),
            InkTexture = ink.Texture,
            InkVariation = ink.Variation,
            EdgeSharpnessRatio = ink.EdgeSharpness / Math.Max(1e-6, specimen.EdgeSharpness),
            HueShiftBlue = impression.Hue.BlueToGreen - s.Hue.BlueToGreen,
            HueShiftRed = impression.Hue.RedToGreen - s.Hue.RedToGreen,
            ImpressionRedToGreen = impression.Hue.RedToGreen,
        };
        Profiling.Stop("compare.measure", t0);
        return new Outcome { Measurements = m, WarpedImpression = warped, Observed = observed };
    }

    /// <summary>Displacements of 4 mm windows (every 2 mm, at 0.2 mm per pixel) after global registration.</summary>
    internal readonly record struct LocalShiftSummary(double Max, double Cluster, double Median);

    /// <summary>
    /// Windowed Lucas–Kanade flow from the registered pose (two Gauss–Newton passes, the second on
    /// the impression re-sampled by the first), then a robust quadratic fit of the displacement
    /// field over the seal. Rubber deformation and residual misregistration are smooth and go into
    /// the fit; a character, star or ring that was moved or turned on its own does not, and stands
    /// out as the largest residuals.
    /// </summary>
    private static LocalShiftSummary LocalShifts(LocalShiftLevel[] specimen, Mat warped, Mat observed)
    {
        const int Window = LocalShiftLevel.Window;
        const int Step = LocalShiftLevel.Step;
        long tq = Profiling.Start();
        using Mat maskSmall = SealRegistrar.Downsample(observed, CanonicalSeal.MillimetresPerPixel / LocalShiftLevel.MillimetresPerPixel);

        // Keep clear of unknown pixels: blurring spreads whatever print left there into the neighbours.
        using (var kernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(5, 5)))
        {
            Cv2.Threshold(maskSmall, maskSmall, 250, 255, ThresholdTypes.Binary);
            Cv2.Erode(maskSmall, maskSmall, kernel);
        }

        using var mask = new Mat();
        maskSmall.ConvertTo(mask, MatType.CV_32F, 1.0 / 255);
        using Mat fine = LocalShiftLevel.Prepare(warped, LocalShiftLevel.Sigmas[^1]);
        using Mat wide = LocalShiftLevel.Prepare(warped, LocalShiftLevel.Sigmas[0]);

        // Only where the impression has ink nearby: a faded or missing part is not a displacement.
        using (var inked = new Mat())
        {
            Cv2.Threshold(wide, inked, 0.05, 1.0, ThresholdTypes.Binary);
            Cv2.Multiply(mask, inked, mask);
        }

        // Windows need most of their pixels observed: the matrix sums assume the whole window.
        using var coverage = new Mat();
        Cv2.BoxFilter(mask, coverage, MatType.CV_32F, new Size(Window, Window), normalize: true);

        Profiling.Stop("compare.localshift.prepare", tq);
        int width = mask.Cols, height = mask.Rows;
        var grid = new List<(int X, int Y)>();
        ReadOnlySpan<float> covered = coverage.AsSpan<float>();
        for (int y = Window / 2; y < height - Window / 2; y += Step)
        {
            for (int x = Window / 2; x < width - Window / 2; x += Step)
            {
                if (covered[y * width + x] >= 0.6f)
                {
                    grid.Add((x, y));
                }
            }
        }

        // Coarse to fine: each pass measures what is left after resampling by the field so far.
        var u = new double[grid.Count];
        var v = new double[grid.Count];
        var valid = new bool[grid.Count];
        for (int pass = 0; pass < specimen.Length; pass++)
        {
            Mat image = pass == 0 ? wide : fine;
            tq = Profiling.Start();
            using Mat moved = pass == 0 ? image.Clone() : Resample(image, grid, u, v, valid, Step, width, height);
            Profiling.Stop("compare.localshift.resample", tq);
            tq = Profiling.Start();
            var du = new double[grid.Count];
            var dv = new double[grid.Count];
            var ok = new bool[grid.Count];
            FlowPass(specimen[pass], moved, mask, grid, du, dv, ok);
            Profiling.Stop("compare.localshift.flow", tq);
            for (int i = 0; i < grid.Count; i++)
            {
                if (ok[i] && (pass == 0 || valid[i]))
                {
                    u[i] += du[i];
                    v[i] += dv[i];
                    valid[i] = true;
                }
            }
        }

        var points = new List<(double X, double Y, double U, double V)>();
        var cells = new List<(int Col, int Row)>();
        for (int i = 0; i < grid.Count; i++)
        {
            if (valid[i])
            {
                points.Add(((grid[i].X - width / 2.0) / width, (grid[i].Y - height / 2.0) / height, u[i], v[i]));
                cells.Add(((grid[i].X - Window / 2) / Step, (grid[i].Y - Window / 2) / Step));
            }
        }

        if (points.Count < 8)
        {
            // Too little matching structure to check the local geometry at all: that is no evidence
            // of a genuine seal, so it reads as the largest shift the measurement reports.
            return new LocalShiftSummary(2, 2, 1);
        }

        tq = Profiling.Start();
        (double Du, double Dv)[] residuals = SmoothFieldResiduals(points);
        Profiling.Stop("compare.localshift.fit", tq);
        double[] magnitudes = [.. residuals.Select(r => Math.Sqrt(r.Du * r.Du + r.Dv * r.Dv))];
        double px = LocalShiftLevel.MillimetresPerPixel;
        return new LocalShiftSummary(
            Math.Min(magnitudes.Max(), 10) * px,
            Math.Min(CoherentCluster(cells, residuals, magnitudes), 10) * px,
            Median([.. points.Select(p => Math.Sqrt(p.U * p.U + p.V * p.V))]) * px);
    }

    /// <summary>
    /// The largest coherent displacement of a group of neighbouring windows: windows whose residual
    /// exceeds 0.06 mm are joined with their grid neighbours, and a group scores the length of the
    /// sum of its residual vectors. A character moved as a whole moves every window over it the
    /// same way, so the sum grows; noise points every which way and cancels.
    /// </summary>
    private static double CoherentCluster(List<(int Col, int Row)> cells, (double Du, double Dv)[] residuals, double[] magnitudes)
    {
        const double Threshold = 0.3; // pixels at 0.2 mm
        var index = new Dictionary<(int, int), int>();
        for (int i = 0; i < cells.Count; i++)
        {
            if (magnitudes[i] > Threshold)
            {
                index[cells[i]] = i;
            }
        }

        var seen = new HashSet<int>();
        double best = 0;
        var stack = new Stack<int>();
        foreach (int start in index.Values)
        {
            if (!seen.Add(start))
            {
                continue;
            }

            double su = 0, sv = 0;
            stack.Push(start);
            while (stack.Count > 0)
            {
                int i = stack.Pop();
                su += residuals[i].Du;
                sv += residuals[i].Dv;
                for (int dy = -1; dy <= 1; dy++)
                {
                    for (int dx = -1; dx <= 1; dx++)
                    {
                        if (index.TryGetValue((cells[i].Col + dx, cells[i].Row + dy), out int j) && seen.Add(j))
                        {
                            stack.Push(j);
                        }
                    }
                }
            }

            best = Math.Max(best, Math.Sqrt(su * su + sv * sv));
        }

        return best;
    }

    /// <summary>
    /// One windowed Gauss–Newton step: displacement (pixels) of each grid window of
    /// <paramref name="impression"/> against the specimen, with a gain and an offset per window so
    /// that ink that is locally fainter or heavier (pressure) is not mistaken for movement. The
    /// matrix sums come precomputed with the specimen; only the error sums are per impression.
    /// </summary>
    private static void FlowPass(LocalShiftLevel specimen, Mat impression, Mat mask, List<(int X, int Y)> grid, double[] u, double[] v, bool[] valid)
    {
        const double Ridge = 0.5;
        const double MinStructure = 1.0;

        // e = I − S, masked; right-hand side Σ J_r·e over each window (J_3 = 1), summed at the grid
        // windows only (a box filter would sum every pixel's window). The window covers
        // [x − Window/2, x + Window/2) like OpenCV's box filter with its default anchor.
        const int Half = LocalShiftLevel.Window / 2;
        int width = impression.Cols;
        var images = new WindowKernels.ErrorImages(
            impression.AsSpan<float>(), specimen.Blurred.AsSpan<float>(), mask.AsSpan<float>(),
            specimen.Jacobian[0].AsSpan<float>(), specimen.Jacobian[1].AsSpan<float>(), specimen.Jacobian[2].AsSpan<float>(), width);
        Span<double> h = stackalloc double[16];
        Span<double> rhs = stackalloc double[4];

        // The Hessian maps' memory, looked up once (each Mat.AsSpan asks OpenCV for the data pointer).
        int[] points = new int[grid.Count];
        for (int k = 0; k < grid.Count; k++)
        {
            points[k] = grid[k].Y * width + grid[k].X;
        }

        float[][] hessianAtPoints = [.. specimen.Hessian.Select(map => Gather(map.AsSpan<float>(), points))];

        for (int k = 0; k < grid.Count; k++)
        {
            for (int r = 0; r < 4; r++)
            {
                for (int c = 0; c < 4; c++)
                {
                    h[r * 4 + c] = hessianAtPoints[LocalShiftLevel.HessianIndex(r, c)][k];
                }
            }

            WindowKernels.ErrorSums(images, grid[k].X - Half, grid[k].Y - Half, LocalShiftLevel.Window, LocalShiftLevel.Window, rhs);
            if (h[0] + h[5] < MinStructure)
            {
                continue;
            }

            // The ridge shrinks the estimate along directions without structure (a straight
            // stroke or the ring tells nothing about motion along itself).
            h[0] += Ridge;
            h[5] += Ridge;
            h[10] += 1e-3 * (h[10] + 1);
            h[15] += 1e-3 * (h[15] + 1);
            if (!Registration.LucasKanade.SolveSymmetric4(h, rhs))
            {
                continue;
            }

            u[k] = rhs[0];
            v[k] = rhs[1];
            valid[k] = true;
        }
    }

    private static float[] Gather(ReadOnlySpan<float> image, int[] points)
    {
        var values = new float[points.Length];
        for (int k = 0; k < points.Length; k++)
        {
            values[k] = image[points[k]];
        }

        return values;
    }

    /// <summary>The impression resampled by the window displacements (bilinearly interpolated over the grid).</summary>
    private static Mat Resample(Mat impression, List<(int X, int Y)> grid, double[] u, double[] v, bool[] valid, int step, int width, int height)
    {
        // The grid may skip windows (too little observed ink): place each node by its coordinates on
        // the full lattice that starts at half a window.
        int gx0 = LocalShiftLevel.Window / 2, gy0 = LocalShiftLevel.Window / 2;
        int cols = Math.Max(1, (width - LocalShiftLevel.Window) / step + 1), rows = Math.Max(1, (height - LocalShiftLevel.Window) / step + 1);
        using var fieldU = new Mat(rows, cols, MatType.CV_32FC1, Scalar.All(0));
        using var fieldV = new Mat(rows, cols, MatType.CV_32FC1, Scalar.All(0));
        Span<float> fu0 = fieldU.AsSpan<float>(), fv0 = fieldV.AsSpan<float>();
        for (int k = 0; k < grid.Count; k++)
        {
            int col = (grid[k].X - gx0) / step, row = (grid[k].Y - gy0) / step;
            if (valid[k] && (uint)col < (uint)cols && (uint)row < (uint)rows)
            {
                fu0[row * cols + col] = (float)u[k];
                fv0[row * cols + col] = (float)v[k];
            }
        }

        // Grid node (i, j) sits at (gx0 + j·step, gy0 + i·step): map every pixel to grid coordinates.
        using var mapX = new Mat(height, width, MatType.CV_32FC1);
        using var mapY = new Mat(height, width, MatType.CV_32FC1);
        using var du = new Mat();
        using var dv = new Mat();
        using var scale = new Mat(2, 3, MatType.CV_64FC1);
        scale.Set(0, 0, 1.0 / step);
        scale.Set(0, 1, 0.0);
        scale.Set(0, 2, -(double)gx0 / step);
        scale.Set(1, 0, 0.0);
        scale.Set(1, 1, 1.0 / step);
        scale.Set(1, 2, -(double)gy0 / step);
        Cv2.WarpAffine(fieldU, du, scale, new Size(width, height), InterpolationFlags.Linear | InterpolationFlags.WarpInverseMap, BorderTypes.Replicate);
        Cv2.WarpAffine(fieldV, dv, scale, new Size(width, height), InterpolationFlags.Linear | InterpolationFlags.WarpInverseMap, BorderTypes.Replicate);
        Span<float> mx = mapX.AsSpan<float>(), my = mapY.AsSpan<float>();
        ReadOnlySpan<float> fu = du.AsSpan<float>(), fv = dv.AsSpan<float>();
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int i = y * width + x;
                mx[i] = x + fu[i];
                my[i] = y + fv[i];
            }
        }

        var moved = new Mat();
        Cv2.Remap(impression, moved, mapX, mapY, InterpolationFlags.Linear, BorderTypes.Constant, Scalar.All(0));
        return moved;
    }

    /// <summary>
    /// Residual displacement of each window after a robust (Huber-weighted) quadratic fit of the
    /// whole field, u and v separately, in normalised coordinates.
    /// </summary>
    internal static (double Du, double Dv)[] SmoothFieldResiduals(List<(double X, double Y, double U, double V)> points)
    {
        int n = points.Count;
        var basis = new double[n][];
        for (int i = 0; i < n; i++)
        {
            (double x, double y, _, _) = points[i];
            basis[i] = [1, x, y, x * x, x * y, y * y];
        }

        var weights = Enumerable.Repeat(1.0, n).ToArray();
        double[] cu = new double[6], cv = new double[6];
        var residuals = new (double Du, double Dv)[n];
        for (int iteration = 0; iteration < 4; iteration++)
        {
            cu = WeightedLeastSquares(basis, [.. points.Select(p => p.U)], weights) ?? cu;
            cv = WeightedLeastSquares(basis, [.. points.Select(p => p.V)], weights) ?? cv;
            for (int i = 0; i < n; i++)
            {
                double fu = 0, fv = 0;
                for (int k = 0; k < 6; k++)
                {
                    fu += cu[k] * basis[i][k];
                    fv += cv[k] * basis[i][k];
                }

                double du = points[i].U - fu, dv = points[i].V - fv;
                residuals[i] = (du, dv);
                double magnitude = Math.Sqrt(du * du + dv * dv);

                // Huber at half a pixel (0.1 mm): moved parts stop pulling the smooth field.
                weights[i] = magnitude <= 0.5 ? 1 : 0.5 / magnitude;
            }
        }

        return residuals;
    }

    private static double[]? WeightedLeastSquares(double[][] basis, double[] target, double[] weights)
    {
        const int K = 6;
        var normal = new double[K * K];
        var rhs = new double[K];
        for (int i = 0; i < basis.Length; i++)
        {
            double w = weights[i];
            for (int r = 0; r < K; r++)
            {
                rhs[r] += w * basis[i][r] * target[i];
                for (int c = 0; c < K; c++)
                {
                    normal[r * K + c] += w * basis[i][r] * basis[i][c];
                }
            }
        }

        for (int r = 0; r < K; r++)
        {
            normal[r * K + r] += 1e-6;
        }

        return DenseSolver.SolveInPlace(normal, rhs, K) ? rhs : null;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        int n = values.Count;
        return n == 0 ? 0 : n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
    }

    /// <summary>
    /// Ink that moved: for each patch of gained ink, the lesser of its area and the area of lost
    /// ink within 1 mm of it; the largest such pair. A stroke displaced by a re-carving gains on one
    /// side what it loses on the other; fading loses without gaining, and a speck of noise gains
    /// almost nothing.
    /// </summary>
    private static double DisplacedInk(BitMatrix gained, BitMatrix lost)
    {
        if (gained.PopCount() == 0 || lost.PopCount() == 0)
        {
            return 0;
        }

        // Only the neighbourhood of the gained ink matters.
        Rect roi = Bits.BoundingBox(gained, margin: 11);
        using Mat gain = Bits.ToMat(gained, roi);
        using Mat loss = Bits.ToMat(lost, roi);
        using var labels = new Mat();
        using var stats = new Mat();
        using var centroids = new Mat();
        int count = Cv2.ConnectedComponentsWithStats(gain, labels, stats, centroids, PixelConnectivity.Connectivity8);
        if (count <= 1 || count > ushort.MaxValue)
        {
            return 0;
        }

        // Spread each patch's label 1 mm around it, then count lost pixels under each label.
        using var spread = new Mat();
        labels.ConvertTo(spread, MatType.CV_16U);
        using var kernel = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(21, 21));
        Cv2.Dilate(spread, spread, kernel);
        var lostNear = new int[count];
        ReadOnlySpan<ushort> l = spread.AsSpan<ushort>();
        ReadOnlySpan<byte> m = loss.AsSpan<byte>();
        for (int i = 0; i < m.Length; i++)
        {
            if (m[i] != 0 && l[i] != 0)
            {
                lostNear[l[i]]++;
            }
        }

        double best = 0;
        for (int i = 1; i < count; i++)
        {
            best = Math.Max(best, Math.Min(stats.At<int>(i, (int)ConnectedComponentsTypes.Area), lostNear[i]));
        }

        return best;
    }

    private static int LargestComponent(BitMatrix bits)
    {
        if (bits.PopCount() == 0)
        {
            return 0;
        }

        using Mat image = Bits.ToMat(bits, Bits.BoundingBox(bits, margin: 1));
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
