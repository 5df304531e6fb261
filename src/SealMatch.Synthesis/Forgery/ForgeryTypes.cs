namespace SealMatch.Synthesis;

/// <summary>Classes of forged impressions.</summary>
public enum ForgeryClass
{
    /// <summary>Re-carved from a copy: same text, font and layout, one sub-millimetre change.</summary>
    F1ReCarved,

    /// <summary>Look-alike: same text, different font, spacing, arc span or character size.</summary>
    F2LookAlike,

    /// <summary>A genuine impression reproduced on a colour printer (CMY halftone).</summary>
    F3PrintedCopy,

    /// <summary>Another genuine seal of the same customer (e.g. the company seal where the finance seal is expected).</summary>
    F4OtherSealOfCustomer,

    /// <summary>A seal of an unrelated company, same kind and shape class.</summary>
    F5Unrelated,
}

/// <summary>One recorded change of a forged carving relative to the genuine layout.</summary>
/// <param name="Element">Element name (e.g. <c>arc[3]</c>, <c>star</c>, <c>ring.outer</c>, <c>*</c> for all).</param>
/// <param name="Kind">What changed: shift, rotate, star-scale, star-rotate, star-move, ring-size, stroke-width, jitter, font, spacing, span, char-size, printed-copy, other-seal, unrelated.</param>
/// <param name="Amount">Magnitude: mm for shifts and sizes, degrees for rotations, relative for scales and stroke width.</param>
/// <param name="DirectionDeg">Direction of a shift (counter-clockwise from +x, design frame), else 0.</param>
public sealed record ForgeryChange(string Element, string Kind, double Amount, double DirectionDeg = 0);

/// <summary>How an impression got onto the paper.</summary>
public enum ImpressionStyle
{
    /// <summary>A rubber stamp with stamp-pad ink.</summary>
    Stamped,

    /// <summary>Printed on a colour printer from an image of a genuine impression.</summary>
    PrintedCopy,
}

/// <summary>What an impression is, for evaluation.</summary>
public enum ImpressionLabel
{
    /// <summary>The expected, genuine seal.</summary>
    Genuine,

    /// <summary>A forgery (see the forgery class).</summary>
    Forged,

    /// <summary>The bank's own processing stamp: not to be verified.</summary>
    BankStamp,

    /// <summary>Anything else.</summary>
    Other,
}

/// <summary>Colour printer used for a printed copy.</summary>
/// <param name="PrinterDpi">Printer resolution (600 typical).</param>
/// <param name="ScreenLpi">Halftone screen frequency in lines per inch (150–200); 0 = error diffusion.</param>
/// <param name="CyanAngleDeg">Screen angle of cyan.</param>
/// <param name="MagentaAngleDeg">Screen angle of magenta.</param>
/// <param name="YellowAngleDeg">Screen angle of yellow.</param>
/// <param name="EdgeBlurMm">Softening of the copied image (σ, 0.04–0.1 mm).</param>
/// <param name="Flatten">How strongly density is pulled toward a uniform level (0.4–0.8).</param>
/// <param name="DotGain">Growth of printed dots (0–0.15 of the cell).</param>
public sealed record PrinterSettings(
    int PrinterDpi, double ScreenLpi, double CyanAngleDeg, double MagentaAngleDeg, double YellowAngleDeg, double EdgeBlurMm, double Flatten, double DotGain)
{
    /// <summary>A random office colour printer.</summary>
    public static PrinterSettings Random(SynthRandom rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        double baseAngle = rng.Uniform(0, 15);
        return new PrinterSettings(
            rng.Bernoulli(0.7) ? 600 : 1200,
            rng.Bernoulli(0.8) ? rng.Uniform(150, 200) : 0,
            15 + baseAngle,
            75 + baseAngle,
            0 + baseAngle,
            rng.Uniform(0.04, 0.1),
            rng.Uniform(0.4, 0.8),
            rng.Uniform(0, 0.15));
    }
}

/// <summary>
/// Everything needed to put one impression on a document: the carving, how it was applied, its
/// conditions and what it is.
/// </summary>
public sealed record ImpressionSource
{
    /// <summary>The carving stamped (or, for a printed copy, the genuine carving whose impression was copied).</summary>
    public required SealLayout Layout { get; init; }

    /// <summary>Stamping conditions (for a printed copy: those of the copied genuine impression).</summary>
    public required ImpressionConditions Conditions { get; init; }

    /// <summary>Stamped or printed.</summary>
    public ImpressionStyle Style { get; init; } = ImpressionStyle.Stamped;

    /// <summary>Label for evaluation.</summary>
    public ImpressionLabel Label { get; init; } = ImpressionLabel.Genuine;

    /// <summary>Forgery class when <see cref="Label"/> is Forged.</summary>
    public ForgeryClass? Forgery { get; init; }

    /// <summary>Design id of the seal expected where this impression is placed (for forgeries: the imitated one).</summary>
    public string? ExpectedDesignId { get; init; }

    /// <summary>Recorded changes of a forgery.</summary>
    public IReadOnlyList<ForgeryChange> Changes { get; init; } = [];

    /// <summary>Stamp-pad ink; null draws one of the layout's colour family per document.</summary>
    public SealInk? Ink { get; init; }

    /// <summary>Printer of a printed copy (null: drawn at random).</summary>
    public PrinterSettings? Printer { get; init; }

    /// <summary>A genuine stamped impression of <paramref name="layout"/>.</summary>
    public static ImpressionSource Genuine(SealLayout layout, ImpressionConditions conditions)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return new ImpressionSource { Layout = layout, Conditions = conditions, ExpectedDesignId = layout.DesignId };
    }
}
