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
