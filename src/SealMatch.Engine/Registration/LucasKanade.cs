using OpenCvSharp;
using SealMatch.Engine.Geometry;
using SealMatch.Engine.Matching;
using SealMatch.Engine.Specimens;

namespace SealMatch.Engine.Registration;

/// <summary>
/// Inverse-compositional Lucas–Kanade refinement of a similarity transform (Baker and Matthews,
/// 2004) between a specimen (template) and an impression, on blurred ink strength, coarse to fine.
/// Each iteration samples the impression only at the specimen's pixels with structure
/// (<see cref="WarpKernels"/>).
/// </summary>
internal static class LucasKanade
{
    /// <summary>Pyramid levels (mm per pixel) and iterations at each.</summary>
    internal static readonly (double Mm, int Iterations)[] Levels = [(0.4, 4), (0.2, 4)];

    /// <summary>
    /// Template gradient (|∂x| + |∂y|, strength per pixel) below which a pixel cannot move the
    /// estimate: the pixels left out carry under 0.001 % of the gradient energy (Σ ∂x² + ∂y²) on the
    /// benchmark's specimens, and are half the seal.
    /// </summary>
    internal const float MinGradient = 1e-3f;

    /// <summary>Precomputed template side of one pyramid level.</summary>
    internal sealed class TemplateLevel
    {
        public required double Mm { get; init; }

        /// <summary>
        /// Column of each active pixel: a known pixel with image structure (the only ones that move the
        /// estimate). The other Active arrays hold the same pixels in the same order.
        /// </summary>
        public required float[] ActiveX { get; init; }

        /// <summary>Row of each <see cref="ActiveX"/> pixel.</summary>
        public required float[] ActiveY { get; init; }

        /// <summary>Template value of each <see cref="ActiveX"/> pixel.</summary>
        public required float[] ActiveTemplate { get; init; }

        /// <summary>The four steepest-descent values of each <see cref="ActiveX"/> pixel, one array a parameter.</summary>
        public required float[][] ActiveSteepestDescent { get; init; }

        /// <summary>Column of each known pixel (specimen valid within its domain).</summary>
        public required float[] KnownX { get; init; }

        /// <summary>Row of each known pixel.</summary>
        public required float[] KnownY { get; init; }

        /// <summary>Template value of each known pixel.</summary>
        public required float[] KnownTemplate { get; init; }
    }

    /// <summary>Builds the template side of every level for a specimen canvas.</summary>
    public static TemplateLevel[] BuildTemplate(CanonicalSeal specimen)
    {
        var levels = new TemplateLevel[Levels.Length];
        for (int l = 0; l < Levels.Length; l++)
        {
            double f = CanonicalSeal.MillimetresPerPixel / Levels[l].Mm;
            using Mat small = SealRegistrar.Downsample(specimen.Strength, f);
            using var t = new Mat();
            small.ConvertTo(t, MatType.CV_32F, 1.0 / 255);
            Cv2.GaussianBlur(t, t, new Size(0, 0), 1.0);
            using var gx = new Mat();
            using var gy = new Mat();
            Cv2.Sobel(t, gx, MatType.CV_32F, 1, 0, 3, 1.0 / 8);
            Cv2.Sobel(t, gy, MatType.CV_32F, 0, 1, 3, 1.0 / 8);
            using Mat validSmall = SealRegistrar.Downsample(specimen.Valid, f);
            int w = t.Cols, h = t.Rows;
            t.GetArray(out float[] template);
            gx.GetArray(out float[] tx);
            gy.GetArray(out float[] ty);
            validSmall.GetArray(out byte[] valid);

            PointD centre = Similarity.ScalePoint(specimen.Centre, f);
            double cx = centre.X, cy = centre.Y;
            var sda = new float[w * h];
            var sdb = new float[w * h];
            for (int y = 0; y < h; y++)
            {
                for (int x = 0; x < w; x++)
                {
                    int i = y * w + x;
                    float px = (float)(x - cx), py = (float)(y - cy);
                    sda[i] = tx[i] * px + ty[i] * py;
                    sdb[i] = tx[i] * py - ty[i] * px;
                }
            }

            var active = new List<int>();
            var known = new List<int>();
            for (int i = 0; i < valid.Length; i++)
            {
                if (valid[i] > ValidAbove)
                {
                    known.Add(i);
                    if (Math.Abs(tx[i]) + Math.Abs(ty[i]) > MinGradient)
                    {
                        active.Add(i);
                    }
                }
            }

            levels[l] = new TemplateLevel
            {
                Mm = Levels[l].Mm,
                ActiveX = [.. active.Select(i => (float)(i % w))],
                ActiveY = [.. active.Select(i => (float)(i / w))],
                ActiveTemplate = [.. active.Select(i => template[i])],
                ActiveSteepestDescent = [[.. active.Select(i => sda[i])], [.. active.Select(i => sdb[i])], [.. active.Select(i => tx[i])], [.. active.Select(i => ty[i])]],
                KnownX = [.. known.Select(i => (float)(i % w))],
                KnownY = [.. known.Select(i => (float)(i / w))],
                KnownTemplate = [.. known.Select(i => template[i])],
            };
        }

        return levels;
    }

    /// <summary>The impression side of every level: blurred float strength with its validity (above 250 of 255), ready for sampling.</summary>
    internal sealed class ImpressionPyramid
    {
        public ImpressionPyramid(CanonicalSeal impression)
        {
            Images = new PaddedImage[Levels.Length];
            for (int l = 0; l < Levels.Length; l++)
            {
                double f = CanonicalSeal.MillimetresPerPixel / Levels[l].Mm;
                using Mat small = SealRegistrar.Downsample(impression.Strength, f);
                using var image = new Mat();
                small.ConvertTo(image, MatType.CV_32F, 1.0 / 255);
                Cv2.GaussianBlur(image, image, new Size(0, 0), 1.0);
                using Mat valid = SealRegistrar.Downsample(impression.Valid, f);
                Images[l] = new PaddedImage(image.AsSpan<float>(), valid.AsSpan<byte>(), image.Cols, image.Rows, ValidAbove);
            }
        }

