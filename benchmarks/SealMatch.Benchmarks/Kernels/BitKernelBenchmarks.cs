using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using SealMatch.Engine.Matching;

namespace SealMatch.Benchmarks.Kernels;

/// <summary>The public BitKernels against their scalar references; And also against the hand-written loop it replaced.</summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class BitKernelBenchmarks
{
    private ulong[] _a = [];
    private ulong[] _b = [];
    private ulong[] _destination = [];

    [Params(7, 64, 1000, 4099)]
    public int Words { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _a = new ulong[Words];
        _b = new ulong[Words];
        _destination = new ulong[Words];
        for (int i = 0; i < Words; i++)
        {
            _a[i] = (ulong)random.NextInt64();
            _b[i] = (ulong)random.NextInt64();
        }
    }

    [BenchmarkCategory("AndNotPopCount")]
    [Benchmark(Baseline = true)]
    public long AndNotPopCountScalar() => BitKernelsScalar.AndNotPopCount(_a, _b);

    [BenchmarkCategory("AndNotPopCount")]
    [Benchmark]
    public long AndNotPopCount() => BitKernels.AndNotPopCount(_a, _b);

    [BenchmarkCategory("And")]
    [Benchmark(Baseline = true)]
    public void AndScalar() => BitKernelsScalar.And(_a, _b, _destination);

    /// <summary>BitKernels.And, which is TensorPrimitives.BitwiseAnd.</summary>
    [BenchmarkCategory("And")]
    [Benchmark]
    public void And() => BitKernels.And(_a, _b, _destination);

    [BenchmarkCategory("And")]
    [Benchmark]
    public void AndHandWritten256() => BitKernels.Combine<AndOperator>(_a, _b, _destination, SimdPath.Vector256);

    [BenchmarkCategory("And")]
    [Benchmark]
    public void AndHandWritten512() => BitKernels.Combine<AndOperator>(_a, _b, _destination, SimdPath.Vector512);

    [BenchmarkCategory("AndNot")]
    [Benchmark(Baseline = true)]
    public void AndNotScalar() => BitKernelsScalar.AndNot(_a, _b, _destination);

    [BenchmarkCategory("AndNot")]
    [Benchmark]
    public void AndNot() => BitKernels.AndNot(_a, _b, _destination);
}

/// <summary>The polar rotation sweep at its typical sizes (360 columns, 1 or 2 words per column).</summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class CircularKernelBenchmarks
{
    private const int Columns = 360;
    private ulong[] _specimen = [];
    private ulong[] _impression = [];
    private readonly int[] _scores = new int[Columns];

    [Params(1, 2)]
    public int WordsPerColumn { get; set; }

    [Params(0, 3)]
    public int RadialShift { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(360);
        _specimen = new ulong[Columns * WordsPerColumn];
        _impression = new ulong[Columns * WordsPerColumn];
        for (int i = 0; i < _specimen.Length; i++)
        {
            _specimen[i] = (ulong)random.NextInt64();
            _impression[i] = (ulong)random.NextInt64();
        }
    }

    [Benchmark(Baseline = true)]
    public void CircularAndPopCountScalar() =>
        BitKernelsScalar.CircularAndPopCount(_specimen, _impression, Columns, WordsPerColumn, RadialShift, _scores);

    [Benchmark]
    public void CircularAndPopCountPopcnt() =>
        BitKernels.CircularAndPopCountCore(_specimen, _impression, Columns, WordsPerColumn, RadialShift, _scores, SimdPath.Scalar);

    [Benchmark]
    public void CircularAndPopCountNibble256() =>
        BitKernels.CircularAndPopCountCore(_specimen, _impression, Columns, WordsPerColumn, RadialShift, _scores, SimdPath.Vector256);

    [Benchmark]
    public void CircularAndPopCount() =>
        BitKernels.CircularAndPopCount(_specimen, _impression, Columns, WordsPerColumn, RadialShift, _scores);
}
