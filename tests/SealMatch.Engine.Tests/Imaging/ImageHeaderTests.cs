using OpenCvSharp;
using SealMatch.Engine.Imaging;

namespace SealMatch.Engine.Tests.Imaging;

public class ImageHeaderTests
{
    [Fact]
    public void ReadsPngSizeAndDpi()
    {
        using var page = new Mat(123, 321, MatType.CV_8UC3, Scalar.White);
        ImageHeader h = ImageHeader.TryRead(TestImages.PngWithDpi(page, 600))!;
        Assert.Equal((ImageFormat.Png, 321, 123), (h.Format, h.Width, h.Height));
        Assert.Equal(600, h.DpiX!.Value, 1);
    }

    [Fact]
    public void ReadsJpegSizeAndDpi()
    {
        using var page = new Mat(123, 321, MatType.CV_8UC3, Scalar.White);
        ImageHeader h = ImageHeader.TryRead(TestImages.JpegWithDpi(page, 300))!;
        Assert.Equal((ImageFormat.Jpeg, 321, 123), (h.Format, h.Width, h.Height));
        Assert.Equal(300, h.DpiX!.Value, 1);
    }

    [Fact]
    public void ReadsHandBuiltTiffResolutionInCentimetres()
    {
        // Little-endian TIFF: IFD with width 40, height 30, XResolution 118/1 per cm (≈ 300 dpi).
        var tiff = new List<byte> { (byte)'I', (byte)'I', 42, 0, 8, 0, 0, 0 };
        void U16(int v) => tiff.AddRange(BitConverter.GetBytes((ushort)v));
        void U32(uint v) => tiff.AddRange(BitConverter.GetBytes(v));
        U16(4);
        U16(256); U16(3); U32(1); U16(40); U16(0);
        U16(257); U16(3); U32(1); U16(30); U16(0);
        U16(282); U16(5); U32(1); U32(8 + 2 + 4 * 12 + 4);
        U16(296); U16(3); U32(1); U16(3); U16(0);
        U32(0);
        U32(118); U32(1);
        ImageHeader h = ImageHeader.TryRead(tiff.ToArray())!;
        Assert.Equal((ImageFormat.Tiff, 40, 30), (h.Format, h.Width, h.Height));
        Assert.Equal(299.7, h.DpiX!.Value, 1);
    }

    [Fact]
    public void TreatsPlaceholderResolutionsAsAbsent()
    {
        using var page = new Mat(10, 10, MatType.CV_8UC3, Scalar.White);
        Assert.Null(ImageHeader.TryRead(TestImages.PngWithDpi(page, 1))!.DpiX);
    }

    [Fact]
    public void ReturnsNullForTruncatedHeaders()
    {
        using var page = new Mat(10, 10, MatType.CV_8UC3, Scalar.White);
        Assert.Null(ImageHeader.TryRead(page.ImEncode(".jpg")[..8]));
        Assert.Null(ImageHeader.TryRead(page.ImEncode(".bmp")[..10]));
        Assert.Null(ImageHeader.TryRead([0x49, 0x49, 42, 0]));
    }
}