        public PaddedImage[] Images { get; }
    }

    /// <summary>A downsampled validity above this (of 255) counts as known: nearly all of the pixel's area observed.</summary>
    private const byte ValidAbove = 250;

    /// <summary>
    /// Refines each starting transform at the coarsest level, keeps the one whose warped impression
    /// correlates best with the specimen, and refines it at the finer levels. Transforms are in
    /// canvas pixels at the canonical scale.
    /// </summary>
    public static (Similarity Transform, double Correlation) Refine(SpecimenFeatures specimen, ImpressionPyramid impression, IReadOnlyList<Similarity> starts)
    {
        double f0 = CanonicalSeal.MillimetresPerPixel / Levels[0].Mm;
        Similarity best = starts[0];
        double bestScore = double.NegativeInfinity;
        foreach (Similarity start in starts)
        {
            (Similarity refined, double score) = RefineLevel(specimen.Template[0], impression.Images[0], start.AtScale(f0), Levels[0].Iterations);
            if (Diagnostics.Enabled)
            {
                Diagnostics.Log($"lk start rot={start.RotationDeg:F1} -> rot={refined.RotationDeg:F2} score={score:F3}");
            }

            if (score > bestScore)
            {
                bestScore = score;
                best = refined.AtScale(1 / f0);
            }
        }

        for (int l = 1; l < Levels.Length; l++)
        {
            double f = CanonicalSeal.MillimetresPerPixel / Levels[l].Mm;
            (Similarity refined, double score) = RefineLevel(specimen.Template[l], impression.Images[l], best.AtScale(f), Levels[l].Iterations, scoreResult: false);
            best = refined.AtScale(1 / f);
        }

        return (best, bestScore);
    }

    /// <summary>Gauss–Newton iterations at one level; returns the transform and the final weighted correlation.</summary>
    private static (Similarity Warp, double Correlation) RefineLevel(TemplateLevel level, PaddedImage image, Similarity warp, int iterations, bool scoreResult = true)
    {
        float[][] sd = level.ActiveSteepestDescent;
        Span<double> hessian = stackalloc double[16];
        Span<double> rhs = stackalloc double[4];
        for (int iter = 0; iter < iterations; iter++)
        {
            // One pass over the pixels that carry structure, sampling the impression through the
            // current warp at those pixels only: e = I(W(x)) − T(x) where both are known;
            // b = Σ SDᵀ·e and H = Σ SDᵀ·SD with the current validity.
            GaussNewtonSums s = WarpKernels.GaussNewton(image, warp.ToAffineMap(), level.ActiveX, level.ActiveY, level.ActiveTemplate, sd[0], sd[1], sd[2], sd[3]);
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

            if (!SolveSymmetric4(hessian, rhs))
            {
                break;
            }

            warp = warp.ComposeInverse(rhs[0], rhs[1], rhs[2], rhs[3]);
            if (Math.Abs(rhs[2]) + Math.Abs(rhs[3]) < 0.01 && Math.Abs(rhs[0]) + Math.Abs(rhs[1]) < 1e-4)
            {
                break;
            }
        }

        return (warp, scoreResult ? WeightedCorrelation(level, image, warp) : double.NaN);
    }

    /// <summary>
    /// How well a transform explains the impression: the share of the impression's ink that lands on
    /// specimen ink, plus a quarter of the share of specimen ink it covers. Ink a genuine impression
    /// shows always lies on the specimen, however much of it is missing; a wrong turn of a square or
    /// oval seal lines up the frame but not the characters. Correlation would instead punish the
    /// missing part of a partial impression as much as the misplaced characters.
    /// </summary>
    private static double WeightedCorrelation(TemplateLevel level, PaddedImage image, Similarity warp)
    {
        (double shared, double impression, double specimen) = WarpKernels.Overlap(image, warp.ToAffineMap(), level.KnownX, level.KnownY, level.KnownTemplate);
        return impression <= 0 || specimen <= 0 ? 0 : shared / impression + 0.25 * shared / specimen;
    }

    /// <summary>Solves H x = b in place (b becomes x) by Gaussian elimination with partial pivoting.</summary>
    internal static bool SolveSymmetric4(Span<double> h, Span<double> b)
    {
        const int N = 4;
        for (int col = 0; col < N; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < N; r++)
            {
                if (Math.Abs(h[r * N + col]) > Math.Abs(h[pivot * N + col]))
                {
                    pivot = r;
                }
            }

            if (Math.Abs(h[pivot * N + col]) < 1e-9)
            {
                return false;
            }

            if (pivot != col)
            {
                for (int k = 0; k < N; k++)
                {
                    (h[col * N + k], h[pivot * N + k]) = (h[pivot * N + k], h[col * N + k]);
                }

                (b[col], b[pivot]) = (b[pivot], b[col]);
            }

            for (int r = col + 1; r < N; r++)
            {
                double factor = h[r * N + col] / h[col * N + col];
                for (int k = col; k < N; k++)
                {
                    h[r * N + k] -= factor * h[col * N + k];
                }

                b[r] -= factor * b[col];
            }
        }

        for (int r = N - 1; r >= 0; r--)
        {
            double sum = b[r];
            for (int k = r + 1; k < N; k++)
            {
                sum -= h[r * N + k] * b[k];
            }

            b[r] = sum / h[r * N + r];
        }

        return true;
    }
}
