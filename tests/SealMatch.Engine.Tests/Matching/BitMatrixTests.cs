using SealMatch.Engine.Matching;

namespace SealMatch.Engine.Tests.Matching;

[Trait("Category", "Kernels")]
public sealed class BitMatrixTests
{
    private static readonly int[] Heights = [1, 2, 3, 4, 5, 6, 7, 8, 9];

    /// <summary>Every width 1..130 (no multiple of 64 spared) with every height 1..9.</summary>
    private static IEnumerable<(int Width, int Height)> Sizes()
    {
        for (int width = 1; width <= 130; width++)
        {
            foreach (int height in Heights)
            {
                yield return (width, height);
            }
        }
    }

    private static bool[,] Pixels(BitMatrix matrix)
    {
        var pixels = new bool[matrix.Width, matrix.Height];
        for (int y = 0; y < matrix.Height; y++)
        {
            for (int x = 0; x < matrix.Width; x++)
            {
                pixels[x, y] = matrix[x, y];
            }
        }

        return pixels;
    }

    private static void AssertSamePixels(BitMatrix expected, BitMatrix actual, string context)
    {
        Assert.Equal(expected.Width, actual.Width);
        Assert.Equal(expected.Height, actual.Height);
        for (int y = 0; y < expected.Height; y++)
        {
            for (int x = 0; x < expected.Width; x++)
            {
                Assert.True(expected[x, y] == actual[x, y], $"{context}: pixel ({x}, {y}) of {expected.Width}×{expected.Height}");
            }
        }

        KernelTestData.AssertPaddingIsZero(actual);
    }

    [Fact]
    public void LayoutIsRowMajorWithBitXModulo64OfWordXDiv64()
    {
        var matrix = new BitMatrix(130, 3);
        Assert.Equal(3, matrix.WordsPerRow);
        Assert.Equal(9, matrix.Words.Length);
        matrix[129, 2] = true;
        matrix[64, 1] = true;
        matrix[0, 0] = true;
        Assert.Equal(1UL << 1, matrix.Words[(2 * 3) + 2]);
        Assert.Equal(1UL, matrix.Words[(1 * 3) + 1]);
        Assert.Equal(1UL, matrix.Words[0]);
        Assert.Equal(3, matrix.PopCount());
        Assert.Equal(1UL, matrix.Row(1)[1]);

        matrix[64, 1] = false;
        Assert.Equal(0UL, matrix.Words[(1 * 3) + 1]);
        Assert.False(matrix[64, 1]);
        Assert.True(matrix[129, 2]);
    }

