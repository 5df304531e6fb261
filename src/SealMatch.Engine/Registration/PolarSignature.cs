using OpenCvSharp;
using SealMatch.Engine.Geometry;

namespace SealMatch.Engine.Registration;

/// <summary>
/// Bit-packed polar view of a seal's ink about a centre: <see cref="Columns"/> angular columns
/// (column c = page angle c·360/Columns degrees, counter-clockwise) of <see cref="RadialBins"/>
/// radial bits each (bit j = radius (j + ½)·MaxRadius/RadialBins). Turning a seal about its
/// centre shifts the columns, so all rotations are scored by one circular popcount sweep.
/// </summary>
internal sealed class PolarSignature
{
    public const int Columns = 360;
    public const int RadialBins = 64;

    /// <summary>Strength (after a light blur) above which a polar cell counts as ink.</summary>
    public const byte InkThreshold = 80;

    public PolarSignature(ulong[] bits, double maxRadius)
    {
        Bits = bits;
        MaxRadius = maxRadius;
        for (int i = 0; i < bits.Length; i++)
        {
            InkCount += System.Numerics.BitOperations.PopCount(bits[i]);
        }
    }

    /// <summary>One word per column.</summary>
    public ulong[] Bits { get; }

    /// <summary>Radius (pixels of the source image) of the outermost bin's edge.</summary>
    public double MaxRadius { get; }

    /// <summary>Number of set bits.</summary>
    public long InkCount { get; }

    /// <summary>Samples the polar view of a blurred strength image.</summary>
    /// <param name="blurred">Ink strength, lightly blurred.</param>
    /// <param name="centre">Centre in image pixels.</param>
    /// <param name="maxRadius">Outer radius in image pixels.</param>
    public static PolarSignature Sample(Mat blurred, PointD centre, double maxRadius)
    {
        using var polar = new Mat();

        // warpPolar rows run clockwise on screen from +x; we want page counter-clockwise columns.
        // The radius can reach past the image's sides (a square's corners, an off-centre impression):
        // WarpFillOutliers makes those cells 0 (no ink); without it warpPolar leaves them unwritten
        // and they hold whatever the freshly allocated memory held.
        Cv2.WarpPolar(blurred, polar, new Size(RadialBins, Columns), new Point2f((float)centre.X, (float)centre.Y), maxRadius,
            InterpolationFlags.Linear | InterpolationFlags.WarpFillOutliers, WarpPolarMode.Linear);
        var bits = new ulong[Columns];
        ReadOnlySpan<byte> values = polar.AsSpan<byte>();
        for (int row = 0; row < Columns; row++)
        {
            int column = (Columns - row) % Columns;
            ulong word = 0;
            int offset = row * RadialBins;
            for (int j = 0; j < RadialBins; j++)
            {
                if (values[offset + j] > InkThreshold)
                {
                    word |= 1UL << j;
                }
            }

            bits[column] = word;
        }

        return new PolarSignature(bits, maxRadius);
    }
}
