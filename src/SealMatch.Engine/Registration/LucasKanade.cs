using System.Numerics.Tensors;
using OpenCvSharp;
using SealMatch.Engine.Geometry;
using SealMatch.Engine.Specimens;

namespace SealMatch.Engine.Registration;

/// <summary>
/// Inverse-compositional Lucas–Kanade refinement of a similarity transform (Baker and Matthews,
/// 2004) between a specimen (template) and an impression, on blurred ink strength, coarse to fine.
/// Dense arrays and <see cref="TensorPrimitives"/> keep each iteration to a few vector passes.
/// </summary>
internal static class LucasKanade
{
    /// <summary>Pyramid levels (mm per pixel) and iterations at each.</summary>
    internal static readonly (double Mm, int Iterations)[] Levels = [(0.4, 4), (0.2, 4)];

    /// <summary>Precomputed template side of one pyramid level.</summary>
    internal sealed class TemplateLevel
    {
        public required double Mm { get; init; }

        public required int Width { get; init; }

        public required int Height { get; init; }

        public required float[] Template { get; init; }

        /// <summary>Steepest-descent images for (a, b, tx, ty), each Width×Height.</summary>
        public required float[][] SteepestDescent { get; init; }

        /// <summary>Specimen validity × domain (0 or 1).</summary>
        public required float[] Weight { get; init; }

        /// <summary>Indices of the known pixels with image structure (the only ones that move the estimate).</summary>
        public required int[] Active { get; init; }
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
            var weight = new float[w * h];
            for (int y = 0; y < h; y++)
            {
                for (int x = 0; x < w; x++)
                {
                    int i = y * w + x;
                    float px = (float)(x - cx), py = (float)(y - cy);
                    sda[i] = tx[i] * px + ty[i] * py;
                    sdb[i] = tx[i] * py - ty[i] * px;
                    weight[i] = valid[i] > 250 ? 1f : 0f;
                }
            }

            var active = new List<int>();
            for (int i = 0; i < weight.Length; i++)
            {
                if (weight[i] > 0 && Math.Abs(tx[i]) + Math.Abs(ty[i]) > 1e-4f)
                {
                    active.Add(i);
                }
            }

            levels[l] = new TemplateLevel
            {
                Mm = Levels[l].Mm,
                Width = w,
                Height = h,
                Template = template,
                SteepestDescent = [sda, sdb, tx, ty],
                Weight = weight,
                Active = [.. active],
            };
        }

