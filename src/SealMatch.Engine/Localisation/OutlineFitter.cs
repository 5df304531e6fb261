using OpenCvSharp;
using SealMatch.Engine.Geometry;
using SealMatch.Engine.Matching;

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

    internal static Fit? FitCircle(IReadOnlyList<Point2f> points, double tolerance, double minSize, double maxSize) =>
        CircleCandidates(points, tolerance, minSize, maxSize, 1).Cast<Fit?>().FirstOrDefault();

    /// <summary>Up to <paramref name="count"/> distinct circles, most supported first, each refined by least squares.</summary>
    internal static List<Fit> CircleCandidates(IReadOnlyList<Point2f> points, double tolerance, double minSize, double maxSize, int count)
    {
        var rng = new Random(12345);
        int n = points.Count;
        (double[] xs, double[] ys) = Coordinates(points);
        var top = new List<((double X, double Y, double R) Circle, int Inliers)>();
        for (int iter = 0; iter < 160; iter++)
        {
            Point2f a = points[rng.Next(n)], b = points[rng.Next(n)], c = points[rng.Next(n)];
            if (CircleThrough(a, b, c) is not { } circle || circle.R * 2 < minSize || circle.R * 2 > maxSize)
            {
                continue;
            }

            Keep(top, (circle, OutlineKernels.CountNearCircle(xs, ys, circle.X, circle.Y, circle.R, tolerance)), count, (p, q) =>
                Math.Sqrt((p.X - q.X) * (p.X - q.X) + (p.Y - q.Y) * (p.Y - q.Y)) < 0.15 * Math.Max(p.R, q.R) && Math.Abs(p.R - q.R) < 0.15 * Math.Max(p.R, q.R));
        }

        var fits = new List<Fit>();
        foreach (((double X, double Y, double R) start, int inliers) in top)
        {
            if (inliers < 6)
            {
                continue;
            }

            // Refine by algebraic least squares on the inliers, twice.
            (double X, double Y, double R) best = start;
            for (int round = 0; round < 2; round++)
            {
                var inlierPoints = points.Where(p => Math.Abs(Distance(p, best.X, best.Y) - best.R) <= tolerance * 1.5).ToList();
                if (inlierPoints.Count < 6 || LeastSquaresCircle(inlierPoints) is not { } refined)
                {
                    break;
                }

                best = refined;
            }

            if (best.R * 2 >= minSize && best.R * 2 <= maxSize)
            {
                double fraction = OutlineKernels.CountNearCircle(xs, ys, best.X, best.Y, best.R, tolerance) / (double)n;
                fits.Add(new Fit(new SealOutline(SealShapeKind.Round, new PointD(best.X, best.Y), best.R * 2, best.R * 2, 0), fraction));
            }
        }

        return [.. fits.OrderByDescending(f => f.InlierFraction)];
    }

    /// <summary>Keeps the <paramref name="count"/> best hypotheses, replacing a similar one when better.</summary>
    private static void Keep<T>(List<(T Model, int Inliers)> top, (T Model, int Inliers) candidate, int count, Func<T, T, bool> similar)
    {
        int twin = top.FindIndex(t => similar(t.Model, candidate.Model));
        if (twin >= 0)
        {
            if (candidate.Inliers > top[twin].Inliers)
            {
                top[twin] = candidate;
            }
        }
        else if (top.Count < count)
        {
            top.Add(candidate);
        }
        else
        {
            int worst = 0;
            for (int i = 1; i < top.Count; i++)
            {
                if (top[i].Inliers < top[worst].Inliers)
                {
                    worst = i;
                }
            }

            if (candidate.Inliers > top[worst].Inliers)
            {
                top[worst] = candidate;
            }
        }
    }

    internal static Fit? FitEllipse(IReadOnlyList<Point2f> points, double tolerance, double minSize, double maxSize) =>
        EllipseCandidates(points, tolerance, minSize, maxSize, 1).Cast<Fit?>().FirstOrDefault();

    /// <summary>Up to <paramref name="count"/> distinct ellipses, most supported first, each refined on its inliers.</summary>
    internal static List<Fit> EllipseCandidates(IReadOnlyList<Point2f> points, double tolerance, double minSize, double maxSize, int count)
    {
        var rng = new Random(54321);
        int n = points.Count;
        (double[] xs, double[] ys) = Coordinates(points);
        var sample = new Point2f[6];
        var top = new List<(SealOutline Ellipse, int Inliers)>();
        for (int iter = 0; iter < 140; iter++)
        {
            for (int i = 0; i < sample.Length; i++)
            {
                sample[i] = points[rng.Next(n)];
            }

            SealOutline? candidate = ConicThrough(sample);
            if (candidate is not { } e || !Plausible(e, minSize, maxSize))
            {
                continue;
            }

            int inliers = e.CountNearBoundary(xs, ys, tolerance);
            Keep(top, (e, inliers), count, (p, q) =>
                p.Centre.DistanceTo(q.Centre) < 0.15 * p.Width && Math.Abs(p.Width - q.Width) < 0.15 * p.Width && Math.Abs(p.Height - q.Height) < 0.15 * p.Height);
        }

        var fits = new List<Fit>();
        foreach ((SealOutline start, int inliers) in top)
        {
            if (inliers < 8)
            {
                continue;
            }

            SealOutline best = start;
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
            fits.Add(new Fit(final, final.CountNearBoundary(xs, ys, tolerance) / (double)n));
        }

        return [.. fits.OrderByDescending(f => f.InlierFraction)];
    }

    /// <summary>Circle, ellipse and rectangle hypotheses for a contour (several of each where RANSAC finds distinct ones).</summary>
    internal static List<Fit> Candidates(IReadOnlyList<Point2f> contour, double tolerance, double minSize, double maxSize)
    {
        var list = new List<Fit>();
        if (contour.Count < 12)
        {
            return list;
        }

        list.AddRange(CircleCandidates(contour, tolerance, minSize, maxSize, 3));
        list.AddRange(EllipseCandidates(contour, tolerance, minSize, maxSize, 3));
        if (FitRectangle(contour, tolerance, minSize, maxSize) is { } rectangle)
        {
            list.Add(rectangle);
        }

        return list;
    }

    /// <summary>
    /// Rectangles grown from the long straight edges of a blob's hull: each edge is taken as one side
    /// and the rectangle extends inward as far as the blob's pixels along that side do. Where a
    /// square seal touches another seal, its outer sides are still straight hull edges, so one of
    /// these hypotheses is the square itself.
    /// </summary>
    internal static List<Fit> EdgeRectangles(IReadOnlyList<Point2f> hull, Point[] pixels, double tolerance, double minSize, double maxSize)
    {
        var fits = new List<Fit>();
        if (hull.Count < 4 || pixels.Length == 0)
        {
            return fits;
        }

        Point2f[] polygon = Cv2.ApproxPolyDP(hull, tolerance, closed: true);
        double cx = hull.Average(p => p.X), cy = hull.Average(p => p.Y);
        var angles = new List<double>();
        int step = Math.Max(1, pixels.Length / 4000);
        for (int i = 0; i < polygon.Length; i++)
        {
            Point2f a = polygon[i], b = polygon[(i + 1) % polygon.Length];
            double length = Math.Sqrt((b.X - a.X) * (b.X - a.X) + (b.Y - a.Y) * (b.Y - a.Y));
            if (length < 0.6 * minSize)
            {
                continue;
            }

            double ux = (b.X - a.X) / length, uy = (b.Y - a.Y) / length;
            double nx = -uy, ny = ux;
            if ((cx - a.X) * nx + (cy - a.Y) * ny < 0)
            {
                nx = -nx;
                ny = -ny;
            }

            var depths = new List<double>();
            for (int k = 0; k < pixels.Length; k += step)
            {
                double px = pixels[k].X - a.X, py = pixels[k].Y - a.Y;
                double along = px * ux + py * uy, across = px * nx + py * ny;
                if (along >= tolerance && along <= length - tolerance && across >= -tolerance)
                {
                    depths.Add(across);
                }
            }

            if (depths.Count < 20)
            {
                continue;
            }

            depths.Sort();
            double depth = depths[(int)(0.98 * (depths.Count - 1))];
            if (depth < minSize || depth > maxSize || length > maxSize || Math.Max(length, depth) / Math.Min(length, depth) > 3.5)
            {
                continue;
            }

            double w = length, h = depth;
            double angle = OpenCvAngleToOurs(Math.Atan2(uy, ux) * 180 / Math.PI);
            var centre = new PointD(a.X + ux * w / 2 + nx * h / 2, a.Y + uy * w / 2 + ny * h / 2);
            if (w < h)
            {
                (w, h) = (h, w);
                angle = NormaliseHalfTurn(angle + 90);
            }

            if (angles.Any(t => Math.Abs(NormaliseHalfTurn(t - angle)) < 3))
            {
                continue;
            }

            angles.Add(angle);
            var kind = w / h < 1.12 ? SealShapeKind.Square : SealShapeKind.Rectangle;
            var outline = new SealOutline(kind, centre, w, h, angle);
            double fraction = outline.CountNearBoundary(hull, tolerance) / (double)hull.Count;
            fits.Add(new Fit(outline, fraction));
        }

        return fits;
    }

    /// <summary>An edge direction in image coordinates (y down, degrees) as our page angle, folded into (-90, 90].</summary>
    private static double OpenCvAngleToOurs(double imageDeg) => NormaliseHalfTurn(-imageDeg);

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
        double fraction = outline.CountNearBoundary(points, tolerance) / (double)points.Count;
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

    /// <summary>
    /// The ellipse of a RANSAC sample: the algebraic least-squares conic
    /// A x² + B xy + C y² + D x + E y = 1 over the points taken about their mean, turned into centre,
    /// axes and angle. A few microseconds, against some tens for OpenCV's fit with its marshalling;
    /// the sample only has to propose an outline, the inliers' refit uses <see cref="EllipseFromPoints"/>.
    /// </summary>
    internal static SealOutline? ConicThrough(ReadOnlySpan<Point2f> points)
    {
        int n = points.Length;
        if (n < 5)
        {
            return null;
        }

        double mx = 0, my = 0;
        foreach (Point2f p in points)
        {
            mx += p.X;
            my += p.Y;
        }

        mx /= n;
        my /= n;

        // Scale to unit spread so that the normal equations are well conditioned.
        double spread = 0;
        foreach (Point2f p in points)
        {
            spread += ((p.X - mx) * (p.X - mx)) + ((p.Y - my) * (p.Y - my));
        }

        double k = Math.Sqrt(spread / n);
        if (!(k > 1e-6))
        {
            return null;
        }

        Span<double> normal = stackalloc double[25];
        Span<double> rhs = stackalloc double[5];
        Span<double> row = stackalloc double[5];
        foreach (Point2f p in points)
        {
            double x = (p.X - mx) / k, y = (p.Y - my) / k;
            row[0] = x * x;
            row[1] = x * y;
            row[2] = y * y;
            row[3] = x;
            row[4] = y;
            for (int r = 0; r < 5; r++)
            {
                rhs[r] += row[r];
                for (int c = 0; c < 5; c++)
                {
                    normal[(r * 5) + c] += row[r] * row[c];
                }
            }
        }

        if (!DenseSolver.SolveInPlace(normal, rhs, 5))
        {
            return null;
        }

        double a = rhs[0], b = rhs[1], c2 = rhs[2], d = rhs[3], e = rhs[4];
        double det = (4 * a * c2) - (b * b);
        if (!(det > 1e-12))
        {
            return null; // not an ellipse
        }

        double x0 = ((b * e) - (2 * c2 * d)) / det, y0 = ((b * d) - (2 * a * e)) / det;

        // About its centre the conic reads A u² + B uv + C v² = f.
        double f = 1 - ((a * x0 * x0) + (b * x0 * y0) + (c2 * y0 * y0) + (d * x0) + (e * y0));
        double mean = (a + c2) / 2, half = Math.Sqrt((((a - c2) / 2) * ((a - c2) / 2)) + ((b / 2) * (b / 2)));
        double small = mean - half, large = mean + half;
        if (!(f > 0) || !(small > 0))
        {
            return null;
        }

        // The major axis lies along the eigenvector of the smaller eigenvalue.
        double major = 2 * k * Math.Sqrt(f / small), minor = 2 * k * Math.Sqrt(f / large);
        double imageDeg = 0.5 * Math.Atan2(b, a - c2) * 180 / Math.PI;
        if (!double.IsFinite(major) || !double.IsFinite(minor))
        {
            return null;
        }

        // Atan2 above gives the direction of the larger eigenvalue's axis; the major axis is at right angles.
        double angle = NormaliseHalfTurn(-(imageDeg + 90));
        var kind = major / minor < 1.06 ? SealShapeKind.Round : SealShapeKind.Oval;
        return new SealOutline(kind, new PointD((x0 * k) + mx, (y0 * k) + my), major, minor, angle);
    }

    /// <summary>The points' coordinates as two arrays, for the counting kernels.</summary>
    internal static (double[] Xs, double[] Ys) Coordinates(IReadOnlyList<Point2f> points)
    {
        var xs = new double[points.Count];
        var ys = new double[points.Count];
        for (int i = 0; i < xs.Length; i++)
        {
            xs[i] = points[i].X;
            ys[i] = points[i].Y;
        }

        return (xs, ys);
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
