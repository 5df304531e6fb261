using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using SealMatch.Engine.Matching;

namespace SealMatch.Benchmarks.Kernels;

/// <summary>
/// Chooses BitKernels' popcount strategy per length: the plain reference loop, an unrolled POPCNT loop,
/// TensorPrimitives.PopCount, and the nibble-table (PSHUFB + PSADBW) kernels at 128, 256 and 512 bits.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class PopCountKernelBenchmarks
{
    private ulong[] _a = [];
    private ulong[] _b = [];

    [Params(7, 16, 64, 1000, 4099)]
    public int Words { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20_240_601);
        _a = new ulong[Words];
        _b = new ulong[Words];
        for (int i = 0; i < Words; i++)
        {
            _a[i] = (ulong)random.NextInt64();
            _b[i] = (ulong)random.NextInt64();
        }
    }

    [BenchmarkCategory("PopCount")]
    [Benchmark(Baseline = true)]
    public long PopCountScalarReference() => BitKernelsScalar.PopCount(_a);

    [BenchmarkCategory("PopCount")]
    [Benchmark]
    public long PopCountPopcntUnrolled() => BitKernels.CombinePopCount<LeftOperator>(_a, _a, SimdPath.Scalar);

    [BenchmarkCategory("PopCount")]
    [Benchmark]
    public long PopCountTensorPrimitives() => TensorPrimitives.PopCount<ulong>(_a);

    [BenchmarkCategory("PopCount")]
    [Benchmark]
    public long PopCountNibble128() => BitKernels.CombinePopCount<LeftOperator>(_a, _a, SimdPath.Vector128);

    [BenchmarkCategory("PopCount")]
    [Benchmark]
    public long PopCountNibble256() => BitKernels.CombinePopCount<LeftOperator>(_a, _a, SimdPath.Vector256);

    [BenchmarkCategory("PopCount")]
    [Benchmark]
    public long PopCountNibble512() => BitKernels.CombinePopCount<LeftOperator>(_a, _a, SimdPath.Vector512);

    [BenchmarkCategory("PopCount")]
    [Benchmark]
    public long PopCountDispatched() => BitKernels.PopCount(_a);

    [BenchmarkCategory("AndPopCount")]
    [Benchmark(Baseline = true)]
    public long AndPopCountScalarReference() => BitKernelsScalar.AndPopCount(_a, _b);

    [BenchmarkCategory("AndPopCount")]
    [Benchmark]
    public long AndPopCountPopcntUnrolled() => BitKernels.CombinePopCount<AndOperator>(_a, _b, SimdPath.Scalar);

    [BenchmarkCategory("AndPopCount")]
    [Benchmark]
    public long AndPopCountNibble128() => BitKernels.CombinePopCount<AndOperator>(_a, _b, SimdPath.Vector128);

    [BenchmarkCategory("AndPopCount")]
    [Benchmark]
    public long AndPopCountNibble256() => BitKernels.CombinePopCount<AndOperator>(_a, _b, SimdPath.Vector256);

    [BenchmarkCategory("AndPopCount")]
    [Benchmark]
    public long AndPopCountNibble512() => BitKernels.CombinePopCount<AndOperator>(_a, _b, SimdPath.Vector512);

    [BenchmarkCategory("AndPopCount")]
    [Benchmark]
    public long AndPopCountDispatched() => BitKernels.AndPopCount(_a, _b);
}
