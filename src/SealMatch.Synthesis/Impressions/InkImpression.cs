namespace SealMatch.Synthesis;

/// <summary>An axis-aligned box in pixels (x, y of the top-left corner; pixel centres at integers).</summary>
/// <param name="X">Left edge.</param>
/// <param name="Y">Top edge.</param>
/// <param name="Width">Width.</param>
/// <param name="Height">Height.</param>
public readonly record struct PixelBox(double X, double Y, double Width, double Height)
{
    /// <summary>Right edge.</summary>
    public double Right => X + Width;

    /// <summary>Bottom edge.</summary>
    public double Bottom => Y + Height;

    /// <summary>True when the point lies inside the box.</summary>
    public bool Contains(double x, double y) => x >= X && x <= Right && y >= Y && y <= Bottom;

    /// <summary>The box moved by (dx, dy).</summary>
    public PixelBox Offset(double dx, double dy) => new(X + dx, Y + dy, Width, Height);
}

/// <summary>
/// One stamped impression as an ink-density map at the output resolution: 0 = no ink, about 1 = full
/// ink (heavy ink reaches 1.2). Pixel (x, y) is stored at <c>y * Width + x</c>; pixel centres are at
/// integer coordinates. The seal's design frame is rotated counter-clockwise (as seen in y-down image
/// coordinates) by <see cref="RotationDeg"/> about <see cref="CentreX"/>, <see cref="CentreY"/>.
/// </summary>
public sealed class InkImpression
{
    private readonly float[] _density;

    internal InkImpression(
        SealLayout layout, float[] density, float[] coverage, int width, int height, double centreX, double centreY, double rotationDeg, double mmPerPixel, double visibleFraction)
    {
        Coverage = coverage;
        Layout = layout;
        _density = density;
        Width = width;
        Height = height;
        CentreX = centreX;
        CentreY = centreY;
        RotationDeg = rotationDeg;
        MmPerPixel = mmPerPixel;
        VisibleFraction = visibleFraction;
    }

    /// <summary>The carving that was stamped.</summary>
    public SealLayout Layout { get; }

    /// <summary>Map width in pixels.</summary>
    public int Width { get; }

    /// <summary>Map height in pixels.</summary>
    public int Height { get; }

    /// <summary>Seal centre x in map pixels.</summary>
    public double CentreX { get; }

    /// <summary>Seal centre y in map pixels.</summary>
    public double CentreY { get; }

    /// <summary>Rotation of the design frame, counter-clockwise positive in image coordinates, degrees.</summary>
    public double RotationDeg { get; }

    /// <summary>Output resolution, mm per pixel.</summary>
    public double MmPerPixel { get; }

    /// <summary>Fraction of the seal's ink area that received ink (1 unless part of the impression is missing).</summary>
    public double VisibleFraction { get; }

    /// <summary>Density values, row-major.</summary>
    public ReadOnlySpan<float> Density => _density;

    internal float[] DensityArray => _density;

    /// <summary>Geometric ink coverage (0–1) before ink level, texture, missing side and blur.</summary>
    internal float[] Coverage { get; }

    /// <summary>Density at pixel (x, y).</summary>
    public float this[int x, int y] => _density[(y * Width) + x];

    /// <summary>Bounding box of the whole footprint (even a missing part) in map pixels.</summary>
    public PixelBox FootprintBox
    {
        get
        {
            (double hx, double hy) = Layout.RotatedHalfExtents(RotationDeg);
            return new PixelBox(CentreX - (hx / MmPerPixel), CentreY - (hy / MmPerPixel), 2 * hx / MmPerPixel, 2 * hy / MmPerPixel);
        }
    }
}
