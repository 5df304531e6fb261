namespace SealMatch.Engine.Matching;

/// <summary>
/// Scalar reference of <see cref="WarpKernels"/>: the same sampling in float, accumulated in double.
/// </summary>
internal static class WarpKernelsScalar
{
    /// <summary>
    /// Samples <paramref name="image"/> at template point (x, y) through <paramref name="map"/>: false when the
    /// nearest pixel is outside the image or not valid; otherwise the bilinear value (0 outside the image).
    /// </summary>
    public static bool TrySample(PaddedImage image, AffineMap map, float x, float y, out float value)
    {
        float u = map.M00 * x + map.M01 * y + map.M02;
        float v = map.M10 * x + map.M11 * y + map.M12;
        float nu = MathF.Floor(u + 0.5f), nv = MathF.Floor(v + 0.5f);
        if (!(nu >= 0 && nu < image.Width && nv >= 0 && nv < image.Height)
            || image.Valid[((int)nv + 1) * image.Stride + (int)nu + 1] == 0)
        {
            value = 0;
            return false;
        }

        float x0 = MathF.Floor(u), y0 = MathF.Floor(v);
        float ax = u - x0, ay = v - y0;
        int p = ((int)y0 + 1) * image.Stride + (int)x0 + 1;
        float[] values = image.Values;
        float top = values[p] + ax * (values[p + 1] - values[p]);
        float bottom = values[p + image.Stride] + ax * (values[p + image.Stride + 1] - values[p + image.Stride]);
        value = top + ay * (bottom - top);
        return true;
    }

    public static GaussNewtonSums GaussNewton(
        PaddedImage image, AffineMap map, ReadOnlySpan<float> xs, ReadOnlySpan<float> ys, ReadOnlySpan<float> template,
        ReadOnlySpan<float> sd0, ReadOnlySpan<float> sd1, ReadOnlySpan<float> sd2, ReadOnlySpan<float> sd3)
    {
        var s = default(GaussNewtonSums);
        for (int k = 0; k < xs.Length; k++)
        {
            if (!TrySample(image, map, xs[k], ys[k], out float value))
            {
                continue;
            }

            float e = value - template[k];
            double a0 = sd0[k], a1 = sd1[k], a2 = sd2[k], a3 = sd3[k];
            s.B0 += a0 * e;
            s.B1 += a1 * e;
            s.B2 += a2 * e;
            s.B3 += a3 * e;
            s.H00 += a0 * a0;
            s.H01 += a0 * a1;
            s.H02 += a0 * a2;
            s.H03 += a0 * a3;
            s.H11 += a1 * a1;
            s.H12 += a1 * a2;
            s.H13 += a1 * a3;
            s.H22 += a2 * a2;
            s.H23 += a2 * a3;
            s.H33 += a3 * a3;
            s.Count++;
        }

        return s;
    }

    public static (double Shared, double Sampled, double Template) Overlap(
        PaddedImage image, AffineMap map, ReadOnlySpan<float> xs, ReadOnlySpan<float> ys, ReadOnlySpan<float> template)
    {
        double shared = 0, sampled = 0, total = 0;
        for (int k = 0; k < xs.Length; k++)
        {
            if (TrySample(image, map, xs[k], ys[k], out float value))
            {
                shared += Math.Min(template[k], value);
                sampled += value;
                total += template[k];
            }
        }

        return (shared, sampled, total);
    }
}
