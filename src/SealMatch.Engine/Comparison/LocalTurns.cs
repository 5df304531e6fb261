using OpenCvSharp;
using SealMatch.Engine.Geometry;
using SealMatch.Engine.Matching;
using SealMatch.Engine.Registration;
using SealMatch.Engine.Specimens;

namespace SealMatch.Engine.Comparison;

/// <summary>
/// Turned characters: every 5 mm window of the specimen that holds ink and pins down a rotation is
/// registered on its own against the registered impression (a similarity by inverse-compositional
/// Lucas–Kanade at 0.1 mm per pixel, with the window's brightness and contrast projected out), and
/// the windows' turns are compared with their median. A re-carved character turned by 2–5° turns the
/// windows over it against the rest of the seal; smooth rubber deformation turns them all a little.
/// </summary>
/// <remarks>
/// Translation-only local shifts (<see cref="SealComparer"/>) miss a turn: the windows on either
/// side of a turned character move in opposite directions and cancel in every sum of displacements.
/// </remarks>
internal static class LocalTurns
{
    /// <summary>Window side (5 mm at 0.1 mm per pixel) and grid step (2 mm).</summary>
    internal const int Window = 50;

    internal const int Step = 20;

    /// <summary>Gaussian blur (pixels) of both images before the gradients and the sampling.</summary>
    internal const double Blur = 1.0;

    /// <summary>A window is measured only if at least this share of its pixels is specimen ink.</summary>
    internal const double MinimumInk = 0.08;

    /// <summary>
    /// Only the windows whose rotation is best determined are measured: those whose rotation standard
    /// deviation (from the window's Gauss–Newton matrix) is at most this share of the median window's.
    /// A window over a straight stroke or a ring's arc cannot tell a turn from a slide.
    /// </summary>
    internal const double ConditioningShare = 0.8;

    /// <summary>Share of the window observed in the impression (not occluded, not outside) needed to measure it.</summary>
    internal const double MinimumObserved = 0.9;

    /// <summary>
    /// The impression must show at least this share of the specimen's ink in a window: a faded or
    /// missing part of the seal holds too little to register, and is not a turn.
    /// </summary>
    internal const double MinimumInkShown = 0.7;

    /// <summary>A window that slides farther than this (pixels, 0.8 mm) has locked onto another stroke.</summary>
    internal const double MaximumSlide = 8;

    internal const int Iterations = 5;

    /// <summary>
    /// Reported when fewer than <see cref="MinimumWindows"/> windows could be measured: the 90th percentile
    /// of genuine impressions on development seed 5020 (a seal too faint or too covered to check is not
    /// evidence of a genuine one).
    /// </summary>
    internal const double NoEvidenceDeg = 1.4;

    internal const int MinimumWindows = 4;

    /// <summary>The turn reported is the mean of the largest this many window turns (one noisy window is not a turned character).</summary>
    internal const int Largest = 3;

    /// <summary>The specimen side of one window: its centre and, for each pixel, position, template value and the four steepest-descent values.</summary>
    internal sealed class TurnWindow
    {
        public required int Left { get; init; }

        public required int Top { get; init; }

        public required PointD Centre { get; init; }

        /// <summary>Share of the window that is specimen ink.</summary>
        public required double Ink { get; init; }

        public required float[] X { get; init; }

        public required float[] Y { get; init; }

        public required float[] Template { get; init; }

        /// <summary>Steepest descent for the similarity parameters (a, b, tx, ty) of <see cref="Similarity"/>, brightness and contrast projected out.</summary>
        public required float[][] SteepestDescent { get; init; }
    }

