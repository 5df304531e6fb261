using OpenCvSharp;
using SealMatch.Engine.Matching;

namespace SealMatch.Engine.Tests.Matching;

/// <summary>
/// The warp-sampling kernels of Lucas–Kanade: every path against the scalar reference (same sampled points and
/// values, so the same count; sums within 1e-5 of the sum of the terms' magnitudes, float blocks against double),
/// and the reference against OpenCV's inverse-map warpAffine, whose behaviour it replaces.
/// </summary>
[Trait("Category", "Kernels")]
public sealed class WarpKernelsTests
{
    private const double RelativeTolerance = 1e-5;

    public static TheoryData<string> Paths => KernelTestData.AvailablePaths();

    /// <summary>A blurred-looking image with an irregular validity (a quarter of it unknown), 37 × 29 so no row is a vector multiple.</summary>
    private static PaddedImage Image(int seed, out float[] values, out byte[] validity, int width = 37, int height = 29)
    {
        var random = new Random(seed);
        values = new float[width * height];
        validity = new byte[width * height];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                values[y * width + x] = (float)(0.5 + 0.4 * Math.Sin(x * 0.3 + seed) * Math.Cos(y * 0.2) + 0.1 * random.NextDouble());
                validity[y * width + x] = random.Next(4) == 0 ? (byte)random.Next(0, 251) : (byte)random.Next(251, 256);
            }
        }

        return new PaddedImage(values, validity, width, height, 250);
    }

    /// <summary>Template points over and around the image (some map outside it), a turn, a scale and a shift.</summary>
    private static (AffineMap Map, float[] Xs, float[] Ys, float[][] Terms) Points(int length, int seed)
    {
        var random = new Random(seed);
        double angle = random.NextDouble() * 2 * Math.PI, scale = 0.9 + 0.2 * random.NextDouble();
        var map = new AffineMap(
            (float)(scale * Math.Cos(angle)), (float)(scale * Math.Sin(angle)), (float)(18 + 6 * random.NextDouble()),
            (float)(-scale * Math.Sin(angle)), (float)(scale * Math.Cos(angle)), (float)(14 + 6 * random.NextDouble()));
        var xs = new float[length];
        var ys = new float[length];
        var terms = new float[5][];
        for (int t = 0; t < terms.Length; t++)
        {
            terms[t] = new float[length];
        }

        for (int k = 0; k < length; k++)
        {
            xs[k] = random.Next(-26, 27);
            ys[k] = random.Next(-22, 23);
            for (int t = 0; t < terms.Length; t++)
            {
                terms[t][k] = (float)(random.NextDouble() * 2 - 1);
            }
        }

        return (map, xs, ys, terms);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void GaussNewtonMatchesScalarForEveryLength(string pathName)
    {
        SimdPath path = KernelTestData.ParsePath(pathName);
        PaddedImage image = Image(1, out _, out _);
        foreach (int length in KernelTestData.Lengths)
        {
            (AffineMap map, float[] xs, float[] ys, float[][] t) = Points(length, length);
            GaussNewtonSums expected = WarpKernelsScalar.GaussNewton(image, map, xs, ys, t[0], t[1], t[2], t[3], t[4]);
            GaussNewtonSums actual = WarpKernels.GaussNewton(image, map, xs, ys, t[0], t[1], t[2], t[3], t[4], path);
            Assert.True(expected.Count == actual.Count, $"{path} length {length}: {expected.Count} sampled, got {actual.Count}");
            double scale = 1 + length * 2.0;
            double[] e = Flatten(expected), a = Flatten(actual);
            for (int i = 0; i < e.Length; i++)
            {
                Assert.True(Math.Abs(e[i] - a[i]) <= RelativeTolerance * scale, $"{path} length {length} sum {i}: {e[i]} vs {a[i]}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void OverlapMatchesScalarForEveryLength(string pathName)
    {
        SimdPath path = KernelTestData.ParsePath(pathName);
        PaddedImage image = Image(2, out _, out _);
        foreach (int length in KernelTestData.Lengths)
        {
            (AffineMap map, float[] xs, float[] ys, float[][] t) = Points(length, length + 7);
            float[] template = [.. t[0].Select(Math.Abs)];
            var expected = WarpKernelsScalar.Overlap(image, map, xs, ys, template);
            var actual = WarpKernels.Overlap(image, map, xs, ys, template, path);
            double scale = 1 + length;
            Assert.True(Math.Abs(expected.Shared - actual.Shared) <= RelativeTolerance * scale, $"{path} length {length}: shared {expected.Shared} vs {actual.Shared}");
            Assert.True(Math.Abs(expected.Sampled - actual.Sampled) <= RelativeTolerance * scale, $"{path} length {length}: sampled {expected.Sampled} vs {actual.Sampled}");
            Assert.True(Math.Abs(expected.Template - actual.Template) <= RelativeTolerance * scale, $"{path} length {length}: template {expected.Template} vs {actual.Template}");
        }
    }

    [Fact]
    public void SamplingAgreesWithOpenCvWarpAffine()
    {
        PaddedImage image = Image(3, out float[] values, out byte[] validity);
        const int Side = 40;
        var map = new AffineMap(0.97f, 0.21f, -2.3f, -0.21f, 0.97f, 4.6f);
        using var source = new Mat(image.Height, image.Width, MatType.CV_32FC1);
        source.SetArray(values);
        using var valid = new Mat(image.Height, image.Width, MatType.CV_8UC1);
        valid.SetArray(validity);
        using var m = new Mat(2, 3, MatType.CV_64FC1);
        m.SetArray(new double[] { map.M00, map.M01, map.M02, map.M10, map.M11, map.M12 });
        using var warped = new Mat();
        using var warpedValid = new Mat();
        Cv2.WarpAffine(source, warped, m, new Size(Side, Side), InterpolationFlags.Linear | InterpolationFlags.WarpInverseMap, BorderTypes.Constant, Scalar.All(0));
        Cv2.WarpAffine(valid, warpedValid, m, new Size(Side, Side), InterpolationFlags.Nearest | InterpolationFlags.WarpInverseMap, BorderTypes.Constant, Scalar.All(0));
        int agree = 0, sampled = 0;
        for (int y = 0; y < Side; y++)
        {
            for (int x = 0; x < Side; x++)
            {
                bool ok = WarpKernelsScalar.TrySample(image, map, x, y, out float value);
                bool openCvValid = warpedValid.At<byte>(y, x) > 250;
                agree += ok == openCvValid ? 1 : 0;
                if (ok && openCvValid)
                {
                    sampled++;

                    // OpenCV interpolates at 1/32 pixel: the values differ by at most the step across a pixel / 32.
                    Assert.True(Math.Abs(warped.At<float>(y, x) - value) < 0.05, $"({x}, {y}): OpenCV {warped.At<float>(y, x)}, kernel {value}");
                }
            }
        }

        Assert.True(sampled > Side * Side / 3, $"only {sampled} pixels sampled");
        Assert.True(agree >= Side * Side - 4, $"validity agrees at {agree} of {Side * Side} pixels");
    }

    [Fact]
    public void PointsMappedOutsideTheImageOrOntoUnknownPixelsAreSkipped()
    {
        PaddedImage image = new([1f, 2f, 3f, 4f], [255, 255, 255, 0], 2, 2, 250);
        var identity = new AffineMap(1, 0, 0, 0, 1, 0);
        Assert.True(WarpKernelsScalar.TrySample(image, identity, 0.5f, 0.25f, out float inside));
        Assert.Equal(1 + 0.5f * (2 - 1) + 0.25f * ((3 + 0.5f * (4 - 3)) - (1 + 0.5f * (2 - 1))), inside, 5);
        Assert.False(WarpKernelsScalar.TrySample(image, identity, 1, 1, out _));
        Assert.False(WarpKernelsScalar.TrySample(image, identity, -0.6f, 0, out _));
        Assert.False(WarpKernelsScalar.TrySample(image, identity, 0, 1.6f, out _));

        // Half a pixel beyond the last column still has its nearest pixel inside; the missing neighbour reads 0.
        Assert.True(WarpKernelsScalar.TrySample(image, identity, 1.25f, 0, out float edge));
        Assert.Equal(2f * 0.75f, edge, 5);
    }

    private static double[] Flatten(GaussNewtonSums s) =>
        [s.B0, s.B1, s.B2, s.B3, s.H00, s.H01, s.H02, s.H03, s.H11, s.H12, s.H13, s.H22, s.H23, s.H33];
}
