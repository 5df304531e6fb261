using OpenCvSharp;

namespace SealMatch.Synthesis;

/// <summary>
/// Stamps a <see cref="RubberStamp"/> onto paper: maps every output sample back to the rubber (inverse
/// rotation, then minus the elastic displacement), thresholds the signed distance field with a spatially
/// varying offset (ink × pressure stroke-width change, bleed, edge roughness), supersamples ×2 with area
/// averaging, then applies ink level, pressure, the missing side, texture, starvation holes and blur at
/// the output resolution. Single-threaded and deterministic.
/// </summary>
public static class ImpressionSimulator
{
    private const int Supersample = 2;

    private readonly record struct SampleThreshold(float BleedHalf, float Roughness, float Gain, float MaxRelative, float Carved);

    /// <summary>
    /// Renders one impression. Smooth fields come from <paramref name="conditions"/> (so equal conditions
    /// give equal structure); the fine texture is drawn from <paramref name="rng"/>.
    /// </summary>
    public static InkImpression Render(RubberStamp stamp, ImpressionConditions conditions, double mmPerPixel, SynthRandom rng)
    {
        ArgumentNullException.ThrowIfNull(stamp);
        ArgumentNullException.ThrowIfNull(conditions);
        ArgumentNullException.ThrowIfNull(rng);
        if (mmPerPixel <= 0 || mmPerPixel > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(mmPerPixel), mmPerPixel, "Expected a resolution between 0 and 1 mm per pixel.");
        }

        ImpressionConditions c = conditions;
        SealLayout layout = stamp.Layout;
        double s = mmPerPixel;
        double theta = c.RotationDeg * Math.PI / 180;
        double cos = Math.Cos(theta);
        double sin = Math.Sin(theta);
        (double hx, double hy) = layout.RotatedHalfExtents(c.RotationDeg);
        double margin = 0.4 + c.BleedMm + (3 * c.BlurMm) + c.ElasticMaxMm + (0.25 * stamp.NominalStrokeMm);
        int w = (int)Math.Ceiling(2 * (hx + margin) / s) + 2;
        int h = (int)Math.Ceiling(2 * (hy + margin) / s) + 2;
        double cx = Math.Floor((w - 1) / 2.0) + c.PhaseX;
        double cy = Math.Floor((h - 1) / 2.0) + c.PhaseY;
        int n = w * h;

        // Smooth fields on a coarse grid: pressure and elastic displacement (rubber frame, sampled at R⁻¹p).
        var elastic = new ElasticField(layout.WidthMm, layout.HeightMm, c.ElasticMaxMm, c.ElasticScaleMm, c.FieldSeed);
        var ux = new float[n];
        var uy = new float[n];
        var level = new float[n];
        var mottle = new float[n];
        int step = Math.Max(2, (int)(0.5 / s));
        FloatMaps.FillSmooth(ux, uy, w, h, step, (x, y) =>
        {
            double px = (x - cx) * s;
            double py = (y - cy) * s;
            return elastic.At((px * cos) - (py * sin), (px * sin) + (py * cos));
        });

        // Mottling: unit-variance noise on a ~0.35 mm grid, interpolated (drawn from the caller's stream).
        int mstep = Math.Max(2, (int)Math.Round(0.35 / s));
        int mgw = ((w - 1 + mstep - 1) / mstep) + 1;
        var mgrid = new float[mgw * (((h - 1 + mstep - 1) / mstep) + 1)];
        for (int i = 0; i < mgrid.Length; i++)
        {
            mgrid[i] = (rng.NextSingle() - 0.5f) * 3.4641f;
        }

        double ink = c.InkAmount;
        FloatMaps.FillSmooth(level, mottle, w, h, step == mstep ? step : mstep, (x, y) =>
            (ink * c.Pressure.At((x - cx) * s, (y - cy) * s), mgrid[((y / mstep) * mgw) + (x / mstep)]));

