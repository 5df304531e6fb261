using OpenCvSharp;

namespace SealMatch.Engine.Tests.Imaging;

/// <summary>Small hand-built images and file encodings for the imaging tests.</summary>
internal static class TestImages
{
    /// <summary>Encodes a BGR image as PNG with a pHYs chunk declaring <paramref name="dpi"/>.</summary>
    public static byte[] PngWithDpi(Mat bgr, double dpi)
    {
        byte[] png = bgr.ImEncode(".png");

        // Insert a pHYs chunk right after IHDR (8-byte signature + 25-byte IHDR chunk).
        uint ppm = (uint)Math.Round(dpi / 0.0254);
        var data = new byte[9];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(data, ppm);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(4), ppm);
        data[8] = 1;
        byte[] chunk = Chunk("pHYs", data);
        return [.. png[..33], .. chunk, .. png[33..]];
    }

    /// <summary>Encodes a BGR image as JPEG and patches the JFIF density to <paramref name="dpi"/>.</summary>
    public static byte[] JpegWithDpi(Mat bgr, int dpi)
    {
        byte[] jpeg = bgr.ImEncode(".jpg");

        // OpenCV writes a JFIF APP0 segment first: FF D8 FF E0 len 'JFIF\0' ver(2) units xd(2) yd(2).
        if (jpeg[2] != 0xFF || jpeg[3] != 0xE0 || jpeg[6] != (byte)'J')
        {
            throw new InvalidOperationException("Unexpected JPEG layout from OpenCV.");
        }

        jpeg[13] = 1;
        jpeg[14] = (byte)(dpi >> 8);
        jpeg[15] = (byte)dpi;
        jpeg[16] = (byte)(dpi >> 8);
        jpeg[17] = (byte)dpi;
        return jpeg;
    }

    private static byte[] Chunk(string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        System.Text.Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        uint crc = Crc32(chunk.AsSpan(4, 4 + data.Length));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), crc);
        return chunk;
    }

    /// <summary>PNG's CRC-32 (polynomial 0xEDB88320).</summary>
    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
            }
        }

        return ~crc;
    }

    /// <summary>
    /// A 60 × 40 mm page at <paramref name="dpi"/>: paper with a pink guilloche-like line pattern,
    /// a solid red disc (seal ink) of 20 mm at (20, 20) mm, and a black bar crossing the disc.
    /// </summary>
    public static Mat RedDiscWithBlackBar(double dpi, Scalar? cast = null)
    {
        double px = dpi / 25.4;
        var page = new Mat((int)(40 * px), (int)(60 * px), MatType.CV_8UC3, new Scalar(245, 248, 250));
        for (double y = 2; y < 40; y += 1.5)
        {
            page.Line(new Point(0, (int)(y * px)), new Point(page.Cols, (int)((y + 3) * px)), new Scalar(200, 190, 245), Math.Max(1, (int)(0.12 * px)), LineTypes.AntiAlias);
        }

        page.Circle(new Point((int)(20 * px), (int)(20 * px)), (int)(10 * px), new Scalar(60, 40, 215), -1, LineTypes.AntiAlias);
        page.Rectangle(new Rect((int)(8 * px), (int)(19 * px), (int)(45 * px), (int)(2 * px)), new Scalar(25, 25, 25), -1);
        if (cast is Scalar c)
        {
            Cv2.Multiply(page, c, page);
        }

        return page;
    }
}
