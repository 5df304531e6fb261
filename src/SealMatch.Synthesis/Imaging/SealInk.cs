namespace SealMatch.Synthesis;

/// <summary>
/// A seal ink as per-channel absorbance in linear light: transmittance t_c = exp(−A_c · density), and the
/// page's linear reflectance is multiplied by it (ink over print darkens both). Absorbances are chosen so
/// that density 1 on white paper gives the named sRGB colour.
/// </summary>
/// <param name="Colour">Colour family.</param>
/// <param name="AbsorbanceR">Linear-light absorbance, red channel.</param>
/// <param name="AbsorbanceG">Green channel.</param>
/// <param name="AbsorbanceB">Blue channel.</param>
public sealed record SealInk(InkColour Colour, double AbsorbanceR, double AbsorbanceG, double AbsorbanceB)
{
    /// <summary>The ink whose full density on white paper looks like sRGB (r, g, b).</summary>
    public static SealInk FromSrgb(InkColour colour, double r, double g, double b) =>
        new(colour, Absorb(r), Absorb(g), Absorb(b));

    /// <summary>
    /// A stamp-pad ink of the given family with batch variation: red between vermilion (232, 72, 45) and
    /// crimson (196, 30, 62); blue around (45, 75, 165); purple around (112, 48, 140).
    /// </summary>
    public static SealInk Random(InkColour colour, SynthRandom rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        double j() => rng.Uniform(-8, 8);
        switch (colour)
        {
            case InkColour.Red:
            {
                double t = rng.NextDouble();
                (double r, double g, double b) = t < 0.5
                    ? Mix((232, 72, 45), (218, 42, 52), t * 2)
                    : Mix((218, 42, 52), (196, 30, 62), (t - 0.5) * 2);
                return FromSrgb(colour, r + j(), g + j(), b + j());
            }

            case InkColour.Blue:
                return FromSrgb(colour, 45 + j(), 75 + j(), 165 + j());
            default:
                return FromSrgb(colour, 112 + j(), 48 + j(), 140 + j());
        }
    }

    private static (double, double, double) Mix((double R, double G, double B) a, (double R, double G, double B) b, double t) =>
        (a.R + ((b.R - a.R) * t), a.G + ((b.G - a.G) * t), a.B + ((b.B - a.B) * t));

    private static double Absorb(double srgb) => -Math.Log(Math.Max(0.002, ColourSpace.ToLinear(Math.Clamp(srgb, 0, 255) / 255)));
}
