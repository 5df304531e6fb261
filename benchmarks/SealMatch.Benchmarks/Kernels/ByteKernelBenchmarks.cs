using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using SealMatch.Engine.Matching;

namespace SealMatch.Benchmarks.Kernels;

/// <summary>The 8-bit kernels on every path, at one odd length and a 420×420 image.</summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ByteKernelBenchmarks
{
    private byte[] _a = [];
    private byte[] _b = [];
    private byte[] _mask = [];
    private ulong[] _bits = [];

    [Params(1000, 176_400)]
    public int Length { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(176_400);
        _a = new byte[Length];
        _b = new byte[Length];
        _mask = new byte[Length];
        random.NextBytes(_a);
        random.NextBytes(_b);
        for (int i = 0; i < Length; i++)
        {
            _mask[i] = (byte)(random.Next(4) == 0 ? 0 : 255);
        }

        _bits = new ulong[(Length + 63) / 64];
    }

    [BenchmarkCategory("GainLoss")]
    [Benchmark(Baseline = true)]
    public (long, long) GainLossScalar() => ByteKernelsScalar.GainLoss(_a, _b, _mask);

    [BenchmarkCategory("GainLoss")]
    [Benchmark]
    public (long, long) GainLoss128() => ByteKernels.GainLoss(_a, _b, _mask, SimdPath.Vector128);

    [BenchmarkCategory("GainLoss")]
    [Benchmark]
    public (long, long) GainLoss256() => ByteKernels.GainLoss(_a, _b, _mask, SimdPath.Vector256);

    [BenchmarkCategory("GainLoss")]
    [Benchmark]
    public (long, long) GainLoss512() => ByteKernels.GainLoss(_a, _b, _mask, SimdPath.Vector512);

    [BenchmarkCategory("Moments")]
    [Benchmark(Baseline = true)]
    public MaskedMoments MomentsScalar() => ByteKernelsScalar.Moments(_a, _b, _mask);

    [BenchmarkCategory("Moments")]
    [Benchmark]
    public MaskedMoments Moments128() => ByteKernels.Moments(_a, _b, _mask, SimdPath.Vector128);

    [BenchmarkCategory("Moments")]
    [Benchmark]
    public MaskedMoments Moments256() => ByteKernels.Moments(_a, _b, _mask, SimdPath.Vector256);

    [BenchmarkCategory("Moments")]
    [Benchmark]
    public MaskedMoments Moments512() => ByteKernels.Moments(_a, _b, _mask, SimdPath.Vector512);

    [BenchmarkCategory("PackGreaterThan")]
    [Benchmark(Baseline = true)]
    public void PackGreaterThanScalar() => ByteKernelsScalar.PackGreaterThan(_a, 128, _bits);

    [BenchmarkCategory("PackGreaterThan")]
    [Benchmark]
    public void PackGreaterThan128() => ByteKernels.PackGreaterThan(_a, 128, _bits, SimdPath.Vector128);

    [BenchmarkCategory("PackGreaterThan")]
    [Benchmark]
    public void PackGreaterThan256() => ByteKernels.PackGreaterThan(_a, 128, _bits, SimdPath.Vector256);

    [BenchmarkCategory("PackGreaterThan")]
    [Benchmark]
    public void PackGreaterThan512() => ByteKernels.PackGreaterThan(_a, 128, _bits, SimdPath.Vector512);
}

/// <summary>Embedding similarity: TensorPrimitives-based kernels against double-accumulated scalar loops.</summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class FeatureVectorKernelBenchmarks
{
    private const int GalleryRows = 100;
    private float[] _query = [];
    private float[] _candidate = [];
    private float[] _gallery = [];
    private readonly float[] _similarities = new float[GalleryRows];

    [Params(128, 512)]
    public int Dimension { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(Dimension);
        _query = Enumerable.Range(0, Dimension).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        _candidate = Enumerable.Range(0, Dimension).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        _gallery = Enumerable.Range(0, Dimension * GalleryRows).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
    }

    [BenchmarkCategory("Cosine")]
    [Benchmark(Baseline = true)]
    public float CosineSimilarityScalar() => VectorKernelsScalar.CosineSimilarity(_query, _candidate);

    [BenchmarkCategory("Cosine")]
    [Benchmark]
    public float CosineSimilarity() => VectorKernels.CosineSimilarity(_query, _candidate);

    [BenchmarkCategory("SquaredDistance")]
    [Benchmark(Baseline = true)]
    public float SquaredEuclideanDistanceScalar() => VectorKernelsScalar.SquaredEuclideanDistance(_query, _candidate);

    [BenchmarkCategory("SquaredDistance")]
    [Benchmark]
    public float SquaredEuclideanDistance() => VectorKernels.SquaredEuclideanDistance(_query, _candidate);

    [BenchmarkCategory("CosineGallery")]
    [Benchmark(Baseline = true)]
    public void CosineSimilaritiesScalar() => VectorKernelsScalar.CosineSimilarities(_query, _gallery, Dimension, _similarities);

    [BenchmarkCategory("CosineGallery")]
    [Benchmark]
    public void CosineSimilarities() => VectorKernels.CosineSimilarities(_query, _gallery, Dimension, _similarities);
}
