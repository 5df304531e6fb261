using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using SealMatch.Engine.Matching;

namespace SealMatch.Benchmarks.Kernels;

/// <summary>
/// The detector's RANSAC inlier counts (a 600-point contour, about a 40 mm seal's outline at 0.25 mm per pixel)
/// and one local-shift window sum (20 × 20 pixels), each against its scalar reference.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class DetectorAndWindowKernelBenchmarks
{
    private const int ContourPoints = 600;
    private const int Side = 240;
    private double[] _xs = [];
    private double[] _ys = [];
    private float[][] _images = [];
    private readonly double[] _sums = new double[4];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(600);
        _xs = new double[ContourPoints];
        _ys = new double[ContourPoints];
        for (int i = 0; i < ContourPoints; i++)
        {
            double angle = 2 * Math.PI * i / ContourPoints, radius = 80 + random.Next(-4, 5);
            _xs[i] = 100 + radius * Math.Cos(angle);
            _ys[i] = 100 + radius * Math.Sin(angle);
        }

        _images = [.. Enumerable.Range(0, 6).Select(_ => Enumerable.Range(0, Side * Side).Select(_ => (float)random.NextDouble()).ToArray())];
    }

    [BenchmarkCategory("CountNearCircle")]
    [Benchmark(Baseline = true)]
    public int CircleScalar() => OutlineKernels.CountNearCircle(_xs, _ys, 101, 99, 80, 2.4, SimdPath.Scalar);

    [BenchmarkCategory("CountNearCircle")]
    [Benchmark]
    public int Circle256() => OutlineKernels.CountNearCircle(_xs, _ys, 101, 99, 80, 2.4, SimdPath.Vector256);

    [BenchmarkCategory("CountNearEllipse")]
    [Benchmark(Baseline = true)]
    public int EllipseScalar() => OutlineKernels.CountNearEllipse(_xs, _ys, 101, 99, 0.96, 0.28, 84, 76, 2.4, SimdPath.Scalar);

    [BenchmarkCategory("CountNearEllipse")]
    [Benchmark]
    public int Ellipse256() => OutlineKernels.CountNearEllipse(_xs, _ys, 101, 99, 0.96, 0.28, 84, 76, 2.4, SimdPath.Vector256);

    [BenchmarkCategory("WindowErrorSums")]
    [Benchmark(Baseline = true)]
    public double WindowScalar() => Window(SimdPath.Scalar);

    [BenchmarkCategory("WindowErrorSums")]
    [Benchmark]
    public double Window256() => Window(SimdPath.Vector256);

    private double Window(SimdPath path)
    {
        var images = new WindowKernels.ErrorImages(_images[0], _images[1], _images[2], _images[3], _images[4], _images[5], Side);
        WindowKernels.ErrorSums(images, 100, 100, 20, 20, _sums, path);
        return _sums[0];
    }
}
