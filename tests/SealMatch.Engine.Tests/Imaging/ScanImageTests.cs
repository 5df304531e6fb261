using OpenCvSharp;
using SealMatch.Engine.Imaging;

namespace SealMatch.Engine.Tests.Imaging;

public class ScanImageTests
{
    private static Mat Page(int width = 600, int height = 400) => new(height, width, MatType.CV_8UC3, new Scalar(240, 240, 240));

    [Fact]
    public void ReadsResolutionFromPngMetadata()
    {
        using Mat page = Page();
        using ScanImage scan = ScanImage.Load(TestImages.PngWithDpi(page, 300));
        Assert.Equal(300, scan.Dpi, 1);
        Assert.True(scan.DpiFromMetadata);
        Assert.Equal(ImageFormat.Png, scan.Format);
        Assert.Equal((600, 400), (scan.Width, scan.Height));
    }

    [Fact]
    public void ReadsResolutionFromJfifDensity()
    {
        using Mat page = Page();
        using ScanImage scan = ScanImage.Load(TestImages.JpegWithDpi(page, 200));
        Assert.Equal(200, scan.Dpi, 1);
        Assert.Equal(ImageFormat.Jpeg, scan.Format);
    }

    [Fact]
    public void StatedResolutionOverridesMetadata()
    {
        using Mat page = Page();
        using ScanImage scan = ScanImage.Load(TestImages.PngWithDpi(page, 300), dpi: 600);
        Assert.Equal(600, scan.Dpi);
        Assert.False(scan.DpiFromMetadata);
    }

    [Theory]
    [InlineData(".tif", ImageFormat.Tiff)]
    [InlineData(".bmp", ImageFormat.Bmp)]
    public void DecodesTiffAndBmp(string extension, ImageFormat expected)
    {
        using Mat page = Page();
        using ScanImage scan = ScanImage.Load(page.ImEncode(extension), dpi: 300);
        Assert.Equal(expected, scan.Format);
        Assert.Equal((600, 400), (scan.Width, scan.Height));
    }

    [Fact]
    public void SixteenBitGreyImagesBecomeEightBitColour()
    {
        using var grey = new Mat(400, 600, MatType.CV_16UC1, new Scalar(40000));
        using ScanImage scan = ScanImage.Load(grey.ImEncode(".png"), dpi: 300);
        Assert.Equal(3, scan.Bgr.Channels());
        Assert.Equal(MatType.CV_8UC3, scan.Bgr.Type());
        Assert.InRange(scan.Bgr.At<Vec3b>(10, 10).Item0, 150, 160);
    }

    [Fact]
    public void RefusesEmptyInput()
    {
        var e = Assert.Throws<ScanRejectedException>(() => ScanImage.Load([], 300));
        Assert.Equal(ScanProblem.Empty, e.Problem);
        Assert.Equal("image", e.Field);
    }

    [Fact]
    public void RefusesUnknownFormats()
    {
        var e = Assert.Throws<ScanRejectedException>(() => ScanImage.Load("GIF89a not a scan"u8.ToArray(), 300));
        Assert.Equal(ScanProblem.UnsupportedFormat, e.Problem);
    }

    [Fact]
    public void RefusesTruncatedFiles()
    {
        using Mat page = Page();
        byte[] png = page.ImEncode(".png");
        var header = Assert.Throws<ScanRejectedException>(() => ScanImage.Load(png[..20], 300));
        Assert.Equal(ScanProblem.Corrupt, header.Problem);
        var pixels = Assert.Throws<ScanRejectedException>(() => ScanImage.Load(png[..(png.Length / 2)], 300));
        Assert.Equal(ScanProblem.Corrupt, pixels.Problem);
    }

    [Fact]
    public void RefusesFilesAboveTheByteLimit()
    {
        using Mat page = Page();
        byte[] png = page.ImEncode(".png");
        var e = Assert.Throws<ScanRejectedException>(() => ScanImage.Load(png, 300, new ScanLimits { MaxBytes = png.Length - 1 }));
        Assert.Equal(ScanProblem.TooLarge, e.Problem);
    }

    [Fact]
    public void RefusesImagesAboveThePixelLimitBeforeDecoding()
    {
        // A header claiming 20000×20000 pixels: refused from the header alone.
        using Mat page = Page();
        byte[] png = page.ImEncode(".png");
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), 20000);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), 20000);
        var e = Assert.Throws<ScanRejectedException>(() => ScanImage.Load(png, 300));
        Assert.Equal(ScanProblem.TooManyPixels, e.Problem);
    }

    [Fact]
    public void RefusesCoarseOrUnknownResolution()
    {
        using Mat page = Page();
        var coarse = Assert.Throws<ScanRejectedException>(() => ScanImage.Load(TestImages.PngWithDpi(page, 100)));
        Assert.Equal(ScanProblem.TooCoarse, coarse.Problem);
        Assert.Equal("dpi", coarse.Field);
        Assert.Contains("100 dpi", coarse.Message, StringComparison.Ordinal);

        var unknown = Assert.Throws<ScanRejectedException>(() => ScanImage.Load(page.ImEncode(".png")));
        Assert.Equal(ScanProblem.ResolutionUnknown, unknown.Problem);
        Assert.Equal("dpi", unknown.Field);
    }

    [Fact]
    public void RefusesImagesTooSmallToHoldASeal()
    {
        using Mat tiny = Page(50, 50);
        var e = Assert.Throws<ScanRejectedException>(() => ScanImage.Load(tiny.ImEncode(".png"), 300));
        Assert.Equal(ScanProblem.TooSmall, e.Problem);
    }
}
