using OpenCvSharp;
using SealMatch.Engine.Matching;

namespace SealMatch.Engine.Comparison;

/// <summary>Conversions between OpenCV 8-bit images and bit-packed masks.</summary>
internal static class Bits
{
    /// <summary>Packs a continuous 8-bit single-channel image: set where the pixel exceeds <paramref name="threshold"/>.</summary>
    public static BitMatrix FromMat(Mat image, byte threshold)
    {
        if (!image.IsContinuous() || image.Type() != MatType.CV_8UC1)
        {
            throw new ArgumentException("Expected a continuous 8-bit single-channel image.", nameof(image));
        }

        return BitMatrix.FromThreshold(image.AsSpan<byte>(), image.Cols, image.Rows, image.Cols, threshold);
    }

    /// <summary>Unpacks a mask into an 8-bit image (255 where set).</summary>
    public static Mat ToMat(BitMatrix bits) => ToMat(bits, new Rect(0, 0, bits.Width, bits.Height));

    /// <summary>Unpacks the part of a mask inside <paramref name="roi"/> into an 8-bit image (255 where set).</summary>
    public static Mat ToMat(BitMatrix bits, Rect roi)
    {
        var image = new Mat(Math.Max(1, roi.Height), Math.Max(1, roi.Width), MatType.CV_8UC1, Scalar.All(0));
        Span<byte> pixels = image.AsSpan<byte>();
        for (int y = roi.Y; y < roi.Bottom; y++)
        {
            ReadOnlySpan<ulong> row = bits.Row(y);
            Span<byte> line = pixels.Slice((y - roi.Y) * roi.Width, roi.Width);
            for (int w = roi.X >> 6; w <= (roi.Right - 1) >> 6 && w < row.Length; w++)
            {
                ulong word = row[w];
                while (word != 0)
                {
                    int x = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(word);
                    if (x >= roi.X && x < roi.Right)
                    {
                        line[x - roi.X] = 255;
                    }

                    word &= word - 1;
                }
            }
        }

        return image;
    }

    /// <summary>The bounding box of the set pixels, grown by <paramref name="margin"/> and clipped; empty when none are set.</summary>
    public static Rect BoundingBox(BitMatrix bits, int margin)
    {
        int x0 = int.MaxValue, y0 = int.MaxValue, x1 = -1, y1 = -1;
        for (int y = 0; y < bits.Height; y++)
        {
            ReadOnlySpan<ulong> row = bits.Row(y);
            for (int w = 0; w < row.Length; w++)
            {
                ulong word = row[w];
                if (word == 0)
                {
                    continue;
                }

                y0 = Math.Min(y0, y);
                y1 = y;
                x0 = Math.Min(x0, (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(word));
                x1 = Math.Max(x1, (w << 6) + 63 - System.Numerics.BitOperations.LeadingZeroCount(word));
            }
        }

        if (x1 < 0)
        {
            return new Rect(0, 0, 0, 0);
        }

        int left = Math.Max(0, x0 - margin), top = Math.Max(0, y0 - margin);
        int right = Math.Min(bits.Width, x1 + 1 + margin), bottom = Math.Min(bits.Height, y1 + 1 + margin);
        return new Rect(left, top, right - left, bottom - top);
    }
}
