using OpenCvSharp;
using SealMatch.Engine.Geometry;
using SealMatch.Engine.Localisation;

namespace SealMatch.Engine.Tests.Localisation;

public class OutlineFitterTests
{
    private static List<Point2f> Arc(double cx, double cy, double a, double b, double angleDeg, double fromDeg, double toDeg, int count, double noise, int seed)
    {
        var rng = new Random(seed);
        var points = new List<Point2f>();
        double t = angleDeg * Math.PI / 180;
        for (int i = 0; i < count; i++)
        {
            double phi = (fromDeg + (toDeg - fromDeg) * i / count) * Math.PI / 180;
            double lx = a * Math.Cos(phi) + noise * (rng.NextDouble() - 0.5);
            double ly = b * Math.Sin(phi) + noise * (rng.NextDouble() - 0.5);
            points.Add(new Point2f((float)(cx + lx * Math.Cos(t) + ly * Math.Sin(t)), (float)(cy - lx * Math.Sin(t) + ly * Math.Cos(t))));
        }

        return points;
    }

    [Fact]
    public void FindsTheWholeCircleFromTwoThirdsOfItsArcAndAChord()
    {
        // A round seal with a third missing: a 240° arc plus the straight cut across.
        List<Point2f> points = Arc(150, 140, 80, 80, 0, 0, 240, 400, 1.5, 1);
        Point2f a = points[0], b = points[^1];
        for (int i = 0; i < 120; i++)
        {
            points.Add(new Point2f(b.X + (a.X - b.X) * i / 120f, b.Y + (a.Y - b.Y) * i / 120f));
        }

        OutlineFitter.Fit fit = OutlineFitter.FitBest(points, 2.5, 30, 300)!.Value;
        Assert.Equal(SealShapeKind.Round, fit.Outline.Shape);
        Assert.InRange(fit.Outline.Centre.DistanceTo(new PointD(150, 140)), 0, 1.0);
        Assert.Equal(160, fit.Outline.Width, 1.5);
    }

    [Fact]
    public void FindsAnOvalAndItsAxis()
    {
        List<Point2f> points = Arc(200, 150, 90, 60, 30, 0, 360, 500, 1.0, 2);
        OutlineFitter.Fit fit = OutlineFitter.FitBest(points, 2.0, 30, 300)!.Value;
        Assert.Equal(SealShapeKind.Oval, fit.Outline.Shape);
        Assert.Equal(180, fit.Outline.Width, 2.0);
        Assert.Equal(120, fit.Outline.Height, 2.0);
        Assert.Equal(30, fit.Outline.AngleDeg, 1.0);
    }

    [Theory]
    [InlineData(200, 150, 90, 60, 30)]
    [InlineData(320, 90, 140, 70, -65)]
    [InlineData(80, 260, 50, 49, 0)]
    [InlineData(500, 400, 120, 100, 89)]
    public void The_conic_through_a_RANSAC_sample_is_the_ellipse_the_points_lie_on(double cx, double cy, double a, double b, double angleDeg)
    {
        // Six points spread over the outline, as a RANSAC sample draws them, exact to float precision.
        Point2f[] sample = [.. Arc(cx, cy, a, b, angleDeg, 10, 370, 6, 0, 3)];

        SealOutline conic = OutlineFitter.ConicThrough(sample)!.Value;

        Assert.InRange(conic.Centre.DistanceTo(new PointD(cx, cy)), 0, 0.05);
        Assert.Equal(2 * a, conic.Width, 0.1);
        Assert.Equal(2 * b, conic.Height, 0.1);
        if (a / b > 1.06)
        {
            Assert.Equal(SealShapeKind.Oval, conic.Shape);
            Assert.InRange(Math.Abs(OutlineFitter.NormaliseHalfTurn(conic.AngleDeg - angleDeg)), 0, 0.1);
        }
        else
        {
            Assert.Equal(SealShapeKind.Round, conic.Shape);
        }
    }

    [Fact]
    public void A_noisy_sample_proposes_the_same_outline_as_OpenCVs_fit()
    {
        // Points near an oval (±1 px): the managed conic and OpenCV's fit agree to within a pixel or two;
        // the inliers' refit is OpenCV's either way.
        var rng = new Random(7);
        int compared = 0;
        List<Point2f> outline = Arc(250, 180, 100, 75, 20, 0, 360, 360, 2.0, 4);
        for (int trial = 0; trial < 50; trial++)
        {
            Point2f[] sample = [.. Enumerable.Range(0, 6).Select(_ => outline[rng.Next(outline.Count)])];
            RotatedRect reference;
            try
            {
                reference = Cv2.FitEllipse(sample);
            }
            catch (OpenCVException)
            {
                continue;
            }

            if (OutlineFitter.ConicThrough(sample) is not { } conic || Math.Max(reference.Size.Width, reference.Size.Height) > 400)
            {
                continue;
            }

            Assert.InRange(conic.Centre.DistanceTo(new PointD(reference.Center.X, reference.Center.Y)), 0, 8);
            Assert.Equal(Math.Max(reference.Size.Width, reference.Size.Height), conic.Width, 16.0);
            compared++;
        }

        Assert.InRange(compared, 40, 50);
    }

    [Fact]
    public void Points_on_a_line_or_a_hyperbola_propose_no_ellipse()
    {
        Point2f[] line = [.. Enumerable.Range(0, 6).Select(i => new Point2f(10 + (5 * i), 20 + (3 * i)))];
        Point2f[] hyperbola = [.. new[] { -3.0, -2, -1, 1, 2, 3 }.Select(x => new Point2f((float)(100 + (10 * x)), (float)(100 + (100 / x))))];

        Assert.Null(OutlineFitter.ConicThrough(line));
        Assert.Null(OutlineFitter.ConicThrough(hyperbola));
    }

    [Fact]
    public void FindsATurnedSquare()
    {
        var points = new List<Point2f>();
        double t = 20 * Math.PI / 180;
        for (int side = 0; side < 4; side++)
        {
            for (int i = 0; i < 100; i++)
            {
                double s = -50 + i;
                (double lx, double ly) = side switch { 0 => (s, -50.0), 1 => (50.0, s), 2 => (-s, 50.0), _ => (-50.0, -s) };
                points.Add(new Point2f((float)(100 + lx * Math.Cos(t) + ly * Math.Sin(t)), (float)(100 - lx * Math.Sin(t) + ly * Math.Cos(t))));
            }
        }

        OutlineFitter.Fit fit = OutlineFitter.FitBest(points, 2.0, 30, 300)!.Value;
        Assert.Equal(SealShapeKind.Square, fit.Outline.Shape);
        Assert.Equal(100, fit.Outline.Width, 2.0);
        double folded = ((fit.Outline.AngleDeg % 90) + 90) % 90;
        Assert.Equal(20, folded, 1.0);
    }

    [Fact]
    public void DistanceToBoundaryIsZeroOnTheOutlineAndPositiveElsewhere()
    {
        var outline = new SealOutline(SealShapeKind.Rectangle, new PointD(0, 0), 40, 20, 0);
        Assert.Equal(0, outline.DistanceToBoundary(new PointD(20, 0)), 9);
        Assert.Equal(5, outline.DistanceToBoundary(new PointD(0, 5)), 9);
        Assert.Equal(3, outline.DistanceToBoundary(new PointD(23, 0)), 9);
        var circle = new SealOutline(SealShapeKind.Round, new PointD(10, 10), 20, 20, 0);
        Assert.Equal(2, circle.DistanceToBoundary(new PointD(22, 10)), 6);
    }
}
