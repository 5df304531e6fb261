using OpenCvSharp;

namespace SealMatch.Synthesis;

/// <summary>Scanner effects on an 8-bit BGR image.</summary>
internal static class Scanner
{
    /// <summary>
    /// Scans a composed page: skew about the image centre, optical blur, colour cast, illumination gradient and
    /// sensor noise, then encodes. Returns the file and the 2×3 affine map from page pixels to image pixels.
    /// </summary>
    public static (byte[] File, double[] Affine) Scan(RgbPage page, ScanSettings scan, SynthRandom rng)
    {
        using Mat bgr = page.ToBgrMat();
        var center = new Point2f((page.Width - 1) / 2f, (page.Height - 1) / 2f);
        using Mat m = Cv2.GetRotationMatrix2D(center, scan.SkewDeg, 1.0);
        double[] affine = [m.At<double>(0, 0), m.At<double>(0, 1), m.At<double>(0, 2), m.At<double>(1, 0), m.At<double>(1, 1), m.At<double>(1, 2)];
        using Mat skewed = new Mat();
        if (Math.Abs(scan.SkewDeg) > 1e-9)
        {
            Cv2.WarpAffine(bgr, skewed, m, bgr.Size(), InterpolationFlags.Linear, BorderTypes.Constant, new Scalar(235, 235, 235));
        }
        else
        {
            bgr.CopyTo(skewed);
        }

        if (scan.BlurSigmaPx >= 0.2)
        {
            Cv2.GaussianBlur(skewed, skewed, new Size(0, 0), scan.BlurSigmaPx);
        }

        ApplyCastAndNoise(skewed, scan, rng);
        byte[] file = ImageEncoding.Encode(skewed, scan.Format, scan.JpegQuality, scan.WriteDpiMetadata ? scan.Dpi : null);
        return (file, affine);
    }

    /// <summary>Adds zero-mean sensor noise of <paramref name="sigma"/> grey levels.</summary>
    public static void AddSensorNoise(Mat bgr, double sigma, SynthRandom rng) =>
        ApplyCastAndNoise(bgr, new ScanSettings { NoiseSigma = sigma }, rng);

    private static void ApplyCastAndNoise(Mat bgr, ScanSettings s, SynthRandom rng)
    {
        int w = bgr.Width;
        int h = bgr.Height;
        byte[] data = MatBytes.Read(bgr);

        // Gaussian noise table (4096 entries, in 1/16 levels) indexed by a xorshift stream seeded from rng.
        const int TableSize = 4096;
        var table = new short[TableSize];
        for (int i = 0; i < TableSize; i++)
        {
            table[i] = (short)Math.Round(rng.Normal(0, s.NoiseSigma * 16));
        }

        uint state = (uint)(rng.NextUInt64() | 1);
        float gb = (float)s.GainB;
        float gg = (float)s.GainG;
        float gr = (float)s.GainR;
        float ob = (float)s.OffsetB;
        float og = (float)s.OffsetG;
        float or = (float)s.OffsetR;
        double dir = s.IlluminationDirectionDeg * Math.PI / 180;
        double diag = Math.Abs(Math.Cos(dir) * (w - 1)) + Math.Abs(Math.Sin(dir) * (h - 1));
        float ix = (float)(s.IlluminationGradient * Math.Cos(dir) / Math.Max(1, diag));
        float iy = (float)(-s.IlluminationGradient * Math.Sin(dir) / Math.Max(1, diag));
        bool noise = s.NoiseSigma > 0;
        for (int y = 0; y < h; y++)
        {
            float illum = 1f + ((y - ((h - 1) / 2f)) * iy) - (((w - 1) / 2f) * ix);
            int o = y * w * 3;
            for (int x = 0; x < w; x++, illum += ix, o += 3)
            {
                float nb = 0;
                float ng = 0;
                float nr = 0;
                if (noise)
                {
                    state ^= state << 13;
                    state ^= state >> 17;
                    state ^= state << 5;
                    nb = table[state & (TableSize - 1)] * 0.0625f;
                    ng = table[(state >> 12) & (TableSize - 1)] * 0.0625f;
                    nr = table[(state >> 20) & (TableSize - 1)] * 0.0625f;
                }

                data[o] = Clamp((data[o] * gb * illum) + ob + nb);
                data[o + 1] = Clamp((data[o + 1] * gg * illum) + og + ng);
                data[o + 2] = Clamp((data[o + 2] * gr * illum) + or + nr);
            }
        }

        MatBytes.Write(bgr, data);
    }

    private static byte Clamp(float v) => v <= 0 ? (byte)0 : v >= 255 ? (byte)255 : (byte)(v + 0.5f);
}
