using OpenCvSharp;

namespace SealMatch.Synthesis;

/// <summary>Small helpers over row-major float maps (OpenCV wraps the managed arrays without copying).</summary>
internal static class FloatMaps
{
    /// <summary>In-place Gaussian blur with σ in pixels (no-op below 0.2 px).</summary>
    public static void Blur(float[] data, int width, int height, double sigmaPx)
    {
        if (sigmaPx < 0.2)
        {
            return;
        }

        using Mat m = Mat.FromPixelData(height, width, MatType.CV_32FC1, data);
        Cv2.GaussianBlur(m, m, new Size(0, 0), sigmaPx, sigmaPx, BorderTypes.Reflect101);
    }

    /// <summary>Zero-mean, unit-variance noise with a Gaussian correlation of σ pixels (white below 0.35 px).</summary>
    public static float[] Noise(int width, int height, double sigmaPx, SynthRandom rng)
    {
        var a = new float[width * height];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = rng.NextSingle() - 0.5f;
        }

        if (sigmaPx >= 0.35)
        {
            Blur(a, width, height, sigmaPx);
        }

        Normalise(a);
        return a;
    }

    /// <summary>Scales to zero mean and unit variance.</summary>
    public static void Normalise(float[] a)
    {
        double sum = 0;
        double sum2 = 0;
        foreach (float v in a)
        {
            sum += v;
            sum2 += v * (double)v;
        }

        double mean = sum / a.Length;
        double sd = Math.Sqrt(Math.Max(1e-12, (sum2 / a.Length) - (mean * mean)));
        float fm = (float)mean;
        float inv = (float)(1 / sd);
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = (a[i] - fm) * inv;
        }
    }

    /// <summary>
    /// Fills two maps from a smooth function evaluated on a coarse grid every <paramref name="step"/> pixels and
    /// interpolated bilinearly in between (for fields that vary over millimetres).
    /// </summary>
    public static void FillSmooth(float[] a, float[] b, int width, int height, int step, Func<int, int, (double A, double B)> f)
    {
        int gw = ((width - 1 + step - 1) / step) + 1;
        int gh = ((height - 1 + step - 1) / step) + 1;
        var ga = new float[gw * gh];
        var gb = new float[gw * gh];
        for (int j = 0; j < gh; j++)
        {
            for (int i = 0; i < gw; i++)
            {
                (double va, double vb) = f(i * step, j * step);
                ga[(j * gw) + i] = (float)va;
                gb[(j * gw) + i] = (float)vb;
            }
        }

        float inv = 1f / step;
        for (int y = 0; y < height; y++)
        {
            int j = Math.Min(y / step, gh - 2);
            float fy = (y - (j * step)) * inv;
            int row = y * width;
            for (int x = 0; x < width; x++)
            {
                int i = Math.Min(x / step, gw - 2);
                float fx = (x - (i * step)) * inv;
                int p = (j * gw) + i;
                float a0 = ga[p] + (fx * (ga[p + 1] - ga[p]));
                float a1 = ga[p + gw] + (fx * (ga[p + gw + 1] - ga[p + gw]));
                a[row + x] = a0 + (fy * (a1 - a0));
                float b0 = gb[p] + (fx * (gb[p + 1] - gb[p]));
                float b1 = gb[p + gw] + (fx * (gb[p + gw + 1] - gb[p + gw]));
                b[row + x] = b0 + (fy * (b1 - b0));
            }
        }
    }
}
