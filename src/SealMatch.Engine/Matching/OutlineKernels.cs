using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SealMatch.Engine.Matching;

/// <summary>
/// RANSAC's inner loop in the seal detector: how many contour points lie within a tolerance of a circle's or an
/// ellipse's boundary. Points come as separate x and y arrays in double; the vector path does the scalar
/// reference's double operations in the same order, four points at a time, so both count exactly the same.
/// </summary>
internal static class OutlineKernels
{
    /// <summary>The path the public kernels take: 256-bit vectors of doubles where accelerated, else scalar.</summary>
    internal static SimdPath PreferredPath => Vector256.IsHardwareAccelerated ? SimdPath.Vector256 : SimdPath.Scalar;

    /// <summary>Points whose distance from (cx, cy) differs from <paramref name="radius"/> by at most <paramref name="tolerance"/>.</summary>
    public static int CountNearCircle(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, double cx, double cy, double radius, double tolerance) =>
        CountNearCircle(xs, ys, cx, cy, radius, tolerance, PreferredPath);

    /// <summary>
    /// Points within <paramref name="tolerance"/> of the boundary of the ellipse centred at (cx, cy) with half-axes
    /// <paramref name="a"/> and <paramref name="b"/>, turned so that a point's frame coordinates are
    /// x = dx·cos − dy·sin, y = dx·sin + dy·cos; the distance is the radial approximation |ρ − 1|·r/ρ.
    /// </summary>
    public static int CountNearEllipse(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, double cx, double cy, double cos, double sin, double a, double b, double tolerance) =>
        CountNearEllipse(xs, ys, cx, cy, cos, sin, a, b, tolerance, PreferredPath);

    internal static int CountNearCircle(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, double cx, double cy, double radius, double tolerance, SimdPath path)
    {
        ThrowHelper.ThrowIfLengthDiffers(xs.Length, ys.Length, nameof(ys));
        int count = 0, k = 0;
        if (path == SimdPath.Vector256 && Vector256.IsHardwareAccelerated)
        {
            ref double rx = ref MemoryMarshal.GetReference(xs);
            ref double ry = ref MemoryMarshal.GetReference(ys);
            Vector256<double> vcx = Vector256.Create(cx), vcy = Vector256.Create(cy), vr = Vector256.Create(radius), vt = Vector256.Create(tolerance);
            for (; k <= xs.Length - Vector256<double>.Count; k += Vector256<double>.Count)
            {
                Vector256<double> dx = Vector256.LoadUnsafe(ref rx, (nuint)k) - vcx;
                Vector256<double> dy = Vector256.LoadUnsafe(ref ry, (nuint)k) - vcy;
                Vector256<double> distance = Vector256.Sqrt(dx * dx + dy * dy);
                Vector256<double> near = Vector256.LessThanOrEqual(Vector256.Abs(distance - vr), vt);
                count += BitOperations.PopCount(near.ExtractMostSignificantBits());
            }
        }

        return count + OutlineKernelsScalar.CountNearCircle(xs[k..], ys[k..], cx, cy, radius, tolerance);
    }

    internal static int CountNearEllipse(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, double cx, double cy, double cos, double sin, double a, double b, double tolerance, SimdPath path)
    {
        ThrowHelper.ThrowIfLengthDiffers(xs.Length, ys.Length, nameof(ys));
        int count = 0, k = 0;
        if (path == SimdPath.Vector256 && Vector256.IsHardwareAccelerated)
        {
            ref double rx = ref MemoryMarshal.GetReference(xs);
            ref double ry = ref MemoryMarshal.GetReference(ys);
            Vector256<double> vcx = Vector256.Create(cx), vcy = Vector256.Create(cy), vcos = Vector256.Create(cos), vsin = Vector256.Create(sin);
            Vector256<double> aa = Vector256.Create(a * a), bb = Vector256.Create(b * b), vt = Vector256.Create(tolerance);
            Vector256<double> centreDistance = Vector256.Create(Math.Min(a, b)), tiny = Vector256.Create(1e-9), one = Vector256<double>.One;
            for (; k <= xs.Length - Vector256<double>.Count; k += Vector256<double>.Count)
            {
                Vector256<double> dx = Vector256.LoadUnsafe(ref rx, (nuint)k) - vcx;
                Vector256<double> dy = Vector256.LoadUnsafe(ref ry, (nuint)k) - vcy;
                Vector256<double> x = dx * vcos - dy * vsin, y = dx * vsin + dy * vcos;
                Vector256<double> r = Vector256.Sqrt(x * x + y * y);
                Vector256<double> rho = Vector256.Sqrt(x * x / aa + y * y / bb);
                Vector256<double> distance = Vector256.ConditionalSelect(Vector256.LessThan(r, tiny), centreDistance, Vector256.Abs(rho - one) * r / rho);
                count += BitOperations.PopCount(Vector256.LessThanOrEqual(distance, vt).ExtractMostSignificantBits());
            }
        }

        return count + OutlineKernelsScalar.CountNearEllipse(xs[k..], ys[k..], cx, cy, cos, sin, a, b, tolerance);
    }
}

/// <summary>Scalar reference of <see cref="OutlineKernels"/> (the detector's original loops).</summary>
internal static class OutlineKernelsScalar
{
    public static int CountNearCircle(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, double cx, double cy, double radius, double tolerance)
    {
        int count = 0;
        for (int i = 0; i < xs.Length; i++)
        {
            double dx = xs[i] - cx, dy = ys[i] - cy;
            if (Math.Abs(Math.Sqrt(dx * dx + dy * dy) - radius) <= tolerance)
            {
                count++;
            }
        }

        return count;
    }

    public static int CountNearEllipse(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, double cx, double cy, double cos, double sin, double a, double b, double tolerance)
    {
        int count = 0;
        for (int i = 0; i < xs.Length; i++)
        {
            double dx = xs[i] - cx, dy = ys[i] - cy;
            double x = dx * cos - dy * sin, y = dx * sin + dy * cos;
            double r = Math.Sqrt(x * x + y * y);
            double rho = Math.Sqrt(x * x / (a * a) + y * y / (b * b));
            double distance = r < 1e-9 ? Math.Min(a, b) : Math.Abs(rho - 1) * r / rho;
            if (distance <= tolerance)
            {
                count++;
            }
        }

        return count;
    }
}
