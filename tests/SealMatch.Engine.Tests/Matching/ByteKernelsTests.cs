using SealMatch.Engine.Matching;

namespace SealMatch.Engine.Tests.Matching;

[Trait("Category", "Kernels")]
public sealed class ByteKernelsTests
{
    public static TheoryData<string> Paths => KernelTestData.AvailablePaths();

    /// <summary>Mask patterns: any non-zero byte selects, so 1 and 128 must count as much as 255.</summary>
    private static readonly (string Name, Func<Random, int, byte> Byte)[] MaskPatterns =
    [
        ("all", (_, _) => 255),
        ("none", (_, _) => 0),
        ("random-0-1", (random, _) => (byte)random.Next(2)),
        ("random-any", (random, _) => (byte)(random.Next(3) == 0 ? 0 : random.Next(1, 256))),
        ("alternating-0-128", (_, i) => i % 2 == 0 ? (byte)0 : (byte)128),
    ];

    private static IEnumerable<(string Name, byte[] A, byte[] B, byte[] Mask)> Triples(int length)
    {
        var patterns = KernelTestData.BytePatterns;
        for (int p = 0; p < patterns.Count; p++)
        {
            for (int q = 0; q < patterns.Count; q += 2)
            {
                var maskPattern = MaskPatterns[(p + q) % MaskPatterns.Length];
                yield return (
                    $"{patterns[p].Name}/{patterns[q].Name}/{maskPattern.Name}",
                    KernelTestData.Bytes(length, patterns[p].Byte, length + p),
                    KernelTestData.Bytes(length, patterns[q].Byte, length + 50 + q),
                    KernelTestData.Bytes(length, maskPattern.Byte, length + 99));
            }
        }

        yield return ("max/zeros/all", KernelTestData.Bytes(length, (_, _) => 255, 0), new byte[length], KernelTestData.Bytes(length, (_, _) => 1, 0));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void GainLossMatchesScalarForEveryLength(string pathName)
    {
        SimdPath path = KernelTestData.ParsePath(pathName);
        foreach (int length in KernelTestData.Lengths)
        {
            foreach (var (name, specimen, impression, mask) in Triples(length))
            {
                var expected = ByteKernelsScalar.GainLoss(specimen, impression, mask);
                var actual = ByteKernels.GainLoss(KernelTestData.Misaligned(specimen).Span, impression, mask, path);
                Assert.True(expected == actual, $"{path} {name} length {length}: expected {expected}, got {actual}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void MomentsMatchScalarForEveryLength(string pathName)
    {
        SimdPath path = KernelTestData.ParsePath(pathName);
        foreach (int length in KernelTestData.Lengths)
        {
            foreach (var (name, a, b, mask) in Triples(length))
            {
                MaskedMoments expected = ByteKernelsScalar.Moments(a, b, mask);
                MaskedMoments actual = ByteKernels.Moments(KernelTestData.Misaligned(a).Span, b, mask, path);
                Assert.True(expected == actual, $"{path} {name} length {length}: expected {expected}, got {actual}");
            }
        }
    }

    [Fact]
    public void LongAllMaxInputsDoNotOverflowTheVectorAccumulators()
    {
        // Longer than 8192 iterations of the widest vector: squares of 255 must cross the 32-bit block folds.
        const int Length = (8192 * 64 * 2) + 77;
        byte[] max = KernelTestData.Bytes(Length, (_, _) => 255, 0);
        byte[] zeros = new byte[Length];
        foreach (SimdPath path in SimdPaths.Available)
        {
            MaskedMoments moments = ByteKernels.Moments(max, max, max, path);
            Assert.Equal(new MaskedMoments(Length, 255L * Length, 255L * Length, 65025L * Length, 65025L * Length, 65025L * Length), moments);
            Assert.Equal((255L * Length, 0L), ByteKernels.GainLoss(zeros, max, max, path));
            Assert.Equal((0L, 255L * Length), ByteKernels.GainLoss(max, zeros, max, path));
        }
    }

    [Fact]
    public void PublicKernelsMatchScalar()
    {
        foreach (int length in KernelTestData.Lengths)
        {
            foreach (var (name, a, b, mask) in Triples(length))
            {
                Assert.True(ByteKernelsScalar.GainLoss(a, b, mask) == ByteKernels.GainLoss(a, b, mask), $"GainLoss {name} length {length}");
                Assert.True(ByteKernelsScalar.Moments(a, b, mask) == ByteKernels.Moments(a, b, mask), $"Moments {name} length {length}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void PackGreaterThanMatchesScalarForEveryLengthAndThreshold(string pathName)
    {
        SimdPath path = KernelTestData.ParsePath(pathName);
        byte[] thresholds = [0, 1, 126, 127, 128, 129, 254, 255];
        foreach (int length in KernelTestData.Lengths)
        {
            foreach (var (name, pattern) in KernelTestData.BytePatterns)
            {
                byte[] pixels = KernelTestData.Bytes(length, pattern, length);
                foreach (byte threshold in thresholds)
                {
                    int words = (length + 63) / 64;
                    var expected = new ulong[words];
                    var actual = KernelTestData.Misaligned(Enumerable.Repeat(ulong.MaxValue, words).ToArray());
                    ByteKernelsScalar.PackGreaterThan(pixels, threshold, expected);
                    ByteKernels.PackGreaterThan(KernelTestData.Misaligned(pixels).Span, threshold, actual.Span, path);
                    Assert.True(expected.AsSpan().SequenceEqual(actual.Span), $"{path} {name} threshold {threshold} length {length}");
                }
            }
        }
    }

    [Fact]
    public void PackGreaterThanDefinitionHoldsBitByBit()
    {
        byte[] pixels = KernelTestData.Bytes(200, KernelTestData.BytePatterns[0].Byte, 3);
        var bits = new ulong[4];
        ByteKernels.PackGreaterThan(pixels, 128, bits);
        for (int i = 0; i < 256; i++)
        {
            bool set = (bits[i / 64] & (1UL << (i % 64))) != 0;
            Assert.Equal(i < pixels.Length && pixels[i] > 128, set);
        }
    }

    [Fact]
    public void CorrelationIsOneForIdenticalMinusOneForInvertedAndZeroWhenUndefined()
    {
        byte[] a = KernelTestData.Bytes(5000, KernelTestData.BytePatterns[0].Byte, 11);
        byte[] inverted = a.Select(value => (byte)(255 - value)).ToArray();
        byte[] mask = KernelTestData.Bytes(5000, (random, _) => (byte)random.Next(2), 12);
        byte[] constant = KernelTestData.Bytes(5000, (_, _) => 77, 0);

        Assert.Equal(1.0, ByteKernels.Moments(a, a, mask).Correlation, 12);
        Assert.Equal(-1.0, ByteKernels.Moments(a, inverted, mask).Correlation, 12);
        Assert.Equal(0.0, ByteKernels.Moments(a, constant, mask).Correlation);
        Assert.Equal(0.0, ByteKernels.Moments(a, a, new byte[5000]).Correlation);
        Assert.Equal(0.0, default(MaskedMoments).Correlation);

        // Pearson's r against a direct double computation.
        byte[] b = KernelTestData.Bytes(5000, KernelTestData.BytePatterns[0].Byte, 13).Select((value, i) => (byte)((value / 2) + (a[i] / 2))).ToArray();
        var selected = Enumerable.Range(0, 5000).Where(i => mask[i] != 0).ToArray();
        double meanA = selected.Average(i => (double)a[i]);
        double meanB = selected.Average(i => (double)b[i]);
        double covariance = selected.Sum(i => (a[i] - meanA) * (b[i] - meanB));
        double expected = covariance / Math.Sqrt(selected.Sum(i => (a[i] - meanA) * (a[i] - meanA)) * selected.Sum(i => (b[i] - meanB) * (b[i] - meanB)));
        Assert.Equal(expected, ByteKernels.Moments(a, b, mask).Correlation, 10);
    }

    [Fact]
    public void MismatchedLengthsThrowWithTheParameterName()
    {
        var four = new byte[4];
        var five = new byte[5];
        Assert.Equal("impression", Assert.Throws<ArgumentException>(() => ByteKernels.GainLoss(four, five, four)).ParamName);
        Assert.Equal("mask", Assert.Throws<ArgumentException>(() => ByteKernels.GainLoss(four, four, five)).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentException>(() => ByteKernels.Moments(four, five, four)).ParamName);
        Assert.Equal("mask", Assert.Throws<ArgumentException>(() => ByteKernels.Moments(four, four, five)).ParamName);
        Assert.Equal("bits", Assert.Throws<ArgumentException>(() => ByteKernels.PackGreaterThan(new byte[65], 0, new ulong[1])).ParamName);
        Assert.Equal("bits", Assert.Throws<ArgumentException>(() => ByteKernels.PackGreaterThan(new byte[64], 0, new ulong[2])).ParamName);
        ByteKernels.PackGreaterThan([], 0, []);
    }
}
