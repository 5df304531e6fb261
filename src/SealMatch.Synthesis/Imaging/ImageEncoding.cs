using System.Buffers.Binary;
using OpenCvSharp;

namespace SealMatch.Synthesis;

/// <summary>Encoded file format.</summary>
public enum ImageFormat
{
    /// <summary>PNG (lossless); resolution in a <c>pHYs</c> chunk.</summary>
    Png,

    /// <summary>Baseline JPEG; resolution in the JFIF APP0 density fields.</summary>
    Jpeg,
}

/// <summary>
/// Encodes BGR images and writes or reads the resolution metadata ourselves: a PNG <c>pHYs</c> chunk
/// (pixels per metre, unit 1) or the JFIF APP0 density (unit 1 = dots per inch). Without metadata a PNG
/// has no <c>pHYs</c> chunk and a JPEG has JFIF density unit 0 with a 1:1 aspect ratio.
/// </summary>
public static class ImageEncoding
{
    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>Encodes an 8-bit BGR (or grey) image; <paramref name="dpi"/> null writes no resolution.</summary>
    public static byte[] Encode(Mat image, ImageFormat format, int jpegQuality, double? dpi)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (format == ImageFormat.Png)
        {
            Cv2.ImEncode(".png", image, out byte[] png, new ImageEncodingParam(ImwriteFlags.PngCompression, 1));
            return SetPngDpi(png, dpi);
        }

        Cv2.ImEncode(".jpg", image, out byte[] jpg, new ImageEncodingParam(ImwriteFlags.JpegQuality, Math.Clamp(jpegQuality, 1, 100)));
        return SetJpegDpi(jpg, dpi);
    }

    /// <summary>Reads the resolution written by <see cref="Encode"/> (or any PNG pHYs / JFIF density in dpi or dpcm).</summary>
    public static bool TryReadDpi(ReadOnlySpan<byte> file, out double dpiX, out double dpiY)
    {
        dpiX = dpiY = 0;
        if (file.Length > 8 && file[0] == 0x89 && file[1] == (byte)'P')
        {
            int pos = 8;
            while (pos + 12 <= file.Length)
            {
                int len = BinaryPrimitives.ReadInt32BigEndian(file[pos..]);
                ReadOnlySpan<byte> type = file.Slice(pos + 4, 4);
                if (type.SequenceEqual("pHYs"u8) && len == 9 && file[pos + 16] == 1)
                {
                    dpiX = BinaryPrimitives.ReadUInt32BigEndian(file[(pos + 8)..]) * 0.0254;
                    dpiY = BinaryPrimitives.ReadUInt32BigEndian(file[(pos + 12)..]) * 0.0254;
                    return true;
                }

                if (type.SequenceEqual("IDAT"u8) || len < 0)
                {
                    return false;
                }

                pos += 12 + len;
            }

            return false;
        }

        if (file.Length > 20 && file[0] == 0xFF && file[1] == 0xD8)
        {
            int app0 = FindJfif(file);
            if (app0 < 0)
            {
                return false;
            }

            byte units = file[app0 + 11];
            int x = BinaryPrimitives.ReadUInt16BigEndian(file[(app0 + 12)..]);
            int y = BinaryPrimitives.ReadUInt16BigEndian(file[(app0 + 14)..]);
            double f = units switch { 1 => 1.0, 2 => 2.54, _ => 0 };
            if (f == 0 || x == 0 || y == 0)
            {
                return false;
            }

            dpiX = x * f;
            dpiY = y * f;
            return true;
        }

        return false;
    }

    /// <summary>Adds (or replaces, or with null removes) the pHYs chunk of a PNG.</summary>
    public static byte[] SetPngDpi(byte[] png, double? dpi)
    {
        ArgumentNullException.ThrowIfNull(png);
        using var output = new MemoryStream(png.Length + 21);
        output.Write(png, 0, 8);
        int pos = 8;
        bool written = false;
        while (pos + 12 <= png.Length)
        {
            int len = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            ReadOnlySpan<byte> type = png.AsSpan(pos + 4, 4);
            bool isPhys = type.SequenceEqual("pHYs"u8);
            if (!isPhys)
            {
                output.Write(png, pos, 12 + len);
            }

            if (type.SequenceEqual("IHDR"u8) && dpi is { } d && !written)
            {
                uint ppm = (uint)Math.Round(d / 0.0254);
                var chunk = new byte[21];
                BinaryPrimitives.WriteInt32BigEndian(chunk.AsSpan(), 9);
                "pHYs"u8.CopyTo(chunk.AsSpan(4));
                BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8), ppm);
                BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(12), ppm);
                chunk[16] = 1;
                BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(17), Crc32(chunk.AsSpan(4, 13)));
                output.Write(chunk);
                written = true;
            }

            pos += 12 + len;
        }

        return output.ToArray();
    }

    /// <summary>Sets the JFIF density to <paramref name="dpi"/> dots per inch (null: unit 0, 1:1), inserting an APP0 segment if missing.</summary>
    public static byte[] SetJpegDpi(byte[] jpg, double? dpi)
    {
        ArgumentNullException.ThrowIfNull(jpg);
        ushort density = dpi is { } d ? (ushort)Math.Clamp(Math.Round(d), 1, 65535) : (ushort)1;
        byte units = dpi is null ? (byte)0 : (byte)1;
        int app0 = FindJfif(jpg);
        byte[] result;
        if (app0 < 0)
        {
            byte[] seg = [0xFF, 0xE0, 0, 16, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
            result = new byte[jpg.Length + seg.Length];
            jpg.AsSpan(0, 2).CopyTo(result);
            seg.CopyTo(result, 2);
            jpg.AsSpan(2).CopyTo(result.AsSpan(2 + seg.Length));
            app0 = 2;
        }
        else
        {
            result = (byte[])jpg.Clone();
        }

        result[app0 + 11] = units;
        BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(app0 + 12), density);
        BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(app0 + 14), density);
        return result;
    }

    /// <summary>Offset of the FF E0 marker of a JFIF APP0 segment among the leading segments, or −1.</summary>
    private static int FindJfif(ReadOnlySpan<byte> jpg)
    {
        int pos = 2;
        while (pos + 4 < jpg.Length && jpg[pos] == 0xFF)
        {
            byte marker = jpg[pos + 1];
            int len = BinaryPrimitives.ReadUInt16BigEndian(jpg[(pos + 2)..]);
            if (marker == 0xE0 && pos + 16 <= jpg.Length && jpg.Slice(pos + 4, 5).SequenceEqual("JFIF\0"u8))
            {
                return pos;
            }

            if (marker == 0xDA || marker < 0xC0)
            {
                return -1;
            }

            pos += 2 + len;
        }

        return -1;
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        uint c = 0xFFFFFFFFu;
        foreach (byte b in data)
        {
            c = CrcTable[(c ^ b) & 0xFF] ^ (c >> 8);
        }

        return c ^ 0xFFFFFFFFu;
    }

    private static uint[] BuildCrcTable()
    {
        var t = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            t[n] = c;
        }

        return t;
    }
}
