using OpenCvSharp;
using SealMatch.Engine.Imaging;

namespace SealMatch.Engine.Tests.Imaging;

public class ResamplingTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(5)]
    public void IntegerFactorIsTheBlockAverage(int k)
    {
        using Mat source = Random(6 * k, 8 * k + 1, MatType.CV_8UC1, seed: k);
        using Mat small = Resampling.Shrink(source, new Size(8, 6));
        Assert.Equal(new Size(8, 6), small.Size());
        for (int y = 0; y < 6; y++)
        {
            for (int x = 0; x < 8; x++)
            {
                double sum = 0;
                for (int j = 0; j < k; j++)
                {
                    for (int i = 0; i < k; i++)
                    {
                        sum += source.At<byte>(y * k + j, x * k + i);
                    }
                }

                // Halving twice for k = 4 rounds once more than one 4 × 4 average.
                Assert.InRange(small.At<byte>(y, x), sum / (k * k) - 1.01, sum / (k * k) + 1.01);
            }
        }
    }

    [Fact]
    public void PadsAnUnevenCanvasByReplicationInsteadOfStretchingTheGrid()
    {
        // 643 columns to 161 (factor 4): the last block reads the last three columns and repeats the
        // edge, while every other block stays exactly on its four columns.
        using var source = new Mat(8, 643, MatType.CV_8UC1, Scalar.All(0));
        using (Mat lastColumns = source.ColRange(640, 643))
        {
            lastColumns.SetTo(Scalar.All(200));
        }

        using Mat small = Resampling.Shrink(source, new Size(161, 2));
        Assert.Equal(0, small.At<byte>(0, 159));
        Assert.Equal(200, small.At<byte>(0, 160));
    }

    [Fact]
    public void GeneralFactorKeepsUniformColourAndGeometry()
    {
        // A 2400 × 1100 colour page of one colour with a dark 30 × 30 square centred at (1500.5, 600.5).
        using var page = new Mat(1100, 2400, MatType.CV_8UC3, new Scalar(200, 180, 160));
        using (var square = new Mat(page, new Rect(1486, 586, 30, 30)))
        {
            square.SetTo(new Scalar(20, 20, 20));
        }

        var size = new Size(814, 373); // factor ≈ 2.95
        using Mat small = Resampling.Shrink(page, size);
        Assert.Equal(size, small.Size());
        Assert.Equal(new Vec3b(200, 180, 160), small.At<Vec3b>(10, 10));
        Assert.Equal(new Vec3b(200, 180, 160), small.At<Vec3b>(372, 813));

        // The square's centroid lands where x' = (x + ½)·w/W − ½ puts it (within a tenth of a pixel).
        using var gray = new Mat();
        Cv2.CvtColor(small, gray, ColorConversionCodes.BGR2GRAY);
        using var dark = new Mat();
        Cv2.Subtract(new Scalar(255), gray, dark);
        Cv2.Threshold(dark, dark, 100, 255, ThresholdTypes.Tozero);
        Moments m = Cv2.Moments(dark);
        double expectedX = (1500.5 + 0.5) * 814 / 2400 - 0.5, expectedY = (600.5 + 0.5) * 373 / 1100.0 - 0.5;
        Assert.InRange(m.M10 / m.M00, expectedX - 0.1, expectedX + 0.1);
        Assert.InRange(m.M01 / m.M00, expectedY - 0.1, expectedY + 0.1);
    }

    [Fact]
    public void GeneralFactorAveragesLikeAreaResizing()
    {
        // Against OpenCV's own (slow) area resize on random content: the same image up to small differences.
        using Mat source = Random(1100, 1240, MatType.CV_8UC1, seed: 7);
        using var blurred = new Mat();
        Cv2.GaussianBlur(source, blurred, new Size(0, 0), 2);
        var size = new Size(420, 373);
        using Mat ours = Resampling.Shrink(blurred, size);
        using var reference = new Mat();
        Cv2.Resize(blurred, reference, size, 0, 0, InterpolationFlags.Area);
        using var difference = new Mat();
        Cv2.Absdiff(ours, reference, difference);
        Assert.True(Cv2.Mean(difference).Val0 < 1.0, $"mean difference {Cv2.Mean(difference).Val0:F2}");
    }

    [Fact]
    public void SameSizeIsACopy()
    {
        using Mat source = Random(31, 17, MatType.CV_8UC1, seed: 3);
        using Mat same = Resampling.Shrink(source, source.Size());
        Assert.Equal(0, Cv2.Norm(source, same, NormTypes.L1));
    }

    [Fact]
    public void RefusesToEnlarge()
    {
        using var source = new Mat(10, 10, MatType.CV_8UC1, Scalar.All(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Resampling.Shrink(source, new Size(11, 5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Resampling.Shrink(source, new Size(0, 5)));
    }

    private static Mat Random(int rows, int cols, MatType type, int seed)
    {
        var rng = new Random(seed);
        var bytes = new byte[rows * cols * type.Channels];
        rng.NextBytes(bytes);
        return Mat.FromPixelData(rows, cols, type, bytes).Clone();
    }
}