        return levels;
    }

    /// <summary>The impression side of every level: blurred float strength and validity.</summary>
    internal sealed class ImpressionPyramid : IDisposable
    {
        public ImpressionPyramid(CanonicalSeal impression)
        {
            Images = new Mat[Levels.Length];
            Valid = new Mat[Levels.Length];
            for (int l = 0; l < Levels.Length; l++)
            {
                double f = CanonicalSeal.MillimetresPerPixel / Levels[l].Mm;
                using Mat small = SealRegistrar.Downsample(impression.Strength, f);
                var image = new Mat();
                small.ConvertTo(image, MatType.CV_32F, 1.0 / 255);
                Cv2.GaussianBlur(image, image, new Size(0, 0), 1.0);
                Images[l] = image;
                Valid[l] = SealRegistrar.Downsample(impression.Valid, f);
            }
        }

        public Mat[] Images { get; }

        public Mat[] Valid { get; }

        public void Dispose()
        {
            foreach (Mat m in Images.Concat(Valid))
            {
                m.Dispose();
            }
        }
    }

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
            (Similarity refined, double score) = RefineLevel(specimen.Template[0], impression.Images[0], impression.Valid[0], start.AtScale(f0), Levels[0].Iterations);
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
            (Similarity refined, double score) = RefineLevel(specimen.Template[l], impression.Images[l], impression.Valid[l], best.AtScale(f), Levels[l].Iterations, scoreResult: false);
            best = refined.AtScale(1 / f);
        }

        return (best, bestScore);
    }

    /// <summary>Gauss–Newton iterations at one level; returns the transform and the final weighted correlation.</summary>
    private static (Similarity Warp, double Correlation) RefineLevel(TemplateLevel level, Mat image, Mat imageValid, Similarity warp, int iterations, bool scoreResult = true)
    {
        float[][] sd = level.SteepestDescent;
        int[] active = level.Active;
        Span<double> hessian = stackalloc double[16];
        Span<double> rhs = stackalloc double[4];
        var size = new Size(level.Width, level.Height);
        using var warpedMat = new Mat();
        using var validMat = new Mat();
        for (int iter = 0; iter < iterations; iter++)
        {
            using Mat m = warp.ToMat();
            Cv2.WarpAffine(image, warpedMat, m, size, InterpolationFlags.Linear | InterpolationFlags.WarpInverseMap, BorderTypes.Constant, Scalar.All(0));
            Cv2.WarpAffine(imageValid, validMat, m, size, InterpolationFlags.Nearest | InterpolationFlags.WarpInverseMap, BorderTypes.Constant, Scalar.All(0));
            ReadOnlySpan<float> warped = warpedMat.AsSpan<float>();
            ReadOnlySpan<byte> validWarped = validMat.AsSpan<byte>();

            // One fused pass over the pixels that carry structure: e = I(W(x)) − T(x) where both
            // are known; b = Σ SDᵀ·e and H = Σ SDᵀ·SD with the current validity.
            double b0 = 0, b1 = 0, b2 = 0, b3 = 0;
            double h00 = 0, h01 = 0, h02 = 0, h03 = 0, h11 = 0, h12 = 0, h13 = 0, h22 = 0, h23 = 0, h33 = 0;
            float[] s0 = sd[0], s1 = sd[1], s2 = sd[2], s3 = sd[3], t = level.Template;
            foreach (int i in active)
            {
                if (validWarped[i] <= 250)
                {
                    continue;
                }

                double e = warped[i] - t[i];
                double a0 = s0[i], a1 = s1[i], a2 = s2[i], a3 = s3[i];
                b0 += a0 * e;
                b1 += a1 * e;
                b2 += a2 * e;
                b3 += a3 * e;
                h00 += a0 * a0;
                h01 += a0 * a1;
                h02 += a0 * a2;
                h03 += a0 * a3;
                h11 += a1 * a1;
                h12 += a1 * a2;
                h13 += a1 * a3;
                h22 += a2 * a2;
                h23 += a2 * a3;
                h33 += a3 * a3;
            }

            rhs[0] = b0;
            rhs[1] = b1;
            rhs[2] = b2;
            rhs[3] = b3;
            hessian[0] = h00;
            hessian[1] = hessian[4] = h01;
            hessian[2] = hessian[8] = h02;
            hessian[3] = hessian[12] = h03;
            hessian[5] = h11;
            hessian[6] = hessian[9] = h12;
            hessian[7] = hessian[13] = h13;
            hessian[10] = h22;
            hessian[11] = hessian[14] = h23;
            hessian[15] = h33;

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

        return (warp, scoreResult ? WeightedCorrelation(level, image, imageValid, warp) : double.NaN);
    }

    /// <summary>
    /// How well a transform explains the impression: the share of the impression's ink that lands on
    /// specimen ink, plus a quarter of the share of specimen ink it covers. Ink a genuine impression
    /// shows always lies on the specimen, however much of it is missing; a wrong turn of a square or
    /// oval seal lines up the frame but not the characters. Correlation would instead punish the
    /// missing part of a partial impression as much as the misplaced characters.
    /// </summary>
    private static double WeightedCorrelation(TemplateLevel level, Mat image, Mat imageValid, Similarity warp)
    {
        var size = new Size(level.Width, level.Height);
        using Mat m = warp.ToMat();
        using var warpedMat = new Mat();
        using var validMat = new Mat();
        Cv2.WarpAffine(image, warpedMat, m, size, InterpolationFlags.Linear | InterpolationFlags.WarpInverseMap, BorderTypes.Constant, Scalar.All(0));
        Cv2.WarpAffine(imageValid, validMat, m, size, InterpolationFlags.Nearest | InterpolationFlags.WarpInverseMap, BorderTypes.Constant, Scalar.All(0));
        ReadOnlySpan<float> x = warpedMat.AsSpan<float>();
        ReadOnlySpan<byte> v = validMat.AsSpan<byte>();
        float[] t = level.Template;
        double shared = 0, impression = 0, specimen = 0;
        for (int i = 0; i < t.Length; i++)
        {
            if (v[i] > 250 && level.Weight[i] > 0)
            {
                double a = t[i], b = x[i];
                shared += Math.Min(a, b);
                impression += b;
                specimen += a;
            }
        }

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
