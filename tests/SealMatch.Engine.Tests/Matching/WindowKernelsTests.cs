using SealMatch.Engine.Matching;

namespace SealMatch.Engine.Tests.Matching;

/// <summary>
/// Window error sums on every path against the scalar reference (within 1e-5 of the window's sum of magnitudes:
/// float row partials against double), for every window width 0..64 and a few heights and positions, and
/// against the direct definition on a small case.
/// </summary>
[Trait("Category", "Kernels")]
public sealed class WindowKernelsTests
{
    private const int Stride = 83;
    private const int Rows = 40;

    public static TheoryData<string> Paths => KernelTestData.AvailablePaths();

    private static float[] Image(int seed, bool binary = false)
    {
        var random = new Random(seed);
        var values = new float[Stride * Rows];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = binary ? random.Next(5) == 0 ? 0f : 1f : (float)(random.NextDouble() * 2 - 1);
        }

        return values;
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void ErrorSumsMatchScalarForEveryWidth(string pathName)
    {
        SimdPath path = KernelTestData.ParsePath(pathName);
        float[] impression = Image(1), specimen = Image(2), mask = Image(3, binary: true), j0 = Image(4), j1 = Image(5), j2 = Image(6);
        var images = new WindowKernels.ErrorImages(impression, specimen, mask, j0, j1, j2, Stride);
        Span<double> expected = stackalloc double[4];
        Span<double> actual = stackalloc double[4];
        for (int width = 0; width <= 64; width++)
        {
            foreach ((int x, int y, int height) in new[] { (0, 0, 1), (3, 5, 20), (Stride - width, Rows - 7, 7) })
            {
                WindowKernelsScalar.ErrorSums(images, x, y, width, height, expected);
                WindowKernels.ErrorSums(images, x, y, width, height, actual, path);
                double scale = 1 + 2.0 * width * height;
                for (int r = 0; r < 4; r++)
                {
                    Assert.True(Math.Abs(expected[r] - actual[r]) <= 1e-5 * scale, $"{path} width {width} at ({x}, {y}) × {height}, sum {r}: {expected[r]} vs {actual[r]}");
                }
            }
        }
    }

    [Fact]
    public void SumsFollowTheDefinition()
    {
        // Two pixels in a row of three: e = (1 − 0.5)·1 = 0.5 and (0 − 1)·0 = 0 (masked).
        float[] impression = [1, 0, 9], specimen = [0.5f, 1, 9], mask = [1, 0, 1], j0 = [2, 5, 9], j1 = [-4, 5, 9], j2 = [0.5f, 5, 9];
        var images = new WindowKernels.ErrorImages(impression, specimen, mask, j0, j1, j2, 3);
        Span<double> sums = stackalloc double[4];
        WindowKernels.ErrorSums(images, 0, 0, 2, 1, sums);
        Assert.Equal([1.0, -2.0, 0.25, 0.5], sums.ToArray());
    }

    [Fact]
    public void AWindowOutsideTheImagesIsRefused()
    {
        float[] image = new float[12];
        Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            var images = new WindowKernels.ErrorImages(image, image, image, image, image, image, 4);
            WindowKernels.ErrorSums(images, 2, 0, 3, 1, new double[4]);
        });
        Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            var images = new WindowKernels.ErrorImages(image, image, image, image, image, image, 4);
            WindowKernels.ErrorSums(images, 0, 2, 4, 2, new double[4]);
        });
    }
}
