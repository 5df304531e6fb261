using SealMatch.Engine.Matching;

namespace SealMatch.Engine.Tests.Matching;

/// <summary>
/// Float kernels against double-accumulated references. Tolerances: cosine similarity (bounded by 1) within 1e-5
/// absolute; squared distance within 1e-5 relative. Float accumulation over 4099 elements stays well inside both.
/// </summary>
[Trait("Category", "Kernels")]
public sealed class VectorKernelsTests
{
    private const float CosineTolerance = 1e-5f;
    private const double DistanceRelativeTolerance = 1e-5;

    private static float[] Floats(int length, int seed, float offset = 0)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = ((float)random.NextDouble() * 2) - 1 + offset;
        }

        return values;
    }

    private static IEnumerable<int> Lengths => Enumerable.Range(1, 256).Concat([1000, 4099]);

    [Fact]
    public void CosineSimilarityMatchesScalarWithinTolerance()
    {
        foreach (int length in Lengths)
        {
            float[] a = Floats(length, length);
            float[] b = Floats(length, length + 1);
            float[] skewed = Floats(length, length + 2, offset: 3);
            Assert.True(Math.Abs(VectorKernelsScalar.CosineSimilarity(a, b) - VectorKernels.CosineSimilarity(a, b)) <= CosineTolerance, $"random length {length}");
            Assert.True(Math.Abs(VectorKernelsScalar.CosineSimilarity(a, skewed) - VectorKernels.CosineSimilarity(a, skewed)) <= CosineTolerance, $"skewed length {length}");
            Assert.True(Math.Abs(1 - VectorKernels.CosineSimilarity(a, a)) <= CosineTolerance, $"self length {length}");
            Assert.True(Math.Abs(-1 - VectorKernels.CosineSimilarity(a, a.Select(v => -2 * v).ToArray())) <= CosineTolerance, $"opposite length {length}");
        }
    }

    [Fact]
    public void SquaredEuclideanDistanceMatchesScalarWithinTolerance()
    {
        foreach (int length in Lengths)
        {
            float[] a = Floats(length, length);
            float[] b = Floats(length, length + 1, offset: 0.5f);
            double expected = VectorKernelsScalar.SquaredEuclideanDistance(a, b);
            double actual = VectorKernels.SquaredEuclideanDistance(a, b);
            Assert.True(Math.Abs(expected - actual) <= DistanceRelativeTolerance * expected, $"length {length}: {expected} vs {actual}");
            Assert.Equal(0f, VectorKernels.SquaredEuclideanDistance(a, a));
        }
    }

    [Fact]
    public void DegenerateVectorsGiveZero()
    {
        Assert.Equal(0f, VectorKernels.CosineSimilarity([], []));
        Assert.Equal(0f, VectorKernels.SquaredEuclideanDistance([], []));
        Assert.Equal(0f, VectorKernels.CosineSimilarity(new float[7], Floats(7, 1)));
        Assert.Equal(0f, VectorKernels.CosineSimilarity(Floats(300, 1), new float[300]));
        Assert.True(float.IsNaN(VectorKernels.CosineSimilarity([1f, float.NaN], [1f, 2f])));

        var similarities = new float[3];
        VectorKernels.CosineSimilarities(Floats(5, 2), new float[15], 5, similarities);
        Assert.Equal(new float[3], similarities);
        VectorKernels.CosineSimilarities([], [], 0, similarities);
        Assert.Equal(new float[3], similarities);
    }

    [Fact]
    public void CosineSimilaritiesMatchScalarForEveryRow()
    {
        foreach (int dimension in Enumerable.Range(1, 70).Concat([128, 512, 1000]))
        {
            foreach (int rows in new[] { 0, 1, 9 })
            {
                float[] query = Floats(dimension, dimension);
                float[] gallery = Floats(dimension * rows, dimension + 5);
                var expected = new float[rows];
                var actual = new float[rows];
                VectorKernelsScalar.CosineSimilarities(query, gallery, dimension, expected);
                VectorKernels.CosineSimilarities(query, gallery, dimension, actual);
                for (int row = 0; row < rows; row++)
                {
                    Assert.True(Math.Abs(expected[row] - actual[row]) <= CosineTolerance, $"dimension {dimension} row {row}");
                    Assert.True(Math.Abs(VectorKernels.CosineSimilarity(query, gallery.AsSpan(row * dimension, dimension)) - actual[row]) <= CosineTolerance);
                }
            }
        }
    }

    [Fact]
    public void MismatchedLengthsThrowWithTheParameterName()
    {
        Assert.Equal("b", Assert.Throws<ArgumentException>(() => VectorKernels.CosineSimilarity(new float[3], new float[4])).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentException>(() => VectorKernels.SquaredEuclideanDistance(new float[3], new float[4])).ParamName);
        Assert.Equal("query", Assert.Throws<ArgumentException>(() => VectorKernels.CosineSimilarities(new float[3], new float[8], 4, new float[2])).ParamName);
        Assert.Equal("gallery", Assert.Throws<ArgumentException>(() => VectorKernels.CosineSimilarities(new float[4], new float[9], 4, new float[2])).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => VectorKernels.CosineSimilarities([], [], -1, []));
    }
}
