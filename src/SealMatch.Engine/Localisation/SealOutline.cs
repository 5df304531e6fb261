using SealMatch.Engine.Geometry;

namespace SealMatch.Engine.Localisation;

/// <summary>
/// A fitted seal outline in some pixel frame: centre, full width and height along its own axes, and
/// the angle of its width axis in degrees, counter-clockwise from the image x axis as seen on the
/// page (image y points down). Every angle in the engine follows this convention.
/// </summary>
public readonly record struct SealOutline(SealShapeKind Shape, PointD Centre, double Width, double Height, double AngleDeg)
{
    /// <summary>The axis-aligned box enclosing the outline.</summary>
    public PixelBox BoundingBox()
    {
        double t = AngleDeg * Math.PI / 180;
        double c = Math.Abs(Math.Cos(t)), s = Math.Abs(Math.Sin(t));
        double halfW, halfH;
        if (Shape is SealShapeKind.Round or SealShapeKind.Oval)
        {
            // Extent of a rotated ellipse.
            double a = Width / 2, b = Height / 2;
            halfW = Math.Sqrt(a * a * c * c + b * b * s * s);
            halfH = Math.Sqrt(a * a * s * s + b * b * c * c);
        }
        else
        {
            halfW = (Width * c + Height * s) / 2;
            halfH = (Width * s + Height * c) / 2;
        }

        int x0 = (int)Math.Floor(Centre.X - halfW), y0 = (int)Math.Floor(Centre.Y - halfH);
        int x1 = (int)Math.Ceiling(Centre.X + halfW), y1 = (int)Math.Ceiling(Centre.Y + halfH);
        return new PixelBox(x0, y0, x1 - x0, y1 - y0);
    }

    /// <summary>The same outline scaled about the origin by <paramref name="factor"/> (changing pixel frames).</summary>
    public SealOutline Scaled(double factor, PointD offset) =>
        this with { Centre = new PointD(Centre.X * factor + offset.X, Centre.Y * factor + offset.Y), Width = Width * factor, Height = Height * factor };

    /// <summary>Whether a point lies inside the outline.</summary>
    public bool Contains(PointD p)
    {
        double t = AngleDeg * Math.PI / 180;
        double dx = p.X - Centre.X, dy = p.Y - Centre.Y;
        double x = dx * Math.Cos(t) - dy * Math.Sin(t);
        double y = dx * Math.Sin(t) + dy * Math.Cos(t);
        double a = Width / 2, b = Height / 2;
        return Shape is SealShapeKind.Round or SealShapeKind.Oval
            ? x * x / (a * a) + y * y / (b * b) <= 1
            : Math.Abs(x) <= a && Math.Abs(y) <= b;
    }

    /// <summary>How many of the points lie within <paramref name="tolerance"/> of the boundary (trigonometry computed once).</summary>
    public int CountNearBoundary(IReadOnlyList<OpenCvSharp.Point2f> points, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(points);
        (double[] xs, double[] ys) = OutlineFitter.Coordinates(points);
        return CountNearBoundary(xs, ys, tolerance);
    }

    /// <summary>How many of the points (x and y apart) lie within <paramref name="tolerance"/> of the boundary, as <see cref="DistanceToBoundary"/> measures it.</summary>
    public int CountNearBoundary(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, double tolerance)
    {
        double t = AngleDeg * Math.PI / 180, cos = Math.Cos(t), sin = Math.Sin(t);
        double a = Width / 2, b = Height / 2;
        if (Shape is SealShapeKind.Round or SealShapeKind.Oval)
        {
            return Matching.OutlineKernels.CountNearEllipse(xs, ys, Centre.X, Centre.Y, cos, sin, a, b, tolerance);
        }

        int count = 0;
        for (int i = 0; i < xs.Length; i++)
        {
            double dx = xs[i] - Centre.X, dy = ys[i] - Centre.Y;
            double x = dx * cos - dy * sin, y = dx * sin + dy * cos;
            if (RectangleDistance(x, y, a, b) <= tolerance)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Approximate distance from a point to the outline's boundary, in pixels.</summary>
    public double DistanceToBoundary(PointD p)
    {
        // Into the outline's frame: its width axis points along (cos t, -sin t) on screen (y down).
        double t = AngleDeg * Math.PI / 180;
        double dx = p.X - Centre.X, dy = p.Y - Centre.Y;
        double x = dx * Math.Cos(t) - dy * Math.Sin(t);
        double y = dx * Math.Sin(t) + dy * Math.Cos(t);
        double a = Width / 2, b = Height / 2;
        if (Shape is SealShapeKind.Round or SealShapeKind.Oval)
        {
            double r = Math.Sqrt(x * x + y * y);
            if (r < 1e-9)
            {
                return Math.Min(a, b);
            }

            double rho = Math.Sqrt(x * x / (a * a) + y * y / (b * b));
            return Math.Abs(rho - 1) * r / rho;
        }

        return RectangleDistance(x, y, a, b);
    }

    /// <summary>Distance from a point in the outline's frame to the boundary of a rectangle of half-sides a and b.</summary>
    private static double RectangleDistance(double x, double y, double a, double b)
    {
        double qx = Math.Abs(x) - a, qy = Math.Abs(y) - b;
        double outside = Math.Sqrt(Math.Max(qx, 0) * Math.Max(qx, 0) + Math.Max(qy, 0) * Math.Max(qy, 0));
        double inside = Math.Min(Math.Max(qx, qy), 0);
        return Math.Abs(outside + inside);
    }
}