        // Fine texture (from the caller's stream): grain, which also seeds the starvation holes.
        float[] grain = FloatMaps.Noise(w, h, c.TextureScaleMm / s, rng);

        // Supersampled coverage, area-averaged into the output grid.
        var coverage = new float[n];
        var threshold = new SampleThreshold(
            (float)(c.BleedMm / 2), (float)c.EdgeRoughnessMm, (float)c.StrokeGain, (float)ImpressionConditions.MaxGenuineStrokeChange, (float)layout.StrokeWidthChange);
        SampleCoverage(stamp, coverage, ux, uy, level, grain, threshold, w, h, cx, cy, s, cos, sin);

        // Missing side.
        float[] cut = CutMask(layout, c, w, h, cx, cy, s);

        double inkSum = 0;
        double visibleSum = 0;
        float amp = (float)c.TextureAmplitude;
        var density = new float[n];
        for (int i = 0; i < n; i++)
        {
            float cov = coverage[i];
            if (cov <= 0)
            {
                continue;
            }

            inkSum += cov;
            float m = cut[i];
            visibleSum += cov * m;
            float l = level[i];
            float sat = l <= 1f ? l * (1.15f - (0.15f * l)) : Math.Min(1.2f, 1f + (0.5f * (l - 1f)));
            float tex = Math.Clamp(1f + (amp * grain[i]) + (0.08f * mottle[i]), 0.2f, 1.6f);

            // Starvation: holes open in the thinnest ink (lowest grain) where the ink is faint.
            float t = 0.9f + (3.5f * Math.Max(0f, l - 0.35f));
            float hole = Math.Clamp((t + grain[i]) / 0.4f, 0f, 1f);
            density[i] = cov * sat * tex * hole * m;
        }

        if (c.Smudge is { } smudge)
        {
            AddGhost(density, w, h, cx, cy, s, smudge);
        }

