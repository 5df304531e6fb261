using OpenCvSharp;

namespace SealMatch.Synthesis.Tests;

public sealed class EncodingTests
{
    [Theory]
    [InlineData(ImageFormat.Png, 200)]
    [InlineData(ImageFormat.Png, 300)]
    [InlineData(ImageFormat.Png, 600)]
    [InlineData(ImageFormat.Jpeg, 200)]
    [InlineData(ImageFormat.Jpeg, 300)]
    [InlineData(ImageFormat.Jpeg, 600)]
    public void Dpi_metadata_round_trips(ImageFormat format, int dpi)
    {
        using var img = new Mat(40, 60, MatType.CV_8UC3, new Scalar(200, 100, 50));
        byte[] bytes = ImageEncoding.Encode(img, format, 85, dpi);
        Assert.True(ImageEncoding.TryReadDpi(bytes, out double x, out double y));
        Assert.Equal(dpi, x, 0.1);
        Assert.Equal(dpi, y, 0.1);

        // The file still decodes (the chunk CRC / segment length are right).
        using Mat back = Cv2.ImDecode(bytes, ImreadModes.Color);
        Assert.Equal(60, back.Width);

        byte[] none = ImageEncoding.Encode(img, format, 85, null);
        Assert.False(ImageEncoding.TryReadDpi(none, out _, out _));
        using Mat back2 = Cv2.ImDecode(none, ImreadModes.Color);
        Assert.Equal(40, back2.Height);
    }

    [Fact]
    public void Png_phys_chunk_has_a_valid_crc()
    {
        using var img = new Mat(8, 8, MatType.CV_8UC3, Scalar.All(128));
        byte[] png = ImageEncoding.Encode(img, ImageFormat.Png, 0, 300);
        int pos = 8 + 25;
        Assert.Equal("pHYs", System.Text.Encoding.ASCII.GetString(png, pos + 4, 4));
        uint crc = (uint)((png[pos + 17] << 24) | (png[pos + 18] << 16) | (png[pos + 19] << 8) | png[pos + 20]);
        Assert.Equal(ReferenceCrc(png.AsSpan(pos + 4, 13)), crc);
        Assert.Equal(11811u, (uint)((png[pos + 8] << 24) | (png[pos + 9] << 16) | (png[pos + 10] << 8) | png[pos + 11]));
    }

    private static uint ReferenceCrc(ReadOnlySpan<byte> data)
    {
        uint c = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            c ^= b;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? (c >> 1) ^ 0xEDB88320 : c >> 1;
            }
        }

        return ~c;
    }
}
