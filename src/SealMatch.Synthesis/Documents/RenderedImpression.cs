namespace SealMatch.Synthesis;

/// <summary>
/// An impression ready to composite: per-channel linear transmittance planes (1 = clear) at the output
/// resolution, and its geometry in the planes' pixel frame.
/// </summary>
internal sealed class RenderedImpression
{
    public RenderedImpression(int width, int height, float[] tr, float[] tg, float[] tb, double centreX, double centreY, double rotationDeg, double visibleFraction)
    {
        Width = width;
        Height = height;
        Tr = tr;
        Tg = tg;
        Tb = tb;
        CentreX = centreX;
        CentreY = centreY;
        RotationDeg = rotationDeg;
        VisibleFraction = visibleFraction;
    }

    public int Width { get; }

    public int Height { get; }

    public float[] Tr { get; }

    public float[] Tg { get; }

    public float[] Tb { get; }

    public double CentreX { get; }

    public double CentreY { get; }

    public double RotationDeg { get; }

    public double VisibleFraction { get; }

    /// <summary>Transmittance of a stamp-pad ink over a density map.</summary>
    public static RenderedImpression FromDensity(InkImpression imp, SealInk ink)
    {
        const int Levels = 2048;
        const float MaxDensity = 1.6f;
        var lr = new float[Levels + 1];
        var lg = new float[Levels + 1];
        var lb = new float[Levels + 1];
        for (int i = 0; i <= Levels; i++)
        {
            double d = i * MaxDensity / Levels;
            lr[i] = (float)Math.Exp(-ink.AbsorbanceR * d);
            lg[i] = (float)Math.Exp(-ink.AbsorbanceG * d);
            lb[i] = (float)Math.Exp(-ink.AbsorbanceB * d);
        }

        int n = imp.Width * imp.Height;
        var tr = new float[n];
        var tg = new float[n];
        var tb = new float[n];
        ReadOnlySpan<float> den = imp.Density;
        const float K = Levels / MaxDensity;
        for (int i = 0; i < n; i++)
        {
            int li = Math.Clamp((int)((den[i] * K) + 0.5f), 0, Levels);
            tr[i] = lr[li];
            tg[i] = lg[li];
            tb[i] = lb[li];
        }

        return new RenderedImpression(imp.Width, imp.Height, tr, tg, tb, imp.CentreX, imp.CentreY, imp.RotationDeg, imp.VisibleFraction);
    }
}

/// <summary>Renders an <see cref="ImpressionSource"/> at an output resolution.</summary>
internal static class ImpressionRenderer
{
    public static RenderedImpression Render(ImpressionSource source, double mmPerPixel, SealInk ink, SynthRandom rng)
    {
        if (source.Style == ImpressionStyle.PrintedCopy)
        {
            return PrintedCopy.Render(source, mmPerPixel, ink, rng);
        }

        InkImpression imp = ImpressionSimulator.Render(RubberStamp.For(source.Layout), source.Conditions, mmPerPixel, rng.Fork("stamp"));
        return RenderedImpression.FromDensity(imp, ink);
    }
}
