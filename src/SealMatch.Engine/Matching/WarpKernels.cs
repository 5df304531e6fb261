using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SealMatch.Engine.Matching;

/// <summary>
/// Image registration at scattered template pixels: each pixel (x, y) is mapped into the image by an affine
/// map, sampled bilinearly where its nearest image pixel is valid, and the samples are reduced to the sums
/// that Lucas–Kanade needs. Only the pixels that carry structure are visited, about half the canvas,
/// instead of warping the whole image with OpenCV (whose float remap has no vector path).
/// </summary>
/// <remarks>
/// The AVX2 path samples eight pixels at once with gathers from <see cref="PaddedImage"/> (its zero border
/// spares the bounds checks) and accumulates in float over blocks of 256 pixels, each block added in double.
/// It samples exactly the points and values of the scalar reference (same float operations in the same
/// order); the sums differ from the reference's double accumulation in the last bits (about 1e-6 relative).
/// </remarks>
internal static class WarpKernels
{
    private const int BlockVectors = 32;

    /// <summary>The path the public kernels take: AVX2 gathers where available, else scalar.</summary>
    internal static SimdPath PreferredPath => SimdPaths.IsVector256Supported ? SimdPath.Vector256 : SimdPath.Scalar;

    /// <summary>
    /// Σ over the sampled pixels k of SD_k·e_k and SD_k·SD_kᵀ, with e_k = I(W(x_k)) − T_k and SD_k =
    /// (<paramref name="sd0"/>[k], …, <paramref name="sd3"/>[k]); pixels whose nearest image pixel is outside
    /// the image or not valid are skipped.
    /// </summary>
    public static GaussNewtonSums GaussNewton(
        PaddedImage image, AffineMap map, ReadOnlySpan<float> xs, ReadOnlySpan<float> ys, ReadOnlySpan<float> template,
        ReadOnlySpan<float> sd0, ReadOnlySpan<float> sd1, ReadOnlySpan<float> sd2, ReadOnlySpan<float> sd3) =>
        GaussNewton(image, map, xs, ys, template, sd0, sd1, sd2, sd3, PreferredPath);

    /// <summary>Σ min(T_k, I_k), Σ I_k and Σ T_k over the sampled pixels (see <see cref="GaussNewton(PaddedImage, AffineMap, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float})"/>).</summary>
    public static (double Shared, double Sampled, double Template) Overlap(
        PaddedImage image, AffineMap map, ReadOnlySpan<float> xs, ReadOnlySpan<float> ys, ReadOnlySpan<float> template) =>
        Overlap(image, map, xs, ys, template, PreferredPath);

    internal static GaussNewtonSums GaussNewton(
        PaddedImage image, AffineMap map, ReadOnlySpan<float> xs, ReadOnlySpan<float> ys, ReadOnlySpan<float> template,
        ReadOnlySpan<float> sd0, ReadOnlySpan<float> sd1, ReadOnlySpan<float> sd2, ReadOnlySpan<float> sd3, SimdPath path)
    {
        ArgumentNullException.ThrowIfNull(image);
        ThrowHelper.ThrowIfLengthDiffers(xs.Length, ys.Length, nameof(ys));
        ThrowHelper.ThrowIfLengthDiffers(xs.Length, template.Length, nameof(template));
        ThrowHelper.ThrowIfLengthDiffers(xs.Length, sd0.Length, nameof(sd0));
        ThrowHelper.ThrowIfLengthDiffers(xs.Length, sd1.Length, nameof(sd1));
        ThrowHelper.ThrowIfLengthDiffers(xs.Length, sd2.Length, nameof(sd2));
        ThrowHelper.ThrowIfLengthDiffers(xs.Length, sd3.Length, nameof(sd3));
        if (path != SimdPath.Vector256 || !SimdPaths.IsVector256Supported)
        {
            return WarpKernelsScalar.GaussNewton(image, map, xs, ys, template, sd0, sd1, sd2, sd3);
        }

        int vectorEnd = xs.Length - xs.Length % Vector256<float>.Count;
        GaussNewtonSums sums = GaussNewtonVector256(image, map, xs, ys, template, sd0, sd1, sd2, sd3, vectorEnd);
        GaussNewtonSums tail = WarpKernelsScalar.GaussNewton(image, map, xs[vectorEnd..], ys[vectorEnd..], template[vectorEnd..],
            sd0[vectorEnd..], sd1[vectorEnd..], sd2[vectorEnd..], sd3[vectorEnd..]);
        sums.Add(tail);
        return sums;
    }

