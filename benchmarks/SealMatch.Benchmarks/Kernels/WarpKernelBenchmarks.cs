using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using SealMatch.Engine.Matching;

namespace SealMatch.Benchmarks.Kernels;

/// <summary>
/// The Lucas–Kanade sampling kernels (AVX2 gathers against the scalar reference) at the size of the finer
/// registration level: a 240 × 240 impression at 0.2 mm per pixel, 24,000 template pixels with structure.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class WarpKernelBenchmarks
{
    private const int Side = 240;
    private const int Points = 24_000;
    private PaddedImage? _image;
    private AffineMap _map;
    private float[] _xs = [];
    private float[] _ys = [];
    private float[][] _terms = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(240);
        var values = new float[Side * Side];
        var validity = new byte[Side * Side];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)random.NextDouble();
            validity[i] = random.Next(10) == 0 ? (byte)0 : (byte)255;
        }

        _image = new PaddedImage(values, validity, Side, Side, 250);
        double angle = 0.3;
        _map = new AffineMap((float)Math.Cos(angle), (float)Math.Sin(angle), 40, (float)-Math.Sin(angle), (float)Math.Cos(angle), -30);
        _xs = new float[Points];
        _ys = new float[Points];
        _terms = [.. Enumerable.Range(0, 5).Select(_ => new float[Points])];
        for (int k = 0; k < Points; k++)
        {
            _xs[k] = random.Next(Side);
            _ys[k] = random.Next(Side);
            foreach (float[] t in _terms)
            {
                t[k] = (float)(random.NextDouble() * 2 - 1);
            }
        }
    }

    [BenchmarkCategory("GaussNewton")]
    [Benchmark(Baseline = true)]
    public double GaussNewtonScalar() => WarpKernels.GaussNewton(_image!, _map, _xs, _ys, _terms[0], _terms[1], _terms[2], _terms[3], _terms[4], SimdPath.Scalar).B0;

    [BenchmarkCategory("GaussNewton")]
    [Benchmark]
    public double GaussNewton256() => WarpKernels.GaussNewton(_image!, _map, _xs, _ys, _terms[0], _terms[1], _terms[2], _terms[3], _terms[4], SimdPath.Vector256).B0;

    [BenchmarkCategory("Overlap")]
    [Benchmark(Baseline = true)]
    public double OverlapScalar() => WarpKernels.Overlap(_image!, _map, _xs, _ys, _terms[0], SimdPath.Scalar).Shared;

    [BenchmarkCategory("Overlap")]
    [Benchmark]
    public double Overlap256() => WarpKernels.Overlap(_image!, _map, _xs, _ys, _terms[0], SimdPath.Vector256).Shared;
}
