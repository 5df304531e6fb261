namespace SealMatch.Synthesis;

/// <summary>
/// A seal as a seal maker specifies it. All geometry in millimetres, seal centre at the origin,
/// x to the right and y down (as on the printed page), angles in degrees.
/// </summary>
public sealed record SealDesign
{
    /// <summary>Stable identifier of the design (the physical seal).</summary>
    public required string Id { get; init; }

    /// <summary>What the seal is for.</summary>
    public required SealKind Kind { get; init; }

    /// <summary>Outline.</summary>
    public required SealShape Shape { get; init; }

    /// <summary>Ink colour used with this seal.</summary>
    public InkColour Ink { get; init; } = InkColour.Red;

    /// <summary>Outer width (diameter for round seals).</summary>
    public required double WidthMm { get; init; }

    /// <summary>Outer height.</summary>
    public required double HeightMm { get; init; }

    /// <summary>Stroke width of the outer border, measured inwards from the outer edge.</summary>
    public required double BorderWidthMm { get; init; }

    /// <summary>Corner radius of square and rectangular outlines.</summary>
    public double CornerRadiusMm { get; init; }

    /// <summary>Optional thin inner ring.</summary>
    public InnerRingSpec? InnerRing { get; init; }

    /// <summary>Text along the upper arc (round and oval seals).</summary>
    public ArcTextSpec? ArcText { get; init; }

    /// <summary>Five-pointed star.</summary>
    public StarSpec? Star { get; init; }

    /// <summary>Horizontal text lines (财务专用章, 转讫, a date…).</summary>
    public IReadOnlyList<TextLineSpec> Lines { get; init; } = [];

    /// <summary>Serial digits along the lower arc.</summary>
    public SerialSpec? Serial { get; init; }

    /// <summary>Characters in a grid, columns read right to left (name seals, square finance seals).</summary>
    public GridTextSpec? Grid { get; init; }

    /// <summary>Horizontal rules (bank stamps).</summary>
    public IReadOnlyList<RuleSpec> Rules { get; init; } = [];

    /// <summary>Extra outline weight added to every character (emboldening), in mm.</summary>
    public double TextWeightMm { get; init; }

    /// <summary>Every character that appears on the seal.</summary>
    public string AllText()
    {
        var sb = new System.Text.StringBuilder();
        sb.Append(ArcText?.Text);
        foreach (TextLineSpec l in Lines)
        {
            sb.Append(l.Text);
        }

        sb.Append(Serial?.Digits);
        sb.Append(Grid?.Text);
        return sb.ToString();
    }
}

/// <summary>Thin ring inside the border.</summary>
/// <param name="GapMm">Gap between the border's inner edge and this ring's outer edge.</param>
/// <param name="StrokeMm">Stroke width of the ring.</param>
public sealed record InnerRingSpec(double GapMm, double StrokeMm);

/// <summary>Text along the upper arc, centred on the top, reading clockwise.</summary>
/// <param name="Text">Characters.</param>
/// <param name="Font">Typeface.</param>
/// <param name="CharHeightMm">Character height (of an ideograph like 国).</param>
/// <param name="SpanDeg">Angle between the centres of the first and last character, seen from the seal centre.</param>
/// <param name="InsetMm">Gap between the border's inner edge (or inner ring) and the top of the characters.</param>
/// <param name="WidthScale">Horizontal scale of each character (seal characters are usually narrow).</param>
public sealed record ArcTextSpec(string Text, SealFont Font, double CharHeightMm, double SpanDeg, double InsetMm, double WidthScale);

/// <summary>Five-pointed star.</summary>
/// <param name="DiameterMm">Diameter of the circle through the five points.</param>
/// <param name="RotationDeg">Rotation counter-clockwise from point-up.</param>
/// <param name="CentreYMm">Vertical position of the star centre.</param>
public sealed record StarSpec(double DiameterMm, double RotationDeg, double CentreYMm);

/// <summary>A horizontal line of characters centred at (CentreXMm, CentreYMm).</summary>
/// <param name="Text">Characters.</param>
/// <param name="Font">Typeface.</param>
/// <param name="CharHeightMm">Character height.</param>
/// <param name="WidthScale">Horizontal scale of each character.</param>
/// <param name="CentreYMm">Vertical centre of the line.</param>
/// <param name="LetterSpacingMm">Extra gap between consecutive characters (may be negative).</param>
/// <param name="CentreXMm">Horizontal centre of the line.</param>
public sealed record TextLineSpec(string Text, SealFont Font, double CharHeightMm, double WidthScale, double CentreYMm, double LetterSpacingMm, double CentreXMm = 0);

/// <summary>Serial digits along the lower arc, reading left to right, character bottoms toward the border.</summary>
/// <param name="Digits">The digits (13 on Chinese company seals).</param>
/// <param name="Font">Typeface.</param>
/// <param name="CharHeightMm">Digit height.</param>
/// <param name="SpanDeg">Angle between the first and last digit centres.</param>
/// <param name="InsetMm">Gap between the border's inner edge and the bottom of the digits.</param>
/// <param name="WidthScale">Horizontal scale.</param>
public sealed record SerialSpec(string Digits, SealFont Font, double CharHeightMm, double SpanDeg, double InsetMm, double WidthScale);

/// <summary>
/// Characters in a grid inside the border: filled column by column, columns from right to left, each
/// column top to bottom (the traditional order of name seals).
/// </summary>
/// <param name="Text">Characters in reading order.</param>
/// <param name="ColumnCounts">Characters per column, rightmost column first; their sum is the text length.</param>
/// <param name="Font">Typeface.</param>
/// <param name="PaddingMm">Gap between the border's inner edge and the character cells.</param>
/// <param name="Inverted">白文: the inside is solid ink and the characters are cut out.</param>
/// <param name="Fill">Fraction of a cell a character occupies (0.75–0.95).</param>
public sealed record GridTextSpec(string Text, IReadOnlyList<int> ColumnCounts, SealFont Font, double PaddingMm, bool Inverted, double Fill);

/// <summary>A horizontal rule across the seal at CentreYMm, LengthMm long.</summary>
/// <param name="CentreYMm">Vertical position.</param>
/// <param name="LengthMm">Length.</param>
/// <param name="StrokeMm">Stroke width.</param>
public sealed record RuleSpec(double CentreYMm, double LengthMm, double StrokeMm);
