using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using SealMatch.Engine.Matching;

namespace SealMatch.Benchmarks.Kernels;

/// <summary>Morphology on a 420×420 mask (0.1 mm/px seal, 42 mm) against the per-pixel reference.</summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class MorphologyKernelBenchmarks
{
    private BitMatrix _mask = new(1, 1);
    private BitMatrix _destination = new(1, 1);

    [Params(2, 3)]
    public int Radius { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _mask = SealLikeMask(420, 420, seed: 42);
        _destination = new BitMatrix(420, 420);
    }

    [BenchmarkCategory("Dilate")]
    [Benchmark(Baseline = true)]
    public BitMatrix DilatePerPixel() => BitMatrixScalar.Dilate(_mask, Radius);

    [BenchmarkCategory("Dilate")]
    [Benchmark]
    public BitMatrix Dilate() => _mask.Dilate(Radius);

    [BenchmarkCategory("Dilate")]
    [Benchmark]
    public void DilateInto() => _mask.DilateInto(Radius, _destination);

    [BenchmarkCategory("Erode")]
    [Benchmark(Baseline = true)]
    public BitMatrix ErodePerPixel() => BitMatrixScalar.Erode(_mask, Radius);

    [BenchmarkCategory("Erode")]
    [Benchmark]
    public BitMatrix Erode() => _mask.Erode(Radius);

    [BenchmarkCategory("Erode")]
    [Benchmark]
    public void ErodeInto() => _mask.ErodeInto(Radius, _destination);

    /// <summary>Thin rings and strokes at about 15 % ink, like a stamped seal.</summary>
    internal static BitMatrix SealLikeMask(int width, int height, int seed)
    {
        var random = new Random(seed);
        var mask = new BitMatrix(width, height);
        double cx = width / 2.0;
        double cy = height / 2.0;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                double r = Math.Sqrt(((x - cx) * (x - cx)) + ((y - cy) * (y - cy)));
                bool ring = Math.Abs(r - (0.45 * width)) < 4 || Math.Abs(r - (0.38 * width)) < 1.5;
                bool stroke = r < 0.33 * width && ((x / 6) + (y / 9)) % 5 == 0;
                mask[x, y] = ring || stroke || random.NextDouble() < 0.01;
            }
        }

        return mask;
    }
}

/// <summary>Translation search of a 210×210 mask over ±20 px in both directions (1681 offsets).</summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class OverlapKernelBenchmarks
{
    private const int MaxOffset = 20;
    private readonly int[] _counts = new int[((2 * MaxOffset) + 1) * ((2 * MaxOffset) + 1)];
    private BitMatrix _specimen = new(1, 1);
    private BitMatrix _impression = new(1, 1);

    [GlobalSetup]
    public void Setup()
    {
        _specimen = MorphologyKernelBenchmarks.SealLikeMask(210, 210, seed: 1);
        _impression = MorphologyKernelBenchmarks.SealLikeMask(210, 210, seed: 2);
    }

    [Benchmark(Baseline = true)]
    public void OverlapAtOffsetsPerPixel() => BitMatrixScalar.OverlapAtOffsets(_specimen, _impression, MaxOffset, MaxOffset, _counts);

    [Benchmark]
    public void OverlapAtOffsets() => _specimen.OverlapAtOffsets(_impression, MaxOffset, MaxOffset, _counts);
}
