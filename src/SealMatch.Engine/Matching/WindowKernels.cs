using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SealMatch.Engine.Matching;

/// <summary>
/// The right-hand side of a windowed Lucas–Kanade step, summed over one window only: with the masked error
/// e = (impression − specimen)·mask, the sums Σ J0·e, Σ J1·e, Σ J2·e and Σ e over a rectangle of images that
/// share one row length. The local-shift measurement needs them at a few hundred grid windows, not at every
/// pixel as a box filter of the whole image computes them.
/// </summary>
/// <remarks>
/// The vector path adds eight pixels of a row at a time in float and each row's partial sums in double; the
/// scalar reference adds every product in double. They differ in the last bits (about 1e-6 relative).
/// </remarks>
internal static class WindowKernels
{
    /// <summary>The path the public kernel takes: 256-bit float vectors where accelerated, else scalar.</summary>
    internal static SimdPath PreferredPath => Vector256.IsHardwareAccelerated ? SimdPath.Vector256 : SimdPath.Scalar;

    /// <summary>The images of one window sum: row-major, one row length for all.</summary>
    internal readonly ref struct ErrorImages(
        ReadOnlySpan<float> impression, ReadOnlySpan<float> specimen, ReadOnlySpan<float> mask,
        ReadOnlySpan<float> j0, ReadOnlySpan<float> j1, ReadOnlySpan<float> j2, int stride)
    {
        public readonly ReadOnlySpan<float> Impression = impression, Specimen = specimen, Mask = mask, J0 = j0, J1 = j1, J2 = j2;
        public readonly int Stride = stride;
    }

    /// <summary>The four sums over columns [x, x + width) and rows [y, y + height), into <paramref name="sums"/> (J0, J1, J2, 1).</summary>
    public static void ErrorSums(in ErrorImages images, int x, int y, int width, int height, Span<double> sums) =>
        ErrorSums(images, x, y, width, height, sums, PreferredPath);

    internal static void ErrorSums(in ErrorImages images, int x, int y, int width, int height, Span<double> sums, SimdPath path)
    {
        Validate(images, x, y, width, height, sums);
        if (path != SimdPath.Vector256 || !Vector256.IsHardwareAccelerated)
        {
            WindowKernelsScalar.ErrorSums(images, x, y, width, height, sums);
            return;
        }

        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int vectorWidth = width - width % Vector256<float>.Count;
        for (int row = y; row < y + height; row++)
        {
            int start = row * images.Stride + x;
            ref float i = ref MemoryMarshal.GetReference(images.Impression[start..]);
            ref float s = ref MemoryMarshal.GetReference(images.Specimen[start..]);
            ref float m = ref MemoryMarshal.GetReference(images.Mask[start..]);
            ref float a = ref MemoryMarshal.GetReference(images.J0[start..]);
            ref float b = ref MemoryMarshal.GetReference(images.J1[start..]);
            ref float c = ref MemoryMarshal.GetReference(images.J2[start..]);
            Vector256<float> v0 = default, v1 = default, v2 = default, v3 = default;
            for (int k = 0; k < vectorWidth; k += Vector256<float>.Count)
            {
                nuint at = (nuint)k;
                Vector256<float> e = (Vector256.LoadUnsafe(ref i, at) - Vector256.LoadUnsafe(ref s, at)) * Vector256.LoadUnsafe(ref m, at);
                v0 += Vector256.LoadUnsafe(ref a, at) * e;
                v1 += Vector256.LoadUnsafe(ref b, at) * e;
                v2 += Vector256.LoadUnsafe(ref c, at) * e;
                v3 += e;
            }

            s0 += Vector256.Sum(v0);
            s1 += Vector256.Sum(v1);
            s2 += Vector256.Sum(v2);
            s3 += Vector256.Sum(v3);
        }

        sums[0] = s0;
        sums[1] = s1;
        sums[2] = s2;
        sums[3] = s3;
        if (vectorWidth < width)
        {
            Span<double> rest = stackalloc double[4];
            WindowKernelsScalar.ErrorSums(images, x + vectorWidth, y, width - vectorWidth, height, rest);
            for (int r = 0; r < 4; r++)
            {
                sums[r] += rest[r];
            }
        }
    }

    private static void Validate(in ErrorImages images, int x, int y, int width, int height, Span<double> sums)
    {
        int length = images.Impression.Length;
        if (images.Specimen.Length != length || images.Mask.Length != length || images.J0.Length != length || images.J1.Length != length || images.J2.Length != length)
        {
            throw new ArgumentException("The window's images must all have the same length.", nameof(images));
        }

        if (sums.Length < 4)
        {
            throw new ArgumentException("Four sums are written.", nameof(sums));
        }

        if (x < 0 || y < 0 || width < 0 || height < 0 || x + width > images.Stride || (long)(y + height) * images.Stride > length)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"Window ({x}, {y}) {width} × {height} lies outside the images.");
        }
    }
}

/// <summary>Scalar reference of <see cref="WindowKernels"/>.</summary>
internal static class WindowKernelsScalar
{
    public static void ErrorSums(in WindowKernels.ErrorImages images, int x, int y, int width, int height, Span<double> sums)
    {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (int row = y; row < y + height; row++)
        {
            for (int col = x; col < x + width; col++)
            {
                int p = row * images.Stride + col;
                float e = (images.Impression[p] - images.Specimen[p]) * images.Mask[p];
                s0 += (double)images.J0[p] * e;
                s1 += (double)images.J1[p] * e;
                s2 += (double)images.J2[p] * e;
                s3 += e;
            }
        }

        sums[0] = s0;
        sums[1] = s1;
        sums[2] = s2;
        sums[3] = s3;
    }
}