    [Fact]
    public void OutOfRangeAccessThrows()
    {
        var matrix = new BitMatrix(10, 4);
        Assert.Throws<ArgumentOutOfRangeException>(() => matrix[10, 0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => matrix[-1, 0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => matrix[0, 4] = true);
        Assert.Throws<ArgumentOutOfRangeException>(() => matrix.Row(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BitMatrix(0, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BitMatrix(4, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => matrix.Dilate(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => matrix.Erode(-1));
    }

    [Fact]
    public void FromThresholdSetsPixelsAboveTheThresholdForEverySize()
    {
        var random = new Random(1);
        foreach (var (width, height) in Sizes())
        {
            int stride = width + (width % 5);
            var pixels = new byte[(stride * (height - 1)) + width];
            random.NextBytes(pixels);
            byte threshold = (byte)random.Next(256);
            for (int i = 0; i < pixels.Length; i += 3)
            {
                // Values straddling the threshold, and the extremes 0 and 255.
                pixels[i] = (byte)Math.Clamp(threshold + random.Next(-1, 2), 0, 255);
            }

            pixels[0] = 0;
            pixels[^1] = 255;

            BitMatrix matrix = BitMatrix.FromThreshold(pixels, width, height, stride, threshold);
            KernelTestData.AssertPaddingIsZero(matrix);
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    Assert.True(pixels[(y * stride) + x] > threshold == matrix[x, y], $"pixel ({x}, {y}) of {width}×{height}");
                }
            }
        }
    }

    [Fact]
    public void FromThresholdValidatesTheGeometry()
    {
        Assert.Equal("pixels", Assert.Throws<ArgumentException>(() => BitMatrix.FromThreshold(new byte[10], 4, 3, 4, 0)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => BitMatrix.FromThreshold(new byte[100], 10, 3, 9, 0));

        // Bytes between a row's end and the next row's start (the 77s) are not pixels.
        BitMatrix small = BitMatrix.FromThreshold(new byte[] { 0, 5, 0, 77, 77, 77, 0, 4, 200 }, 3, 2, 6, 4);
        Assert.Equal(2, small.PopCount());
        Assert.True(small[1, 0]);
        Assert.True(small[2, 1]);
    }

    [Fact]
    public void CountsAndBitwiseOperationsMatchPixelsForEverySize()
    {
        foreach (var (width, height) in Sizes())
        {
            int seed = (width * 16) + height;
            BitMatrix a = KernelTestData.RandomMatrix(width, height, 0.5, seed);
            BitMatrix b = KernelTestData.RandomMatrix(width, height, 0.3, seed + 1);
            bool[,] pa = Pixels(a);
            bool[,] pb = Pixels(b);
            long ones = 0;
            long both = 0;
            long onlyA = 0;
            var and = new BitMatrix(width, height);
            var or = new BitMatrix(width, height);
            var andNot = new BitMatrix(width, height);
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    ones += pa[x, y] ? 1 : 0;
                    both += pa[x, y] && pb[x, y] ? 1 : 0;
                    onlyA += pa[x, y] && !pb[x, y] ? 1 : 0;
                    and[x, y] = pa[x, y] && pb[x, y];
                    or[x, y] = pa[x, y] || pb[x, y];
                    andNot[x, y] = pa[x, y] && !pb[x, y];
                }
            }

            Assert.Equal(ones, a.PopCount());
            Assert.Equal(both, a.CountAnd(b));
            Assert.Equal(onlyA, a.CountAndNot(b));

            var destination = new BitMatrix(width, height);
            a.AndInto(b, destination);
            AssertSamePixels(and, destination, "AndInto");
            a.OrInto(b, destination);
            AssertSamePixels(or, destination, "OrInto");
            a.AndNotInto(b, destination);
            AssertSamePixels(andNot, destination, "AndNotInto");

            BitMatrix inPlace = a.Clone();
            inPlace.OrInto(b, inPlace);
            AssertSamePixels(or, inPlace, "OrInto in place");
            AssertSamePixels(KernelTestData.RandomMatrix(width, height, 0.5, seed), a, "Clone left the source alone");

            inPlace.Clear();
            Assert.Equal(0, inPlace.PopCount());
        }
    }

    [Fact]
    public void MismatchedSizesThrow()
    {
        var a = new BitMatrix(65, 3);
        var wider = new BitMatrix(66, 3);
        var taller = new BitMatrix(65, 4);
        Assert.Equal("other", Assert.Throws<ArgumentException>(() => a.CountAnd(wider)).ParamName);
        Assert.Equal("other", Assert.Throws<ArgumentException>(() => a.CountAndNot(taller)).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => a.AndInto(a, wider)).ParamName);
        Assert.Equal("other", Assert.Throws<ArgumentException>(() => a.OrInto(taller, a)).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => a.AndNotInto(a, taller)).ParamName);
        Assert.Throws<ArgumentNullException>(() => a.CountAnd(null!));
    }

    [Fact]
    public void DilateAndErodeMatchThePerPixelDefinitionForEverySize()
    {
        foreach (var (width, height) in Sizes())
        {
            // Every radius 0..5 occurs across the sizes; dedicated radius sweeps follow below.
            int radius = ((width * 7) + height) % 6;
            double density = radius == 0 ? 0.5 : 0.1 + (0.15 * (height % 5));
            BitMatrix source = KernelTestData.RandomMatrix(width, height, density, (width * 31) + height);
            AssertSamePixels(BitMatrixScalar.Dilate(source, radius), source.Dilate(radius), $"Dilate r={radius}");

            // Erosion needs dense input to leave anything set.
            BitMatrix dense = KernelTestData.RandomMatrix(width, height, 0.97, (width * 37) + height);
            AssertSamePixels(BitMatrixScalar.Erode(dense, radius), dense.Erode(radius), $"Erode r={radius}");
        }
    }

    [Theory]
    [InlineData(64, 9)]
    [InlineData(65, 9)]
    [InlineData(127, 8)]
    [InlineData(130, 7)]
    [InlineData(200, 40)]
    public void DilateAndErodeMatchThePerPixelDefinitionForEveryRadius(int width, int height)
    {
        int[] radii = [0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 39, 70, 200];
        foreach (int radius in radii)
        {
            BitMatrix sparse = KernelTestData.RandomMatrix(width, height, 0.02, radius);
            AssertSamePixels(BitMatrixScalar.Dilate(sparse, radius), sparse.Dilate(radius), $"Dilate r={radius}");
            BitMatrix dense = KernelTestData.RandomMatrix(width, height, 0.995, radius + 1000);
            AssertSamePixels(BitMatrixScalar.Erode(dense, radius), dense.Erode(radius), $"Erode r={radius}");

            // The Into forms overwrite whatever the destination held.
            BitMatrix reused = KernelTestData.RandomMatrix(width, height, 0.5, radius + 2000);
            sparse.DilateInto(radius, reused);
            AssertSamePixels(BitMatrixScalar.Dilate(sparse, radius), reused, $"DilateInto r={radius}");
            dense.ErodeInto(radius, reused);
            AssertSamePixels(BitMatrixScalar.Erode(dense, radius), reused, $"ErodeInto r={radius}");
        }
    }

    [Fact]
    public void MorphologyIntoRejectsThisMatrixAndOtherSizes()
    {
        var matrix = new BitMatrix(70, 5);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => matrix.DilateInto(1, matrix)).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => matrix.ErodeInto(1, matrix)).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => matrix.DilateInto(1, new BitMatrix(70, 6))).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => matrix.ErodeInto(0, new BitMatrix(71, 5))).ParamName);
    }

    [Fact]
    public void DilateAndErodeOfFullAndEmptyImagesKeepThePadding()
    {
        foreach (var (width, height) in Sizes())
        {
            var full = new BitMatrix(width, height);
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    full[x, y] = true;
                }
            }

            BitMatrix dilated = full.Dilate(3);
            Assert.Equal((long)width * height, dilated.PopCount());
            KernelTestData.AssertPaddingIsZero(dilated);

            BitMatrix eroded = full.Erode(1);
            Assert.Equal((long)Math.Max(0, width - 2) * Math.Max(0, height - 2), eroded.PopCount());
            KernelTestData.AssertPaddingIsZero(eroded);

            Assert.Equal(0, new BitMatrix(width, height).Dilate(2).PopCount());
        }
    }

    [Fact]
    public void DiscMatchesTheIntegerDefinition()
    {
        for (int radius = 0; radius <= 50; radius++)
        {
            for (int dy = 0; dy <= radius; dy++)
            {
                int halfWidth = BitMatrix.DiscHalfWidth(radius, dy);
                Assert.True((halfWidth * halfWidth) + (dy * dy) <= radius * radius);
                Assert.True(((halfWidth + 1) * (halfWidth + 1)) + (dy * dy) > radius * radius);
            }
        }

        var dot = new BitMatrix(21, 21);
        dot[10, 10] = true;
        BitMatrix disc = dot.Dilate(5);
        for (int y = 0; y < 21; y++)
        {
            for (int x = 0; x < 21; x++)
            {
                Assert.Equal(((x - 10) * (x - 10)) + ((y - 10) * (y - 10)) <= 25, disc[x, y]);
            }
        }
    }

    public static TheoryData<int, int, int, int, int, int> OverlapCases => new()
    {
        // this width, height; other width, height; maxDx, maxDy
        { 64, 8, 64, 8, 3, 2 },
        { 70, 9, 130, 5, 20, 4 },
        { 130, 7, 3, 2, 140, 10 },
        { 1, 1, 1, 1, 2, 2 },
        { 65, 3, 63, 9, 70, 12 },
        { 129, 9, 128, 9, 0, 0 },
        { 20, 6, 100, 1, 0, 8 },
        { 100, 2, 20, 6, 9, 0 },
    };

    [Theory]
    [MemberData(nameof(OverlapCases))]
    public void OverlapAtOffsetsMatchesBruteForce(int width, int height, int otherWidth, int otherHeight, int maxDx, int maxDy)
    {
        foreach (double density in new[] { 0.05, 0.5, 1.0 })
        {
            BitMatrix matrix = KernelTestData.RandomMatrix(width, height, density, width + height);
            BitMatrix other = KernelTestData.RandomMatrix(otherWidth, otherHeight, density, otherWidth + (7 * otherHeight));
            int length = ((2 * maxDx) + 1) * ((2 * maxDy) + 1);
            var expected = new int[length];
            var actual = new int[length];
            Array.Fill(actual, -1);
            BitMatrixScalar.OverlapAtOffsets(matrix, other, maxDx, maxDy, expected);
            matrix.OverlapAtOffsets(other, maxDx, maxDy, actual);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void OverlapAtOffsetsFindsAKnownTranslation()
    {
        BitMatrix other = KernelTestData.RandomMatrix(90, 60, 0.3, 5);
        var moved = new BitMatrix(100, 70);
        for (int y = 0; y < other.Height; y++)
        {
            for (int x = 0; x < other.Width; x++)
            {
                moved[x + 7, y + 4] = other[x, y];
            }
        }

        var counts = new int[21 * 11];
        moved.OverlapAtOffsets(other, 10, 5, counts);
        int best = Array.IndexOf(counts, counts.Max());
        Assert.Equal(((4 + 5) * 21) + 7 + 10, best);
        Assert.Equal(other.PopCount(), counts[best]);
    }

    [Fact]
    public void OverlapAtOffsetsValidatesItsArguments()
    {
        var matrix = new BitMatrix(10, 10);
        Assert.Equal("counts", Assert.Throws<ArgumentException>(() => matrix.OverlapAtOffsets(matrix, 1, 1, new int[8])).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => matrix.OverlapAtOffsets(matrix, -1, 1, new int[3]));
        Assert.Throws<ArgumentNullException>(() => matrix.OverlapAtOffsets(null!, 0, 0, new int[1]));
    }
}
