namespace SealMatch.Synthesis;

/// <summary>
/// A seal compiled into explicit elements (millimetres, seal centre at the origin, y down), in drawing
/// order: ink elements add ink, cut glyphs remove it. Forgeries are made by editing this list.
/// </summary>
public sealed record SealLayout
{
    /// <summary>Identifier of this carving (a forgery gets its own id).</summary>
    public required string Id { get; init; }

    /// <summary>Identifier of the design it was compiled from (a forgery keeps the imitated design's id).</summary>
    public required string DesignId { get; init; }

    /// <summary>Kind of seal.</summary>
    public required SealKind Kind { get; init; }

    /// <summary>Outline of the footprint.</summary>
    public required SealShape Shape { get; init; }

    /// <summary>Footprint width (outer size of the border).</summary>
    public required double WidthMm { get; init; }

    /// <summary>Footprint height.</summary>
    public required double HeightMm { get; init; }

    /// <summary>Footprint corner radius (square/rectangle).</summary>
    public double CornerRadiusMm { get; init; }

    /// <summary>Ink colour.</summary>
    public InkColour Ink { get; init; } = InkColour.Red;

    /// <summary>Elements in drawing order.</summary>
    public required IReadOnlyList<SealElement> Elements { get; init; }

    /// <summary>
    /// Relative stroke-width change carved into the rubber (0 for genuine seals; a re-carved forgery may
    /// have ±0.08–0.15): every edge moves outward by this fraction of the local half stroke width.
    /// </summary>
    public double StrokeWidthChange { get; init; }

    /// <summary>The element with the given name, or null.</summary>
    public SealElement? Find(string name)
    {
        foreach (SealElement e in Elements)
        {
            if (e.Name == name)
            {
                return e;
            }
        }

        return null;
    }

    /// <summary>
    /// Half extents of the footprint's axis-aligned bounding box after a counter-clockwise rotation by
    /// <paramref name="rotationDeg"/> (y-down coordinates).
    /// </summary>
    public (double HalfWidth, double HalfHeight) RotatedHalfExtents(double rotationDeg)
    {
        double a = WidthMm / 2;
        double b = HeightMm / 2;
        double t = rotationDeg * Math.PI / 180;
        double c = Math.Abs(Math.Cos(t));
        double s = Math.Abs(Math.Sin(t));
        if (Shape is SealShape.Round or SealShape.Oval)
        {
            return (Math.Sqrt((a * a * c * c) + (b * b * s * s)), Math.Sqrt((a * a * s * s) + (b * b * c * c)));
        }

        return ((a * c) + (b * s), (a * s) + (b * c));
    }

    /// <summary>True when the design-frame point (x, y) in mm lies inside the footprint.</summary>
    public bool FootprintContains(double x, double y)
    {
        double a = WidthMm / 2;
        double b = HeightMm / 2;
        if (Shape is SealShape.Round or SealShape.Oval)
        {
            return ((x * x) / (a * a)) + ((y * y) / (b * b)) <= 1;
        }

        double r = Math.Min(CornerRadiusMm, Math.Min(a, b));
        double dx = Math.Abs(x) - (a - r);
        double dy = Math.Abs(y) - (b - r);
        if (dx <= 0 || dy <= 0)
        {
            return Math.Abs(x) <= a && Math.Abs(y) <= b;
        }

        return (dx * dx) + (dy * dy) <= r * r;
    }
}
