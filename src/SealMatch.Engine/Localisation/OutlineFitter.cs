using OpenCvSharp;
using SealMatch.Engine.Geometry;

namespace SealMatch.Engine.Localisation;

/// <summary>
/// Fits a seal outline (circle, ellipse or rectangle) to the outer contour points of an ink blob.
/// Circles and ellipses are fitted by RANSAC, so a partial impression (up to a third missing) still
/// yields the whole outline from the arc that remains.
/// </summary>
internal static class OutlineFitter
{
    /// <summary>A fitted outline and the fraction of contour points lying on it.</summary>
    internal readonly record struct Fit(SealOutline Outline, double InlierFraction);

    /// <summary>Best outline for the contour, or null when nothing plausible fits.</summary>
    /// <param name="contour">Outer contour points (pixels).</param>
    /// <param name="tolerance">Inlier distance in pixels.</param>
    /// <param name="minSize">Smallest plausible seal size in pixels.</param>
    /// <param name="maxSize">Largest plausible seal size in pixels.</param>
    internal static Fit? FitBest(IReadOnlyList<Point2f> contour, double tolerance, double minSize, double maxSize)
    {
        if (contour.Count < 12)
        {
            return null;
        }

        var candidates = new List<Fit>(3);
        if (FitCircle(contour, tolerance, minSize, maxSize) is { } circle)
        {
            candidates.Add(circle);
        }

        if (FitEllipse(contour, tolerance, minSize, maxSize) is { } ellipse)
        {
            candidates.Add(ellipse);
        }

        if (FitRectangle(contour, tolerance, minSize, maxSize) is { } rectangle)
        {
            candidates.Add(rectangle);
        }

        if (candidates.Count == 0)
        {
            return null;
        }

        // Prefer the simpler model unless a richer one explains clearly more of the contour.
        Fit best = candidates[0];
        foreach (Fit c in candidates.Skip(1))
        {
            double margin = c.Outline.Shape == SealShapeKind.Oval && best.Outline.Shape == SealShapeKind.Round ? 0.04 : 0.02;
            if (c.InlierFraction > best.InlierFraction + margin)
            {
                best = c;
            }
        }

        return best;
    }

    internal static Fit? FitCircle(IReadOnlyList<Point2f> points, double tolerance, double minSize, double maxSize)
    {
        var rng = new Random(12345);
        int n = points.Count;
        double bestScore = 0;
        (double X, double Y, double R) best = default;
        for (int iter = 0; iter < 250; iter++)
        {
            Point2f a = points[rng.Next(n)], b = points[rng.Next(n)], c = points[rng.Next(n)];
            if (CircleThrough(a, b, c) is not { } circle || circle.R * 2 < minSize || circle.R * 2 > maxSize)
            {
                continue;
            }

            int inliers = CountCircleInliers(points, circle, tolerance);
            if (inliers > bestScore)
            {
                bestScore = inliers;
                best = circle;
            }
        }

        if (bestScore < 6)
        {
            return null;
        }

        // Refine by algebraic least squares on the inliers, twice.
        for (int round = 0; round < 2; round++)
        {
            var inlierPoints = points.Where(p => Math.Abs(Distance(p, best.X, best.Y) - best.R) <= tolerance * 1.5).ToList();
            if (inlierPoints.Count < 6 || LeastSquaresCircle(inlierPoints) is not { } refined)
            {
                break;
            }

            best = refined;
        }

        if (best.R * 2 < minSize || best.R * 2 > maxSize)
        {
            return null;
        }

        double fraction = CountCircleInliers(points, best, tolerance) / (double)n;
        return new Fit(new SealOutline(SealShapeKind.Round, new PointD(best.X, best.Y), best.R * 2, best.R * 2, 0), fraction);
    }

    internal static Fit? FitEllipse(IReadOnlyList<Point2f> points, double tolerance, double minSize, double maxSize)
    {
        var rng = new Random(54321);
        int n = points.Count;
        var sample = new Point2f[6];
        double bestScore = 0;
        SealOutline best = default;
        for (int iter = 0; iter < 200; iter++)
        {
            for (int i = 0; i < sample.Length; i++)
            {
                sample[i] = points[rng.Next(n)];
            }

            SealOutline? candidate = EllipseFromPoints(sample);
            if (candidate is not { } e || !Plausible(e, minSize, maxSize))
            {
                continue;
            }

            int inliers = points.Count(p => e.DistanceToBoundary(new PointD(p.X, p.Y)) <= tolerance);
            if (inliers > bestScore)
            {
                bestScore = inliers;
                best = e;
            }
        }

        if (bestScore < 8)
        {
            return null;
        }

        for (int round = 0; round < 2; round++)
        {
            SealOutline current = best;
            var inlierPoints = points.Where(p => current.DistanceToBoundary(new PointD(p.X, p.Y)) <= tolerance * 1.5).ToArray();
            if (inlierPoints.Length < 8 || EllipseFromPoints(inlierPoints) is not { } refined || !Plausible(refined, minSize, maxSize))
            {
                break;
            }

            best = refined;
        }

        SealOutline final = best;
        double fraction = points.Count(p => final.DistanceToBoundary(new PointD(p.X, p.Y)) <= tolerance) / (double)n;
        return new Fit(final, fraction);
    }