    /// <summary>The specimen's measurable windows.</summary>
    public static TurnWindow[] BuildWindows(CanonicalSeal specimen)
    {
        using Mat t = Prepare(specimen.Strength);
        using var gx = new Mat();
        using var gy = new Mat();
        Cv2.Sobel(t, gx, MatType.CV_32F, 1, 0, 1, 0.5);
        Cv2.Sobel(t, gy, MatType.CV_32F, 0, 1, 1, 0.5);
        int w = t.Cols, h = t.Rows;
        t.GetArray(out float[] template);
        gx.GetArray(out float[] tx);
        gy.GetArray(out float[] ty);
        specimen.Strength.GetArray(out byte[] strength);
        specimen.Valid.GetArray(out byte[] valid);

        var candidates = new List<(TurnWindow Window, double RotationVariance)>();
        var pixels = new List<int>(Window * Window);
        for (int top = 0; top + Window <= h; top += Step)
        {
            for (int left = 0; left + Window <= w; left += Step)
            {
                pixels.Clear();
                int ink = 0;
                for (int y = top; y < top + Window; y++)
                {
                    for (int x = left; x < left + Window; x++)
                    {
                        int i = y * w + x;
                        if (valid[i] > 250)
                        {
                            pixels.Add(i);
                            ink += strength[i] > SealComparer.InkThreshold - 1 ? 1 : 0;
                        }
                    }
                }

                double inkShare = ink / (double)(Window * Window);
                if (inkShare <= MinimumInk || pixels.Count < Window * Window * MinimumObserved)
                {
                    continue;
                }

                TurnWindow? window = Build(left, top, inkShare, pixels, w, template, tx, ty, out double variance);
                if (window is not null)
                {
                    candidates.Add((window, variance));
                }
            }
        }

        if (candidates.Count == 0)
        {
            return [];
        }

        double median = Median([.. candidates.Select(c => c.RotationVariance)]);
        return [.. candidates.Where(c => c.RotationVariance <= ConditioningShare * ConditioningShare * median).Select(c => c.Window)];
    }

    /// <summary>
    /// One window's steepest-descent images with brightness and contrast projected out (Baker and
    /// Matthews' project-out algorithm): the rotation estimate does not move when the impression is
    /// locally fainter or heavier. Null when the window's matrix is singular.
    /// </summary>
    private static TurnWindow? Build(int left, int top, double ink, List<int> pixels, int width, float[] template, float[] tx, float[] ty, out double rotationVariance)
    {
        rotationVariance = double.PositiveInfinity;
        int n = pixels.Count;
        double cx = left + (Window - 1) / 2.0, cy = top + (Window - 1) / 2.0;
        var sd = new double[4][];
        for (int k = 0; k < 4; k++)
        {
            sd[k] = new double[n];
        }

        // Orthonormal basis of the appearance subspace over the window: 1 and the template.
        var one = new double[n];
        var tpl = new double[n];
        double mean = 0;
        for (int p = 0; p < n; p++)
        {
            mean += template[pixels[p]];
        }

        mean /= n;
        double norm = 0;
        for (int p = 0; p < n; p++)
        {
            one[p] = 1 / Math.Sqrt(n);
            tpl[p] = template[pixels[p]] - mean;
            norm += tpl[p] * tpl[p];
        }

        if (norm <= 1e-9)
        {
            return null;
        }

        norm = Math.Sqrt(norm);
        for (int p = 0; p < n; p++)
        {
            tpl[p] /= norm;
        }

        for (int p = 0; p < n; p++)
        {
            int i = pixels[p];
            double x = i % width - cx, y = i / width - cy;
            sd[0][p] = tx[i] * x + ty[i] * y;
            sd[1][p] = tx[i] * y - ty[i] * x;
            sd[2][p] = tx[i];
            sd[3][p] = ty[i];
        }

        foreach (double[] s in sd)
        {
            foreach (double[] basis in (double[][])[one, tpl])
            {
                double dot = 0;
                for (int p = 0; p < n; p++)
                {
                    dot += s[p] * basis[p];
                }

                for (int p = 0; p < n; p++)
                {
                    s[p] -= dot * basis[p];
                }
            }
        }

        // Variance of the rotation parameter b per unit noise: (H⁻¹)_bb.
        Span<double> hessian = stackalloc double[16];
        for (int r = 0; r < 4; r++)
        {
            for (int c = 0; c < 4; c++)
            {
                double sum = 0;
                for (int p = 0; p < n; p++)
                {
                    sum += sd[r][p] * sd[c][p];
                }

                hessian[r * 4 + c] = sum;
            }
        }

        Span<double> unit = [0, 1, 0, 0];
        if (!LucasKanade.SolveSymmetric4(hessian, unit) || !(unit[1] > 0))
        {
            return null;
        }

        rotationVariance = unit[1];
        return new TurnWindow
        {
            Left = left,
            Top = top,
            Centre = new PointD(cx, cy),
            Ink = ink,
            X = [.. pixels.Select(i => (float)(i % width))],
            Y = [.. pixels.Select(i => (float)(i / width))],
            Template = [.. pixels.Select(i => template[i])],
            SteepestDescent = [.. sd.Select(s => s.Select(v => (float)v).ToArray())],
        };
    }

