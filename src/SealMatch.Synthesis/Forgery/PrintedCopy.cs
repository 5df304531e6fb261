using OpenCvSharp;

namespace SealMatch.Synthesis;

/// <summary>
/// F3: a genuine impression reproduced by a colour printer. The genuine impression is simulated as usual
/// at printer resolution, softened (blur 0.04–0.1 mm), flattened toward a uniform density, separated into
/// cyan, magenta and yellow coverage, halftoned (clustered dots at 150–200 lpi with screen angles, or
/// Floyd–Steinberg error diffusion), printed with printer inks (red = magenta + yellow dots) and averaged
/// down to the output resolution. Only the seal's region is rendered at printer resolution.
/// </summary>
internal static class PrintedCopy
{
    // Linear transmittance of full printer ink per channel (R, G, B).
    private static readonly float[] Cyan = [0.08f, 0.62f, 0.90f];
    private static readonly float[] Magenta = [0.88f, 0.08f, 0.42f];
    private static readonly float[] Yellow = [0.95f, 0.88f, 0.05f];

    public static RenderedImpression Render(ImpressionSource source, double mmPerPixel, SealInk ink, SynthRandom rng)
    {
        PrinterSettings printer = source.Printer ?? PrinterSettings.Random(rng.Fork("printer"));
        double pmm = 25.4 / printer.PrinterDpi;
        InkImpression imp = ImpressionSimulator.Render(RubberStamp.For(source.Layout), source.Conditions, pmm, rng.Fork("copied"));
        int w = imp.Width;
        int h = imp.Height;
        int n = w * h;
        var d = (float[])imp.DensityArray.Clone();
        FloatMaps.Blur(d, w, h, printer.EdgeBlurMm / pmm);

        // Flatten: wherever there is ink, density is pulled toward one level.
        float f = (float)printer.Flatten;
        const float Level = 0.85f;
        for (int i = 0; i < n; i++)
        {
            d[i] = ((1 - f) * d[i]) + (f * Level * Math.Min(1f, d[i] / 0.3f));
        }

        // Separation: aim for the stamp ink's colour at that density.
        var cov = new float[3][];
        for (int k = 0; k < 3; k++)
        {
            cov[k] = new float[n];
        }

        double[] absorb = [ink.AbsorbanceR, ink.AbsorbanceG, ink.AbsorbanceB];
        float[][] inks = [Cyan, Magenta, Yellow];
        Span<double> target = stackalloc double[3];
        Span<double> c = stackalloc double[3];
        for (int i = 0; i < n; i++)
        {
            if (d[i] <= 0.003f)
            {
                continue;
            }

            for (int ch = 0; ch < 3; ch++)
            {
                target[ch] = Math.Exp(-absorb[ch] * d[i]);
                c[ch] = 0;
            }

            // Coverages whose mixed transmittance (each ink's average over its cell) matches the target per channel;
            // channel k is driven by ink k (C→R, M→G, Y→B), accounting for the other inks' side absorption.
            for (int iter = 0; iter < 4; iter++)
            {
                for (int k = 0; k < 3; k++)
                {
                    double others = 1;
                    for (int j = 0; j < 3; j++)
                    {
                        if (j != k)
                        {
                            others *= 1 - (c[j] * (1 - inks[j][k]));
                        }
                    }

                    double want = target[k] / Math.Max(0.05, others);
                    c[k] = Math.Clamp((1 - want) / (1 - inks[k][k]), 0, 1);
                }
            }

            for (int k = 0; k < 3; k++)
            {
                cov[k][i] = (float)Math.Clamp(c[k] + (printer.DotGain * 4 * c[k] * (1 - c[k])), 0, 1);
            }
        }

        var dots = new bool[3][];
        double[] angles = [printer.CyanAngleDeg, printer.MagentaAngleDeg, printer.YellowAngleDeg];
        for (int k = 0; k < 3; k++)
        {
            dots[k] = printer.ScreenLpi > 0
                ? ClusteredDot(cov[k], w, h, printer.ScreenLpi / printer.PrinterDpi, angles[k], rng.NextDouble(), rng.NextDouble())
                : ErrorDiffusion(cov[k], w, h);
        }

        var planes = new float[3][];
        for (int ch = 0; ch < 3; ch++)
        {
            var t = new float[n];
            for (int i = 0; i < n; i++)
            {
                float v = 1f;
                for (int k = 0; k < 3; k++)
                {
                    if (dots[k][i])
                    {
                        v *= inks[k][ch];
                    }
                }

                t[i] = v;
            }

            planes[ch] = t;
        }

        // Average down to the output resolution (area), keeping the centre's position exact.
        double scale = pmm / mmPerPixel;
        var outPlanes = new float[3][];
        int ow = 0;
        int oh = 0;
        for (int ch = 0; ch < 3; ch++)
        {
            using Mat src = Mat.FromPixelData(h, w, MatType.CV_32FC1, planes[ch]);
            using Mat dst = new Mat();
            Cv2.Resize(src, dst, new Size(0, 0), scale, scale, InterpolationFlags.Area);
            ow = dst.Width;
            oh = dst.Height;
            dst.GetArray(out float[] arr);
            outPlanes[ch] = arr;
        }

        double sx = ow / (double)w;
        double sy = oh / (double)h;
        double cx = ((imp.CentreX + 0.5) * sx) - 0.5;
        double cy = ((imp.CentreY + 0.5) * sy) - 0.5;
        return new RenderedImpression(ow, oh, outPlanes[0], outPlanes[1], outPlanes[2], cx, cy, imp.RotationDeg, imp.VisibleFraction);
    }

    /// <summary>Clustered-dot screen: a dot grows from each cell centre of a rotated square screen of <paramref name="cellsPerPixel"/> cells per pixel.</summary>
    private static bool[] ClusteredDot(float[] coverage, int w, int h, double cellsPerPixel, double angleDeg, double phaseU, double phaseV)
    {
        var dots = new bool[w * h];
        double a = angleDeg * Math.PI / 180;
        double ca = Math.Cos(a) * cellsPerPixel;
        double sa = Math.Sin(a) * cellsPerPixel;
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                double u = (x * ca) + (y * sa) + phaseU;
                double v = (-x * sa) + (y * ca) + phaseV;
                u -= Math.Floor(u);
                v -= Math.Floor(v);

                // Euclidean spot: a round dot whose area equals the coverage (up to π/4, where dots touch).
                double du = u - 0.5;
                double dv = v - 0.5;
                double spot = (du * du) + (dv * dv);
                double threshold = Math.Min(1.0, Math.PI * spot);
                int i = (y * w) + x;
                dots[i] = coverage[i] > threshold;
            }
        }

        return dots;
    }

    private static bool[] ErrorDiffusion(float[] coverage, int w, int h)
    {
        var err = (float[])coverage.Clone();
        var dots = new bool[w * h];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                int i = (y * w) + x;
                bool on = err[i] >= 0.5f;
                dots[i] = on;
                float e = err[i] - (on ? 1f : 0f);
                if (x + 1 < w)
                {
                    err[i + 1] += e * 7 / 16;
                }

                if (y + 1 < h)
                {
                    if (x > 0)
                    {
                        err[i + w - 1] += e * 3 / 16;
                    }

                    err[i + w] += e * 5 / 16;
                    if (x + 1 < w)
                    {
                        err[i + w + 1] += e * 1 / 16;
                    }
                }
            }
        }

        return dots;
    }
}