    internal static Fit? FitRectangle(IReadOnlyList<Point2f> points, double tolerance, double minSize, double maxSize)
    {
        RotatedRect r = Cv2.MinAreaRect(points);
        double w = r.Size.Width, h = r.Size.Height;

        // OpenCV angles turn x toward y (clockwise on screen); ours are counter-clockwise on screen.
        double angle = -r.Angle;
        if (w < h)
        {
            (w, h) = (h, w);
            angle += 90;
        }

        angle = NormaliseHalfTurn(angle);
        if (h < minSize || w > maxSize || w / h > 3.5)
        {
            return null;
        }

        var kind = w / h < 1.12 ? SealShapeKind.Square : SealShapeKind.Rectangle;
        var outline = new SealOutline(kind, new PointD(r.Center.X, r.Center.Y), w, h, angle);
        double fraction = points.Count(p => outline.DistanceToBoundary(new PointD(p.X, p.Y)) <= tolerance) / (double)points.Count;
        return new Fit(outline, fraction);
    }

    /// <summary>Angle folded into (-90, 90].</summary>
    internal static double NormaliseHalfTurn(double angle)
    {
        while (angle > 90)
        {
            angle -= 180;
        }

        while (angle <= -90)
        {
            angle += 180;
        }

        return angle;
    }

    private static bool Plausible(SealOutline e, double minSize, double maxSize) =>
        e.Height >= minSize && e.Width <= maxSize && e.Width / e.Height <= 2.2;

    private static SealOutline? EllipseFromPoints(Point2f[] points)
    {
        if (points.Length < 5)
        {
            return null;
        }

        RotatedRect r;
        try
        {
            r = Cv2.FitEllipse(points);
        }
        catch (OpenCVException)
        {
            return null;
        }

        double w = r.Size.Width, h = r.Size.Height;
        if (!double.IsFinite(w) || !double.IsFinite(h) || w <= 0 || h <= 0)
        {
            return null;
        }

        double angle = -r.Angle;
        if (w < h)
        {
            (w, h) = (h, w);
            angle += 90;
        }

        var kind = w / h < 1.06 ? SealShapeKind.Round : SealShapeKind.Oval;
        return new SealOutline(kind, new PointD(r.Center.X, r.Center.Y), w, h, NormaliseHalfTurn(angle));
    }

    private static int CountCircleInliers(IReadOnlyList<Point2f> points, (double X, double Y, double R) c, double tolerance)
    {
        int count = 0;
        foreach (Point2f p in points)
        {
            if (Math.Abs(Distance(p, c.X, c.Y) - c.R) <= tolerance)
            {
                count++;
            }
        }

        return count;
    }

    private static double Distance(Point2f p, double x, double y) => Math.Sqrt((p.X - x) * (p.X - x) + (p.Y - y) * (p.Y - y));

    private static (double X, double Y, double R)? CircleThrough(Point2f a, Point2f b, Point2f c)
    {
        double d = 2 * (a.X * (b.Y - c.Y) + b.X * (c.Y - a.Y) + c.X * (a.Y - b.Y));
        if (Math.Abs(d) < 1e-6)
        {
            return null;
        }

        double a2 = a.X * a.X + a.Y * a.Y, b2 = b.X * b.X + b.Y * b.Y, c2 = c.X * c.X + c.Y * c.Y;
        double x = (a2 * (b.Y - c.Y) + b2 * (c.Y - a.Y) + c2 * (a.Y - b.Y)) / d;
        double y = (a2 * (c.X - b.X) + b2 * (a.X - c.X) + c2 * (b.X - a.X)) / d;
        return (x, y, Math.Sqrt((a.X - x) * (a.X - x) + (a.Y - y) * (a.Y - y)));
    }

    /// <summary>Kåsa algebraic circle fit.</summary>
    private static (double X, double Y, double R)? LeastSquaresCircle(List<Point2f> points)
    {
        // Solve [x y 1] · [D E F]ᵀ = -(x² + y²) in the least-squares sense.
        double sxx = 0, sxy = 0, syy = 0, sx = 0, sy = 0, n = points.Count, sxz = 0, syz = 0, sz = 0;
        double mx = points.Average(p => p.X), my = points.Average(p => p.Y);
        foreach (Point2f p in points)
        {
            double x = p.X - mx, y = p.Y - my, z = x * x + y * y;
            sxx += x * x;
            sxy += x * y;
            syy += y * y;
            sx += x;
            sy += y;
            sxz += x * z;
            syz += y * z;
            sz += z;
        }

        double[,] m = { { sxx, sxy, sx }, { sxy, syy, sy }, { sx, sy, n } };
        double[] rhs = [-sxz, -syz, -sz];
        if (Solve3(m, rhs) is not { } s)
        {
            return null;
        }

        double cx = -s[0] / 2, cy = -s[1] / 2;
        double r2 = cx * cx + cy * cy - s[2];
        return r2 <= 0 ? null : (cx + mx, cy + my, Math.Sqrt(r2));
    }

    private static double[]? Solve3(double[,] m, double[] b)
    {
        double det = Det3(m);
        if (Math.Abs(det) < 1e-12)
        {
            return null;
        }

        var result = new double[3];
        for (int c = 0; c < 3; c++)
        {
            var mc = (double[,])m.Clone();
            for (int r = 0; r < 3; r++)
            {
                mc[r, c] = b[r];
            }

            result[c] = Det3(mc) / det;
        }

        return result;
    }

    private static double Det3(double[,] m) =>
        m[0, 0] * (m[1, 1] * m[2, 2] - m[1, 2] * m[2, 1])
        - m[0, 1] * (m[1, 0] * m[2, 2] - m[1, 2] * m[2, 0])
        + m[0, 2] * (m[1, 0] * m[2, 1] - m[1, 1] * m[2, 0]);
}
