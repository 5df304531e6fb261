using System.Buffers.Binary;

namespace SealMatch.Engine.Imaging;

/// <summary>
/// What an image file's header says before any pixel is decoded: format, dimensions and the
/// resolution recorded in its metadata. Reading the header first lets us refuse decompression
/// bombs and oversized scans without allocating their pixels.
/// </summary>
public sealed record ImageHeader(ImageFormat Format, int Width, int Height, double? DpiX, double? DpiY)
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>
    /// Parses the header of a PNG, JPEG, TIFF or BMP file. Returns null when the bytes are not a
    /// recognised format or the header is truncated or inconsistent.
    /// </summary>
    public static ImageHeader? TryRead(ReadOnlySpan<byte> file)
    {
        try
        {
            return SniffFormat(file) switch
            {
                ImageFormat.Png => ReadPng(file),
                ImageFormat.Jpeg => ReadJpeg(file),
                ImageFormat.Tiff => ReadTiff(file),
                ImageFormat.Bmp => ReadBmp(file),
                _ => null,
            };
        }
        catch (ArgumentOutOfRangeException)
        {
            // A truncated or lying header indexes past the end: treat as unreadable.
            return null;
        }
    }

    /// <summary>Identifies the format from the file's magic bytes.</summary>
    public static ImageFormat SniffFormat(ReadOnlySpan<byte> file)
    {
        if (file.Length >= 8 && file[..8].SequenceEqual(PngSignature))
        {
            return ImageFormat.Png;
        }

        if (file.Length >= 3 && file[0] == 0xFF && file[1] == 0xD8 && file[2] == 0xFF)
        {
            return ImageFormat.Jpeg;
        }

        if (file.Length >= 4 && (file[..4].SequenceEqual("II*\0"u8) || file[..4].SequenceEqual("MM\0*"u8)))
        {
            return ImageFormat.Tiff;
        }

        return file.Length >= 2 && file[0] == (byte)'B' && file[1] == (byte)'M' ? ImageFormat.Bmp : ImageFormat.Unknown;
    }

    private static ImageHeader? ReadPng(ReadOnlySpan<byte> file)
    {
        int pos = 8;
        int width = 0, height = 0;
        double? dpiX = null, dpiY = null;
        while (pos + 8 <= file.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(file.Slice(pos, 4));
            ReadOnlySpan<byte> type = file.Slice(pos + 4, 4);
            if (length < 0 || pos + 12L + length > file.Length)
            {
                return null;
            }

            ReadOnlySpan<byte> data = file.Slice(pos + 8, length);
            if (type.SequenceEqual("IHDR"u8) && length >= 8)
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
            }
            else if (type.SequenceEqual("pHYs"u8) && length >= 9 && data[8] == 1)
            {
                // Unit 1 = pixels per metre.
                dpiX = BinaryPrimitives.ReadUInt32BigEndian(data) * 0.0254;
                dpiY = BinaryPrimitives.ReadUInt32BigEndian(data[4..]) * 0.0254;
            }
            else if (type.SequenceEqual("IDAT"u8) || type.SequenceEqual("IEND"u8))
            {
                break;
            }

            pos += 12 + length;
        }

        return width > 0 && height > 0 ? new ImageHeader(ImageFormat.Png, width, height, Positive(dpiX), Positive(dpiY)) : null;
    }

    private static ImageHeader? ReadJpeg(ReadOnlySpan<byte> file)
    {
        int pos = 2;
        double? dpiX = null, dpiY = null;
        while (pos + 4 <= file.Length)
        {
            if (file[pos] != 0xFF)
            {
                return null;
            }

            byte marker = file[pos + 1];
            if (marker == 0xFF)
            {
                pos++; // fill byte
                continue;
            }

            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7))
            {
                pos += 2; // markers without a length
                continue;
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(file.Slice(pos + 2, 2));
            if (length < 2 || pos + 2 + length > file.Length)
            {
                return null;
            }

            ReadOnlySpan<byte> segment = file.Slice(pos + 4, length - 2);
            if (marker == 0xE0 && segment.Length >= 12 && segment[..5].SequenceEqual("JFIF\0"u8))
            {
                byte units = segment[7];
                int x = BinaryPrimitives.ReadUInt16BigEndian(segment[8..]);
                int y = BinaryPrimitives.ReadUInt16BigEndian(segment[10..]);
                double factor = units switch { 1 => 1.0, 2 => 2.54, _ => 0 };
                if (factor > 0)
                {
                    dpiX ??= x * factor;
                    dpiY ??= y * factor;
                }
            }
            else if (marker == 0xE1 && segment.Length > 14 && segment[..6].SequenceEqual("Exif\0\0"u8))
            {
                ReadTiffResolution(segment[6..], out double? ex, out double? ey, out _, out _);
                dpiX ??= ex;
                dpiY ??= ey;
            }
            else if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC && segment.Length >= 5)
            {
                int height = BinaryPrimitives.ReadUInt16BigEndian(segment[1..]);
                int width = BinaryPrimitives.ReadUInt16BigEndian(segment[3..]);
                return width > 0 && height > 0 ? new ImageHeader(ImageFormat.Jpeg, width, height, Positive(dpiX), Positive(dpiY)) : null;
            }

            pos += 2 + length;
        }

        return null;
    }

    private static ImageHeader? ReadTiff(ReadOnlySpan<byte> file)
    {
        ReadTiffResolution(file, out double? dpiX, out double? dpiY, out int width, out int height);
        return width > 0 && height > 0 ? new ImageHeader(ImageFormat.Tiff, width, height, Positive(dpiX), Positive(dpiY)) : null;
    }

    /// <summary>Reads width, height and resolution from the first IFD of a TIFF structure (also used inside Exif).</summary>
    private static void ReadTiffResolution(ReadOnlySpan<byte> tiff, out double? dpiX, out double? dpiY, out int width, out int height)
    {
        dpiX = dpiY = null;
        width = height = 0;
        bool little = tiff[0] == (byte)'I';
        uint ifd = ReadU32(tiff, 4, little);
        if (ifd + 2 > tiff.Length)
        {
            return;
        }

        int count = ReadU16(tiff, (int)ifd, little);
        double? xRes = null, yRes = null;
        int unit = 2; // TIFF default: inch
        for (int i = 0; i < count; i++)
        {
            int entry = (int)ifd + 2 + i * 12;
            if (entry + 12 > tiff.Length)
            {
                break;
            }

            int tag = ReadU16(tiff, entry, little);
            int type = ReadU16(tiff, entry + 2, little);
            int valueOffset = entry + 8;
            switch (tag)
            {
                case 256:
                    width = type == 3 ? ReadU16(tiff, valueOffset, little) : (int)ReadU32(tiff, valueOffset, little);
                    break;
                case 257:
                    height = type == 3 ? ReadU16(tiff, valueOffset, little) : (int)ReadU32(tiff, valueOffset, little);
                    break;
                case 282:
                    xRes = ReadRational(tiff, (int)ReadU32(tiff, valueOffset, little), little);
                    break;
                case 283:
                    yRes = ReadRational(tiff, (int)ReadU32(tiff, valueOffset, little), little);
                    break;
                case 296:
                    unit = ReadU16(tiff, valueOffset, little);
                    break;
            }
        }

        double factor = unit switch { 2 => 1.0, 3 => 2.54, _ => 0 };
        if (factor > 0)
        {
            dpiX = xRes * factor;
            dpiY = yRes * factor;
        }
    }

    private static ImageHeader? ReadBmp(ReadOnlySpan<byte> file)
    {
        int width = BinaryPrimitives.ReadInt32LittleEndian(file.Slice(18, 4));
        int height = Math.Abs(BinaryPrimitives.ReadInt32LittleEndian(file.Slice(22, 4)));
        int headerSize = BinaryPrimitives.ReadInt32LittleEndian(file.Slice(14, 4));
        double? dpiX = null, dpiY = null;
        if (headerSize >= 40)
        {
            dpiX = BinaryPrimitives.ReadInt32LittleEndian(file.Slice(38, 4)) * 0.0254;
            dpiY = BinaryPrimitives.ReadInt32LittleEndian(file.Slice(42, 4)) * 0.0254;
        }

        return width > 0 && height > 0 ? new ImageHeader(ImageFormat.Bmp, width, height, Positive(dpiX), Positive(dpiY)) : null;
    }

    private static double? ReadRational(ReadOnlySpan<byte> tiff, int offset, bool little)
    {
        if (offset < 0 || offset + 8 > tiff.Length)
        {
            return null;
        }

        uint numerator = ReadU32(tiff, offset, little);
        uint denominator = ReadU32(tiff, offset + 4, little);
        return denominator == 0 ? null : (double)numerator / denominator;
    }

    private static int ReadU16(ReadOnlySpan<byte> data, int offset, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(offset, 2)) : BinaryPrimitives.ReadUInt16BigEndian(data.Slice(offset, 2));

    private static uint ReadU32(ReadOnlySpan<byte> data, int offset, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(offset, 4)) : BinaryPrimitives.ReadUInt32BigEndian(data.Slice(offset, 4));

    // Metadata often says 1 or 72 "dpi" by default; values below 50 are treated as absent.
    private static double? Positive(double? dpi) => dpi is > 50 and < 10_000 ? dpi : null;
}
