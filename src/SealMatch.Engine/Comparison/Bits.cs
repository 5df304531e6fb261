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
    public static Mat ToMat(BitMatrix bits)
    {
        var image = new Mat(bits.Height, bits.Width, MatType.CV_8UC1, Scalar.All(0));
        Span<byte> pixels = image.AsSpan<byte>();
        for (int y = 0; y < bits.Height; y++)
        {
            ReadOnlySpan<ulong> row = bits.Row(y);
            Span<byte> line = pixels.Slice(y * bits.Width, bits.Width);
            for (int w = 0; w < row.Length; w++)
            {
                ulong word = row[w];
                while (word != 0)
                {
                    int bit = System.Numerics.BitOperations.TrailingZeroCount(word);
                    line[(w << 6) + bit] = 255;
                    word &= word - 1;
                }
            }
        }

        return image;
    }
}