    internal static (double Shared, double Sampled, double Template) Overlap(
        PaddedImage image, AffineMap map, ReadOnlySpan<float> xs, ReadOnlySpan<float> ys, ReadOnlySpan<float> template, SimdPath path)
    {
        ArgumentNullException.ThrowIfNull(image);
        ThrowHelper.ThrowIfLengthDiffers(xs.Length, ys.Length, nameof(ys));
        ThrowHelper.ThrowIfLengthDiffers(xs.Length, template.Length, nameof(template));
        if (path != SimdPath.Vector256 || !SimdPaths.IsVector256Supported)
        {
            return WarpKernelsScalar.Overlap(image, map, xs, ys, template);
        }

        int vectorEnd = xs.Length - xs.Length % Vector256<float>.Count;
        (double shared, double sampled, double total) = OverlapVector256(image, map, xs, ys, template, vectorEnd);
        (double s, double i, double t) = WarpKernelsScalar.Overlap(image, map, xs[vectorEnd..], ys[vectorEnd..], template[vectorEnd..]);
        return (shared + s, sampled + i, total + t);
    }

    /// <summary>
    /// Samples eight template points: the bilinear values, and the mask (all bits set) of the lanes whose nearest
    /// image pixel is inside the image and valid; other lanes read the border's zeros.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector256<float> Sample8(
        float* values, float* valid, in Geometry8 g, Vector256<float> x, Vector256<float> y, out Vector256<float> mask)
    {
        Vector256<float> u = g.M00 * x + g.M01 * y + g.M02;
        Vector256<float> v = g.M10 * x + g.M11 * y + g.M12;
        Vector256<float> nu = Vector256.Floor(u + g.Half);
        Vector256<float> nv = Vector256.Floor(v + g.Half);
        Vector256<float> inside = Vector256.GreaterThanOrEqual(nu, Vector256<float>.Zero) & Vector256.LessThan(nu, g.Width)
            & Vector256.GreaterThanOrEqual(nv, Vector256<float>.Zero) & Vector256.LessThan(nv, g.Height);
        Vector256<int> insideBits = inside.AsInt32();
        Vector256<int> nearest = (Vector256.ConvertToInt32(nv) + Vector256<int>.One) * g.Stride + Vector256.ConvertToInt32(nu) + Vector256<int>.One;
        Vector256<float> validity = Avx2.GatherVector256(valid, nearest & insideBits, 4);
        mask = inside & ~Vector256.Equals(validity, Vector256<float>.Zero);

        Vector256<float> x0 = Vector256.Floor(u), y0 = Vector256.Floor(v);
        Vector256<float> ax = u - x0, ay = v - y0;
        Vector256<int> p = ((Vector256.ConvertToInt32(y0) + Vector256<int>.One) * g.Stride + Vector256.ConvertToInt32(x0) + Vector256<int>.One) & mask.AsInt32();
        Vector256<float> p00 = Avx2.GatherVector256(values, p, 4);
        Vector256<float> p01 = Avx2.GatherVector256(values, p + Vector256<int>.One, 4);
        Vector256<float> p10 = Avx2.GatherVector256(values, p + g.Stride, 4);
        Vector256<float> p11 = Avx2.GatherVector256(values, p + g.Stride + Vector256<int>.One, 4);
        Vector256<float> top = p00 + ax * (p01 - p00);
        Vector256<float> bottom = p10 + ax * (p11 - p10);
        return top + ay * (bottom - top);
    }

    private readonly struct Geometry8(PaddedImage image, AffineMap map)
    {
        public readonly Vector256<float> M00 = Vector256.Create(map.M00), M01 = Vector256.Create(map.M01), M02 = Vector256.Create(map.M02);
        public readonly Vector256<float> M10 = Vector256.Create(map.M10), M11 = Vector256.Create(map.M11), M12 = Vector256.Create(map.M12);
        public readonly Vector256<float> Half = Vector256.Create(0.5f);
        public readonly Vector256<float> Width = Vector256.Create((float)image.Width), Height = Vector256.Create((float)image.Height);
        public readonly Vector256<int> Stride = Vector256.Create(image.Stride);
    }

    private static unsafe GaussNewtonSums GaussNewtonVector256(
        PaddedImage image, AffineMap map, ReadOnlySpan<float> xs, ReadOnlySpan<float> ys, ReadOnlySpan<float> template,
        ReadOnlySpan<float> sd0, ReadOnlySpan<float> sd1, ReadOnlySpan<float> sd2, ReadOnlySpan<float> sd3, int vectorEnd)
    {
        var sums = default(GaussNewtonSums);
        var g = new Geometry8(image, map);
        ref float rx = ref MemoryMarshal.GetReference(xs);
        ref float ry = ref MemoryMarshal.GetReference(ys);
        ref float rt = ref MemoryMarshal.GetReference(template);
        ref float r0 = ref MemoryMarshal.GetReference(sd0);
        ref float r1 = ref MemoryMarshal.GetReference(sd1);
        ref float r2 = ref MemoryMarshal.GetReference(sd2);
        ref float r3 = ref MemoryMarshal.GetReference(sd3);
        fixed (float* values = image.Values, valid = image.Valid)
        {
            for (int block = 0; block < vectorEnd; block += BlockVectors * Vector256<float>.Count)
            {
                int end = Math.Min(vectorEnd, block + BlockVectors * Vector256<float>.Count);
                Vector256<float> b0 = default, b1 = default, b2 = default, b3 = default;
                Vector256<float> h00 = default, h01 = default, h02 = default, h03 = default, h11 = default;
                Vector256<float> h12 = default, h13 = default, h22 = default, h23 = default, h33 = default;
                for (int k = block; k < end; k += Vector256<float>.Count)
                {
                    nuint i = (nuint)k;
                    Vector256<float> value = Sample8(values, valid, g, Vector256.LoadUnsafe(ref rx, i), Vector256.LoadUnsafe(ref ry, i), out Vector256<float> mask);
                    sums.Count += BitOperations.PopCount(mask.ExtractMostSignificantBits());
                    Vector256<float> e = (value - Vector256.LoadUnsafe(ref rt, i)) & mask;
                    Vector256<float> a0 = Vector256.LoadUnsafe(ref r0, i) & mask;
                    Vector256<float> a1 = Vector256.LoadUnsafe(ref r1, i) & mask;
                    Vector256<float> a2 = Vector256.LoadUnsafe(ref r2, i) & mask;
                    Vector256<float> a3 = Vector256.LoadUnsafe(ref r3, i) & mask;
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

                sums.B0 += Sum(b0);
                sums.B1 += Sum(b1);
                sums.B2 += Sum(b2);
                sums.B3 += Sum(b3);
                sums.H00 += Sum(h00);
                sums.H01 += Sum(h01);
                sums.H02 += Sum(h02);
                sums.H03 += Sum(h03);
                sums.H11 += Sum(h11);
                sums.H12 += Sum(h12);
                sums.H13 += Sum(h13);
                sums.H22 += Sum(h22);
                sums.H23 += Sum(h23);
                sums.H33 += Sum(h33);
            }
        }

        return sums;
    }

    private static unsafe (double Shared, double Sampled, double Template) OverlapVector256(
        PaddedImage image, AffineMap map, ReadOnlySpan<float> xs, ReadOnlySpan<float> ys, ReadOnlySpan<float> template, int vectorEnd)
    {
        double shared = 0, sampled = 0, total = 0;
        var g = new Geometry8(image, map);
        ref float rx = ref MemoryMarshal.GetReference(xs);
        ref float ry = ref MemoryMarshal.GetReference(ys);
        ref float rt = ref MemoryMarshal.GetReference(template);
        fixed (float* values = image.Values, valid = image.Valid)
        {
            for (int block = 0; block < vectorEnd; block += BlockVectors * Vector256<float>.Count)
            {
                int end = Math.Min(vectorEnd, block + BlockVectors * Vector256<float>.Count);
                Vector256<float> s = default, i = default, t = default;
                for (int k = block; k < end; k += Vector256<float>.Count)
                {
                    nuint at = (nuint)k;
                    Vector256<float> value = Sample8(values, valid, g, Vector256.LoadUnsafe(ref rx, at), Vector256.LoadUnsafe(ref ry, at), out Vector256<float> mask);
                    Vector256<float> specimen = Vector256.LoadUnsafe(ref rt, at) & mask;
                    value &= mask;
                    s += Vector256.Min(specimen, value);
                    i += value;
                    t += specimen;
                }

                shared += Sum(s);
                sampled += Sum(i);
                total += Sum(t);
            }
        }

        return (shared, sampled, total);
    }

    /// <summary>Sum of the lanes in double (each lane is a block's partial sum).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Sum(Vector256<float> v)
    {
        (Vector256<double> lower, Vector256<double> upper) = Vector256.Widen(v);
        return Vector256.Sum(lower + upper);
    }
}
