using SealMatch.Engine.Matching;

namespace SealMatch.Engine.Tests.Matching;

/// <summary>The detector's boundary-counting kernels count exactly what the scalar reference counts, on every path and length.</summary>
[Trait("Category", "Kernels")]
public sealed class OutlineKernelsTests
{
    public static TheoryData<string> Paths => KernelTestData.AvailablePaths();

    /// <summary>Points on, near and off a boundary of radius about 40 around (100, 80), some exactly at the centre.</summary>
    private static (double[] Xs, double[] Ys) Points(int length, int seed)
    {
        var random = new Random(seed);
        var xs = new double[length];
        var ys = new double[length];
        for (int i = 0; i < length; i++)
        {
            if (random.Next(17) == 0)
            {
                (xs[i], ys[i]) = (100, 80);
                continue;
            }

            double angle = random.NextDouble() * 2 * Math.PI, radius = 40 + random.Next(-6, 7) * 0.5;
            xs[i] = (float)(100 + radius * Math.Cos(angle));
            ys[i] = (float)(80 + radius * Math.Sin(angle));
        }

        return (xs, ys);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void CircleCountsMatchScalarForEveryLength(string pathName)
    {
        SimdPath path = KernelTestData.ParsePath(pathName);
        foreach (int length in KernelTestData.Lengths)
        {
            (double[] xs, double[] ys) = Points(length, length);
            foreach (double tolerance in new[] { 0.5, 1.5, 3.0 })
            {
                int expected = OutlineKernelsScalar.CountNearCircle(xs, ys, 100.25, 79.5, 40, tolerance);
                Assert.Equal(expected, OutlineKernels.CountNearCircle(xs, ys, 100.25, 79.5, 40, tolerance, path));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void EllipseCountsMatchScalarForEveryLength(string pathName)
    {
        SimdPath path = KernelTestData.ParsePath(pathName);
        foreach (int length in KernelTestData.Lengths)
        {
            (double[] xs, double[] ys) = Points(length, length + 3);
            foreach ((double a, double b, double turn) in new[] { (40.0, 40.0, 0.0), (44.0, 36.0, 0.3), (30.0, 45.0, 2.0) })
            {
                double cos = Math.Cos(turn), sin = Math.Sin(turn);
                int expected = OutlineKernelsScalar.CountNearEllipse(xs, ys, 100, 80, cos, sin, a, b, 1.5);
                Assert.Equal(expected, OutlineKernels.CountNearEllipse(xs, ys, 100, 80, cos, sin, a, b, 1.5, path));
            }
        }
    }

    [Fact]
    public void CountsAreThePointsNearTheBoundary()
    {
        double[] xs = [140, 100, 141, 100, 100, 143];
        double[] ys = [80, 120, 80, 80, 41, 80];
        Assert.Equal(4, OutlineKernels.CountNearCircle(xs, ys, 100, 80, 40, 1.0));
        Assert.Equal(4, OutlineKernels.CountNearEllipse(xs, ys, 100, 80, 1, 0, 40, 40, 1.01));

        // A point at the centre is the smaller half-axis away from the boundary.
        Assert.Equal(1, OutlineKernels.CountNearEllipse([100], [80], 100, 80, 1, 0, 0.5, 3, 1.0));
        Assert.Equal(0, OutlineKernels.CountNearCircle([], [], 0, 0, 1, 1));
    }
}
