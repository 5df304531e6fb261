using SealMatch.Engine.Matching;

namespace SealMatch.Engine.Tests.Matching;

/// <summary>Seeded inputs for the kernel tests: every length 0..256 plus a few long ones, random and adversarial.</summary>
internal static class KernelTestData
{
    /// <summary>0..256 (every vector width's remainder) and long lengths that cross the byte-accumulator blocks.</summary>
    public static IEnumerable<int> Lengths => Enumerable.Range(0, 257).Concat([1000, 4099]);

    /// <summary>The SIMD paths this process can run, as theory data (names, since the enum is internal).</summary>
    public static TheoryData<string> AvailablePaths()
    {
        var data = new TheoryData<string>();
        foreach (SimdPath path in SimdPaths.Available)
        {
            data.Add(path.ToString());
        }

        return data;
    }

    public static SimdPath ParsePath(string name) => Enum.Parse<SimdPath>(name);

    /// <summary>Word patterns, each a function of (random, index): named so that a failure says which.</summary>
    public static IReadOnlyList<(string Name, Func<Random, int, ulong> Word)> WordPatterns { get; } =
    [
        ("random", (random, _) => (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63)),
        ("zeros", (_, _) => 0UL),
        ("ones", (_, _) => ulong.MaxValue),
        ("alternating-aa", (_, _) => 0xAAAA_AAAA_AAAA_AAAAUL),
        ("alternating-55", (_, _) => 0x5555_5555_5555_5555UL),
        ("sparse", (random, _) => 1UL << random.Next(64)),
        ("dense", (random, _) => ~(1UL << random.Next(64))),
        ("top-bits", (_, i) => i % 2 == 0 ? 0x8000_0000_0000_0000UL : 0xFF00_0000_0000_00FFUL),
    ];

    /// <summary><paramref name="length"/> words from <paramref name="pattern"/>, reproducible from <paramref name="seed"/>.</summary>
    public static ulong[] Words(int length, Func<Random, int, ulong> pattern, int seed)
    {
        var random = new Random(seed);
        var words = new ulong[length];
        for (int i = 0; i < length; i++)
        {
            words[i] = pattern(random, i);
        }

        return words;
    }

    /// <summary>A misaligned view: the data starts one element into its backing array.</summary>
    public static Memory<T> Misaligned<T>(T[] values)
    {
        var backing = new T[values.Length + 1];
        values.CopyTo(backing, 1);
        return backing.AsMemory(1, values.Length);
    }

    /// <summary>Byte patterns for the 8-bit kernels.</summary>
    public static IReadOnlyList<(string Name, Func<Random, int, byte> Byte)> BytePatterns { get; } =
    [
        ("random", (random, _) => (byte)random.Next(256)),
        ("zeros", (_, _) => 0),
        ("max", (_, _) => 255),
        ("alternating-0-255", (_, i) => i % 2 == 0 ? (byte)0 : (byte)255),
        ("around-128", (random, _) => (byte)(127 + random.Next(3))),
        ("extremes", (random, _) => random.Next(2) == 0 ? (byte)0 : (byte)255),
    ];

    public static byte[] Bytes(int length, Func<Random, int, byte> pattern, int seed)
    {
        var random = new Random(seed);
        var bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = pattern(random, i);
        }

        return bytes;
    }

    /// <summary>Random bits with the given density (0..1), for masks and images.</summary>
    public static BitMatrix RandomMatrix(int width, int height, double density, int seed)
    {
        var random = new Random(seed);
        var matrix = new BitMatrix(width, height);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                matrix[x, y] = random.NextDouble() < density;
            }
        }

        return matrix;
    }

    /// <summary>Fails unless every row's padding bits beyond Width are zero.</summary>
    public static void AssertPaddingIsZero(BitMatrix matrix)
    {
        int usedBits = matrix.Width % 64;
        if (usedBits == 0)
        {
            return;
        }

        ulong padding = ~((1UL << usedBits) - 1);
        for (int y = 0; y < matrix.Height; y++)
        {
            Assert.True((matrix.Row(y)[^1] & padding) == 0, $"Padding bits set in row {y} of a {matrix.Width}×{matrix.Height} matrix.");
        }
    }
}
