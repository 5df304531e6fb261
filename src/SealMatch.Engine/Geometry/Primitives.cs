namespace SealMatch.Engine.Geometry;

/// <summary>An axis-aligned box in image pixels (x, y of the top-left corner).</summary>
public readonly record struct PixelBox(int X, int Y, int Width, int Height)
{
    /// <summary>Right edge (exclusive).</summary>
    public int Right => X + Width;

    /// <summary>Bottom edge (exclusive).</summary>
    public int Bottom => Y + Height;

    /// <summary>Area in pixels.</summary>
    public long Area => (long)Width * Height;

    /// <summary>Centre of the box.</summary>
    public PointD Centre => new(X + Width / 2.0, Y + Height / 2.0);

    /// <summary>Intersection over union with another box; 0 when they do not overlap.</summary>
    public double IntersectionOverUnion(PixelBox other)
    {
        int x0 = Math.Max(X, other.X), y0 = Math.Max(Y, other.Y);
        int x1 = Math.Min(Right, other.Right), y1 = Math.Min(Bottom, other.Bottom);
        if (x1 <= x0 || y1 <= y0)
        {
            return 0;
        }

        double inter = (double)(x1 - x0) * (y1 - y0);
        return inter / (Area + other.Area - inter);
    }

    /// <summary>This box clipped to an image of the given size.</summary>
    public PixelBox ClipTo(int width, int height)
    {
        int x0 = Math.Clamp(X, 0, width), y0 = Math.Clamp(Y, 0, height);
        int x1 = Math.Clamp(Right, 0, width), y1 = Math.Clamp(Bottom, 0, height);
        return new PixelBox(x0, y0, x1 - x0, y1 - y0);
    }

    /// <summary>This box grown by <paramref name="margin"/> pixels on every side.</summary>
    public PixelBox Inflate(int margin) => new(X - margin, Y - margin, Width + 2 * margin, Height + 2 * margin);

    /// <summary>The box as [x, y, w, h].</summary>
    public int[] ToArray() => [X, Y, Width, Height];
}

/// <summary>A point in continuous pixel or millimetre coordinates.</summary>
public readonly record struct PointD(double X, double Y)
{
    /// <summary>Euclidean distance to another point.</summary>
    public double DistanceTo(PointD other) => Math.Sqrt((X - other.X) * (X - other.X) + (Y - other.Y) * (Y - other.Y));
}

/// <summary>Unit conversions between millimetres, inches and pixels.</summary>
public static class Units
{
    /// <summary>Millimetres per inch.</summary>
    public const double MillimetresPerInch = 25.4;

    /// <summary>Millimetres covered by one pixel at the given resolution.</summary>
    public static double MillimetresPerPixel(double dpi) => MillimetresPerInch / dpi;
}