        double sigma = Math.Sqrt((c.BlurMm * c.BlurMm) + (c.BleedMm * c.BleedMm / 4)) / s;
        FloatMaps.Blur(density, w, h, sigma);
        double visible = inkSum > 0 ? visibleSum / inkSum : 0;
        return new InkImpression(layout, density, coverage, w, h, cx, cy, c.RotationDeg, s, visible);
    }

    private static void SampleCoverage(
        RubberStamp stamp, float[] coverage, float[] ux, float[] uy, float[] level, float[] grain, SampleThreshold th, int w, int h, double cx, double cy, double s, double cos, double sin)
    {
        DistanceLevel level0 = stamp.LevelFor(s / Supersample);
        float[] sdf = level0.Field;
        float[] hwMap = stamp.HalfWidthMap;
        int sw = level0.Width;
        int sh = level0.Height;
        int hwCols = stamp.HalfWidthColumns;
        int hwRows = stamp.HalfWidthRows;
        double invRes = 1 / level0.ResolutionMm;
        double ox = level0.OriginX;
        double oy = level0.OriginY;
        float ssPitch = (float)(s / Supersample);
        float invPitch = 1f / ssPitch;
        const float Quarter = 1f / (Supersample * Supersample);
        float hwInv = (float)(level0.ResolutionMm / (stamp.ResolutionMm * RubberStamp.HalfWidthStep));
        float reach = -(0.32f + (0.6f * (float)s));

        // Sub-sample distance from the pixel centre (0.35 px) + ramp half-width (0.25 px) + nearest-sample error.
        float band = (0.6f * (float)s) + (0.75f * (float)level0.ResolutionMm);

        // One output pixel in x or y, and a quarter pixel, expressed in rubber pixels.
        double pxX = s * cos * invRes;
        double pxY = s * sin * invRes;
        float qxX = (float)(pxX / 4);
        float qxY = (float)(pxY / 4);
        float qyX = (float)(-s * sin * invRes / 4);
        float qyY = (float)(s * cos * invRes / 4);
        for (int y = 0; y < h; y++)
        {
            double py = (y - cy) * s;
            double px0 = -cx * s;
            double rx = (((px0 * cos) - (py * sin)) * invRes) + ox;
            double ry = (((px0 * sin) + (py * cos)) * invRes) + oy;
            int row = y * w;
            for (int x = 0; x < w; x++, rx += pxX, ry += pxY)
            {
                int oi = row + x;
                float sx = (float)(rx - (ux[oi] * invRes));
                float sy = (float)(ry - (uy[oi] * invRes));
                int nx = (int)(sx + 0.5f);
                int ny = (int)(sy + 0.5f);
                if (sx < 1 || sy < 1 || nx >= sw - 2 || ny >= sh - 2)
                {
                    continue;
                }

                float near = sdf[(ny * sw) + nx];
                if (near < reach)
                {
                    continue;
                }

                int hxI = Math.Min((int)((sx * hwInv) + 0.5f), hwCols - 1);
                int hyI = Math.Min((int)((sy * hwInv) + 0.5f), hwRows - 1);
                float hw = hwMap[(hyI * hwCols) + hxI];
                float rel = Math.Clamp(th.Gain * (level[oi] - 1f), -th.MaxRelative, th.MaxRelative) + th.Carved;
                float offset = (rel * hw) + th.BleedHalf + (th.Roughness * Math.Clamp(grain[oi], -3f, 3f));

                // All four sub-samples lie within `band` of the nearest field sample: decide the pixel at once when it is
                // clearly outside or inside.
                float t = near + offset;
                if (t < -band)
                {
                    continue;
                }

                if (t > band)
                {
                    coverage[oi] = 1f;
                    continue;
                }

                float acc = 0;
                for (int k = 0; k < 4; k++)
                {
                    float fxk = (k & 1) == 0 ? -1f : 1f;
                    float fyk = (k & 2) == 0 ? -1f : 1f;
                    float qx = sx + (fxk * qxX) + (fyk * qyX);
                    float qy = sy + (fxk * qxY) + (fyk * qyY);
                    int x0 = (int)qx;
                    int y0 = (int)qy;
                    float fx = qx - x0;
                    float fy = qy - y0;
                    int p = (y0 * sw) + x0;
                    float a = sdf[p] + (fx * (sdf[p + 1] - sdf[p]));
                    float b = sdf[p + sw] + (fx * (sdf[p + sw + 1] - sdf[p + sw]));
                    float cov = ((a + (fy * (b - a)) + offset) * invPitch) + 0.5f;
                    acc += cov <= 0f ? 0f : cov >= 1f ? 1f : cov;
                }

                coverage[oi] = acc * Quarter;
            }
        }
    }

    /// <summary>Adds a shifted faint copy of the density on one side of the seal (a double impression).</summary>
    private static void AddGhost(float[] density, int w, int h, double cx, double cy, double s, Smudge smudge)
    {
        double a = smudge.DirectionDeg * Math.PI / 180;
        double dx = smudge.OffsetMm * Math.Cos(a) / s;
        double dy = -smudge.OffsetMm * Math.Sin(a) / s;
        var shifted = new float[w * h];
        using (Mat src = Mat.FromPixelData(h, w, MatType.CV_32FC1, density))
        using (Mat dst = Mat.FromPixelData(h, w, MatType.CV_32FC1, shifted))
        using (Mat m = Mat.FromPixelData(2, 3, MatType.CV_64FC1, new double[] { 1, 0, dx, 0, 1, dy }))
        {
            Cv2.WarpAffine(src, dst, m, new Size(w, h), InterpolationFlags.Linear, BorderTypes.Constant, Scalar.All(0));
        }

        double sa = smudge.SideDeg * Math.PI / 180;
        double nx = Math.Cos(sa);
        double ny = -Math.Sin(sa);
        double fade = 3 / s;
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                int i = (y * w) + x;
                double side = (((x - cx) * nx) + ((y - cy) * ny)) / fade;
                float weight = (float)(smudge.Strength * Math.Clamp(0.5 + side, 0, 1));
                density[i] = Math.Max(density[i], density[i] + (weight * shifted[i] * (1 - Math.Min(1f, density[i]))));
            }
        }
    }

    /// <summary>1 where ink can reach, 0 on the missing side, with a soft ragged boundary.</summary>
    private static float[] CutMask(SealLayout layout, ImpressionConditions c, int w, int h, double cx, double cy, double s)
    {
        var m = new float[w * h];
        if (c.Cut is not { } cut)
        {
            Array.Fill(m, 1f);
            return m;
        }

        double a = cut.DirectionDeg * Math.PI / 180;
        double nx = Math.Cos(a);
        double ny = -Math.Sin(a);
        double t0 = CutLine(layout, c.RotationDeg, nx, ny, cut.AreaFraction);

        // Ragged offset along the line: three sinusoids of 1.5–6 mm wavelength, tabulated every 0.05 mm.
        var rr = new SynthRandom(c.FieldSeed ^ 0x5DEECE66DUL);
        double r = Math.Max(layout.WidthMm, layout.HeightMm);
        const double TableStep = 0.05;
        int tn = (int)(2 * r / TableStep) + 2;
        var table = new float[tn];
        var lam = new double[3];
        var ph = new double[3];
        var amp = new double[3];
        for (int k = 0; k < 3; k++)
        {
            lam[k] = rr.Uniform(1.5, 6);
            ph[k] = rr.Uniform(0, 2 * Math.PI);
            amp[k] = rr.Uniform(0.3, 1.0);
        }

        double ampSum = amp[0] + amp[1] + amp[2];
        for (int i = 0; i < tn; i++)
        {
            double q = (i * TableStep) - r;
            double v = 0;
            for (int k = 0; k < 3; k++)
            {
                v += amp[k] * Math.Sin((2 * Math.PI * q / lam[k]) + ph[k]);
            }

            table[i] = (float)(cut.RaggednessMm * v / ampSum);
        }

        double soft = Math.Max(0.05, cut.SoftnessMm);
        var unused = new float[w * h];
        int step = Math.Max(1, (int)(0.12 / s));
        FloatMaps.FillSmooth(m, unused, w, h, Math.Max(2, step), (x, y) =>
        {
            double px = (x - cx) * s;
            double py = (y - cy) * s;
            double along = (px * -ny) + (py * nx);
            int ti = Math.Clamp((int)((along + r) / TableStep), 0, tn - 1);
            double d = (px * nx) + (py * ny) - t0 + table[ti];
            double v = Math.Clamp(0.5 - (d / soft), 0, 1);
            return (v * v * (3 - (2 * v)), 0);
        });
        return m;
    }

    /// <summary>Position t0 of the cut line along (nx, ny) (paper frame) leaving <paramref name="fraction"/> of the footprint beyond it.</summary>
    internal static double CutLine(SealLayout layout, double rotationDeg, double nx, double ny, double fraction)
    {
        const int G = 120;
        double theta = rotationDeg * Math.PI / 180;
        double cos = Math.Cos(theta);
        double sin = Math.Sin(theta);
        var proj = new List<double>(G * G);
        for (int j = 0; j < G; j++)
        {
            double y = ((j + 0.5) / G - 0.5) * layout.HeightMm;
            for (int i = 0; i < G; i++)
            {
                double x = ((i + 0.5) / G - 0.5) * layout.WidthMm;
                if (!layout.FootprintContains(x, y))
                {
                    continue;
                }

                // Design → paper: counter-clockwise rotation in y-down coordinates.
                double px = (x * cos) + (y * sin);
                double py = (-x * sin) + (y * cos);
                proj.Add((px * nx) + (py * ny));
            }
        }

        proj.Sort();
        int idx = Math.Clamp((int)Math.Round((1 - fraction) * (proj.Count - 1)), 0, proj.Count - 1);
        return proj[idx];
    }
}