    /// <summary>
    /// The mean of the <see cref="Largest"/> largest window turns (degrees) against the median turn,
    /// over the windows the impression shows well enough to measure.
    /// </summary>
    /// <param name="windows">The specimen's windows (<see cref="BuildWindows"/>).</param>
    /// <param name="warped">The impression's ink strength in the specimen's frame (8-bit).</param>
    /// <param name="observed">Where the impression is observed in the specimen's frame (255).</param>
    public static double Measure(TurnWindow[] windows, Mat warped, Mat observed)
    {
        if (windows.Length < MinimumWindows)
        {
            return NoEvidenceDeg;
        }

        int w = warped.Cols;
        ReadOnlySpan<byte> ink = warped.AsSpan<byte>();
        ReadOnlySpan<byte> seen = observed.AsSpan<byte>();
        var measurable = new List<TurnWindow>(windows.Length);
        foreach (TurnWindow window in windows)
        {
            int observedCount = 0, inkCount = 0;
            for (int y = window.Top; y < window.Top + Window; y++)
            {
                int row = y * w + window.Left;
                for (int x = 0; x < Window; x++)
                {
                    observedCount += seen[row + x] > 127 ? 1 : 0;
                    inkCount += ink[row + x] > SealComparer.InkThreshold - 1 ? 1 : 0;
                }
            }

            const double Area = Window * Window;
            if (observedCount >= MinimumObserved * Area && inkCount >= MinimumInkShown * window.Ink * Area)
            {
                measurable.Add(window);
            }
        }

        if (measurable.Count < MinimumWindows)
        {
            return NoEvidenceDeg;
        }

        using Mat blurred = Prepare(warped);
        var image = new PaddedImage(blurred.AsSpan<float>(), seen, w, warped.Rows, 127);
        var turns = new List<double>(measurable.Count);
        foreach (TurnWindow window in measurable)
        {
            double? turn = Turn(window, image);
            if (turn is double deg)
            {
                turns.Add(deg);
            }
        }

        if (turns.Count < MinimumWindows)
        {
            return NoEvidenceDeg;
        }

        double median = Median([.. turns]);
        double[] deviations = [.. turns.Select(t => Math.Abs(t - median)).OrderDescending()];
        return deviations.Take(Largest).Average();
    }

    /// <summary>The window's own turn (degrees) against the impression, or null when it did not settle.</summary>
    private static double? Turn(TurnWindow window, PaddedImage image)
    {
        float[][] sd = window.SteepestDescent;
        var warp = new Similarity(0, 0, 0, 0, window.Centre);
        Span<double> hessian = stackalloc double[16];
        Span<double> rhs = stackalloc double[4];
        for (int iter = 0; iter < Iterations; iter++)
        {
            GaussNewtonSums s = WarpKernels.GaussNewton(image, warp.ToAffineMap(), window.X, window.Y, window.Template, sd[0], sd[1], sd[2], sd[3]);
            rhs[0] = s.B0;
            rhs[1] = s.B1;
            rhs[2] = s.B2;
            rhs[3] = s.B3;
            hessian[0] = s.H00;
            hessian[1] = hessian[4] = s.H01;
            hessian[2] = hessian[8] = s.H02;
            hessian[3] = hessian[12] = s.H03;
            hessian[5] = s.H11;
            hessian[6] = hessian[9] = s.H12;
            hessian[7] = hessian[13] = s.H13;
            hessian[10] = s.H22;
            hessian[11] = hessian[14] = s.H23;
            hessian[15] = s.H33;
            if (!LucasKanade.SolveSymmetric4(hessian, rhs))
            {
                return null;
            }

            warp = warp.ComposeInverse(rhs[0], rhs[1], rhs[2], rhs[3]);
        }

        return Math.Abs(warp.Tx) > MaximumSlide || Math.Abs(warp.Ty) > MaximumSlide || !double.IsFinite(warp.RotationDeg)
            ? null
            : warp.RotationDeg;
    }

    /// <summary>8-bit strength at 0.1 mm → float in 0..1, blurred.</summary>
    private static Mat Prepare(Mat strength)
    {
        var f = new Mat();
        strength.ConvertTo(f, MatType.CV_32F, 1.0 / 255);
        Cv2.GaussianBlur(f, f, new Size(0, 0), Blur);
        return f;
    }

    private static double Median(double[] values)
    {
        Array.Sort(values);
        int n = values.Length;
        return n == 0 ? 0 : n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
    }
}
