using SealMatch.Engine.Matching;

namespace SealMatch.Engine.Tests.Matching;

[Trait("Category", "Kernels")]
public sealed class BitKernelsTests
{
    public static TheoryData<string> Paths => KernelTestData.AvailablePaths();

    /// <summary>Pairs of word patterns (a, b) for the two-input kernels.</summary>
    private static IEnumerable<(string Name, ulong[] A, ulong[] B)> Pairs(int length, int seed)
    {
        var patterns = KernelTestData.WordPatterns;
        for (int p = 0; p < patterns.Count; p++)
        {
            var (name, pattern) = patterns[p];
            yield return (name + "&random", KernelTestData.Words(length, pattern, seed + p), KernelTestData.Words(length, patterns[0].Word, seed + 100 + p));
            yield return (name + "&self", KernelTestData.Words(length, pattern, seed + p), KernelTestData.Words(length, pattern, seed + p));
        }

        yield return ("aa&55", KernelTestData.Words(length, (_, _) => 0xAAAA_AAAA_AAAA_AAAAUL, seed), KernelTestData.Words(length, (_, _) => 0x5555_5555_5555_5555UL, seed));
        yield return ("ones&zeros", KernelTestData.Words(length, (_, _) => ulong.MaxValue, seed), new ulong[length]);
        yield return ("zeros&ones", new ulong[length], KernelTestData.Words(length, (_, _) => ulong.MaxValue, seed));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void PopCountMatchesScalarForEveryLength(string pathName)
    {
        SimdPath path = KernelTestData.ParsePath(pathName);
        foreach (int length in KernelTestData.Lengths)
        {
            foreach (var (name, pattern) in KernelTestData.WordPatterns)
            {
                ReadOnlySpan<ulong> words = KernelTestData.Misaligned(KernelTestData.Words(length, pattern, length)).Span;
                long expected = BitKernelsScalar.PopCount(words);
                Assert.True(expected == BitKernels.CombinePopCount<LeftOperator>(words, words, path), $"PopCount {path} {name} length {length}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void AndPopCountAndAndNotPopCountMatchScalarForEveryLength(string pathName)
    {
        SimdPath path = KernelTestData.ParsePath(pathName);
        foreach (int length in KernelTestData.Lengths)
        {
            foreach (var (name, a, b) in Pairs(length, length))
            {
                ReadOnlySpan<ulong> left = KernelTestData.Misaligned(a).Span;
                long and = BitKernels.CombinePopCount<AndOperator>(left, b, path);
                long andNot = BitKernels.CombinePopCount<AndNotOperator>(left, b, path);
                Assert.True(BitKernelsScalar.AndPopCount(a, b) == and, $"AndPopCount {path} {name} length {length}");
                Assert.True(BitKernelsScalar.AndNotPopCount(a, b) == andNot, $"AndNotPopCount {path} {name} length {length}");
            }
        }
    }

    [Fact]
    public void PublicPopCountKernelsMatchScalarForEveryLength()
    {
        foreach (int length in KernelTestData.Lengths)
        {
            foreach (var (name, a, b) in Pairs(length, 7 * length))
            {
                Assert.True(BitKernelsScalar.PopCount(a) == BitKernels.PopCount(a), $"PopCount {name} length {length}");
                Assert.True(BitKernelsScalar.AndPopCount(a, b) == BitKernels.AndPopCount(a, b), $"AndPopCount {name} length {length}");
                Assert.True(BitKernelsScalar.AndNotPopCount(a, b) == BitKernels.AndNotPopCount(a, b), $"AndNotPopCount {name} length {length}");
            }
        }
    }

    [Fact]
    public void PopCountOfAllOnesCountsEveryBitAcrossAccumulatorBlocks()
    {
        // 31 vectors fill a byte accumulator; 100 000 words crosses many blocks on every path.
        var ones = new ulong[100_000];
        Array.Fill(ones, ulong.MaxValue);
        foreach (SimdPath path in SimdPaths.Available)
        {
            Assert.Equal(64L * ones.Length, BitKernels.CombinePopCount<LeftOperator>(ones, ones, path));
            Assert.Equal(64L * ones.Length, BitKernels.CombinePopCount<AndOperator>(ones, ones, path));
        }

        Assert.Equal(64L * ones.Length, BitKernels.PopCount(ones));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void AndNotMatchesScalarForEveryLength(string pathName)
    {
        SimdPath path = KernelTestData.ParsePath(pathName);
        foreach (int length in KernelTestData.Lengths)
        {
            foreach (var (name, a, b) in Pairs(length, 3 * length))
            {
                var expected = new ulong[length];
                var actual = KernelTestData.Misaligned(new ulong[length]);
                BitKernelsScalar.AndNot(a, b, expected);
                BitKernels.Combine<AndNotOperator>(a, b, actual.Span, path);
                Assert.True(expected.AsSpan().SequenceEqual(actual.Span), $"AndNot {path} {name} length {length}");
            }
        }
    }

    [Fact]
    public void PublicElementwiseOperationsMatchScalarForEveryLength()
    {
        foreach (int length in KernelTestData.Lengths)
        {
            foreach (var (name, a, b) in Pairs(length, 5 * length))
            {
                var expected = new ulong[length];
                var actual = new ulong[length];

                BitKernelsScalar.And(a, b, expected);
                BitKernels.And(a, b, actual);
                Assert.True(expected.AsSpan().SequenceEqual(actual), $"And {name} length {length}");

                BitKernelsScalar.Or(a, b, expected);
                BitKernels.Or(a, b, actual);
                Assert.True(expected.AsSpan().SequenceEqual(actual), $"Or {name} length {length}");

                BitKernelsScalar.AndNot(a, b, expected);
                BitKernels.AndNot(a, b, actual);
                Assert.True(expected.AsSpan().SequenceEqual(actual), $"AndNot {name} length {length}");
            }
        }
    }

    [Fact]
    public void ElementwiseOperationsMayWriteIntoEitherInput()
    {
        foreach (int length in KernelTestData.Lengths)
        {
            ulong[] a = KernelTestData.Words(length, KernelTestData.WordPatterns[0].Word, length);
            ulong[] b = KernelTestData.Words(length, KernelTestData.WordPatterns[0].Word, length + 1);
            var expected = new ulong[length];
            BitKernelsScalar.AndNot(a, b, expected);

            ulong[] intoA = (ulong[])a.Clone();
            BitKernels.AndNot(intoA, b, intoA);
            Assert.Equal(expected, intoA);

            ulong[] intoB = (ulong[])b.Clone();
            BitKernels.AndNot(a, intoB, intoB);
            Assert.Equal(expected, intoB);

            BitKernelsScalar.Or(a, b, expected);
            ulong[] orIntoB = (ulong[])b.Clone();
            BitKernels.Or(a, orIntoB, orIntoB);
            Assert.Equal(expected, orIntoB);

            BitKernelsScalar.And(a, b, expected);
            ulong[] andIntoA = (ulong[])a.Clone();
            BitKernels.And(andIntoA, b, andIntoA);
            Assert.Equal(expected, andIntoA);
        }
    }

    [Fact]
    public void MismatchedLengthsThrowWithTheParameterName()
    {
        var four = new ulong[4];
        var five = new ulong[5];
        Assert.Equal("b", Assert.Throws<ArgumentException>(() => BitKernels.AndPopCount(four, five)).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentException>(() => BitKernels.AndNotPopCount(four, five)).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentException>(() => BitKernels.And(four, five, four)).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => BitKernels.Or(four, four, five)).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => BitKernels.AndNot(four, four, five)).ParamName);
    }

    /// <summary>The definition, bit by bit: scores[k] = |{(c, j) : specimen(c, j) ∧ impression((c + k) mod C, j − shift)}|.</summary>
    private static int[] CircularBruteForce(ulong[] specimen, ulong[] impression, int columns, int wordsPerColumn, int radialShift)
    {
        int bits = 64 * wordsPerColumn;
        bool Bit(ulong[] signature, int column, int radial) =>
            radial >= 0 && radial < bits && (signature[(column * wordsPerColumn) + (radial / 64)] & (1UL << (radial % 64))) != 0;

        var scores = new int[columns];
        for (int k = 0; k < columns; k++)
        {
            for (int c = 0; c < columns; c++)
            {
                for (int j = 0; j < bits; j++)
                {
                    if (Bit(specimen, c, j) && Bit(impression, (c + k) % columns, j - radialShift))
                    {
                        scores[k]++;
                    }
                }
            }
        }

        return scores;
    }

    public static TheoryData<int, int> SmallCircularShapes => new()
    {
        { 1, 1 }, { 2, 1 }, { 3, 2 }, { 5, 3 }, { 17, 1 }, { 17, 2 }, { 64, 1 }, { 33, 2 },
    };

    [Theory]
    [MemberData(nameof(SmallCircularShapes))]
    public void CircularAndPopCountMatchesBruteForceOnEveryPathAndShift(int columns, int wordsPerColumn)
    {
        int[] shifts = [0, 1, -1, 3, -3, 31, 63, -63, 64, -64, 65, -65, 127, -128, 129, 200, -200];
        foreach (var (name, pattern) in KernelTestData.WordPatterns)
        {
            ulong[] specimen = KernelTestData.Words(columns * wordsPerColumn, KernelTestData.WordPatterns[0].Word, columns);
            ulong[] impression = KernelTestData.Words(columns * wordsPerColumn, pattern, columns + 1);
            foreach (int shift in shifts)
            {
                int[] expected = CircularBruteForce(specimen, impression, columns, wordsPerColumn, shift);
                var reference = new int[columns];
                BitKernelsScalar.CircularAndPopCount(specimen, impression, columns, wordsPerColumn, shift, reference);
                Assert.True(expected.SequenceEqual(reference), $"scalar reference {name} shift {shift}");
                foreach (SimdPath path in SimdPaths.Available)
                {
                    var actual = new int[columns];
                    BitKernels.CircularAndPopCountCore(specimen, impression, columns, wordsPerColumn, shift, actual, path);
                    Assert.True(expected.SequenceEqual(actual), $"{path} {name} shift {shift}");
                }
            }
        }
    }

    [Theory]
    [InlineData(180, 1)]
    [InlineData(360, 1)]
    [InlineData(360, 2)]
    [InlineData(720, 2)]
    [InlineData(251, 3)]
    public void CircularAndPopCountMatchesScalarAtTypicalSizes(int columns, int wordsPerColumn)
    {
        ulong[] specimen = KernelTestData.Words(columns * wordsPerColumn, KernelTestData.WordPatterns[0].Word, columns);
        ulong[] impression = KernelTestData.Words(columns * wordsPerColumn, KernelTestData.WordPatterns[0].Word, columns + 1);
        for (int shift = -3; shift <= 3; shift++)
        {
            var expected = new int[columns];
            var actual = new int[columns];
            BitKernelsScalar.CircularAndPopCount(specimen, impression, columns, wordsPerColumn, shift, expected);
            BitKernels.CircularAndPopCount(specimen, impression, columns, wordsPerColumn, shift, actual);
            Assert.True(expected.SequenceEqual(actual), $"shift {shift}");
        }
    }

    [Fact]
    public void CircularAndPopCountFindsTheRotationOfAShiftedCopy()
    {
        const int Columns = 360;
        const int WordsPerColumn = 2;
        ulong[] specimen = KernelTestData.Words(Columns * WordsPerColumn, KernelTestData.WordPatterns[0].Word, 42);

        // impression column c = specimen column (c − 37) moved 2 bins inward, so rotation 37 with shift +2 realigns it.
        var impression = new ulong[specimen.Length];
        for (int c = 0; c < Columns; c++)
        {
            int source = ((c - 37) % Columns + Columns) % Columns;
            UInt128 column = ((UInt128)specimen[(source * 2) + 1] << 64) | specimen[source * 2];
            column >>= 2;
            impression[c * 2] = (ulong)column;
            impression[(c * 2) + 1] = (ulong)(column >> 64);
        }

        var scores = new int[Columns];
        BitKernels.CircularAndPopCount(specimen, impression, Columns, WordsPerColumn, 2, scores);
        int best = Array.IndexOf(scores, scores.Max());
        Assert.Equal(37, best);

        // At the true rotation every specimen bit matches except the two innermost bins, lost to the inward move.
        long expected = 0;
        for (int c = 0; c < Columns; c++)
        {
            expected += (long)ulong.PopCount(specimen[c * 2] & ~3UL) + (long)ulong.PopCount(specimen[(c * 2) + 1]);
        }

        Assert.Equal(expected, scores[37]);
    }

    [Fact]
    public void CircularAndPopCountValidatesItsArguments()
    {
        var six = new ulong[6];
        var three = new int[3];
        Assert.Equal("specimen", Assert.Throws<ArgumentException>(() => BitKernels.CircularAndPopCount(new ulong[5], six, 3, 2, 0, three)).ParamName);
        Assert.Equal("impression", Assert.Throws<ArgumentException>(() => BitKernels.CircularAndPopCount(six, new ulong[7], 3, 2, 0, three)).ParamName);
        Assert.Equal("scores", Assert.Throws<ArgumentException>(() => BitKernels.CircularAndPopCount(six, six, 3, 2, 0, new int[4])).ParamName);
        Assert.Equal("wordsPerColumn", Assert.Throws<ArgumentOutOfRangeException>(() => BitKernels.CircularAndPopCount(six, six, 3, 0, 0, three)).ParamName);
        Assert.Equal("columns", Assert.Throws<ArgumentOutOfRangeException>(() => BitKernels.CircularAndPopCount(six, six, -3, 2, 0, three)).ParamName);
        BitKernels.CircularAndPopCount([], [], 0, 2, 1, []);
    }
}
