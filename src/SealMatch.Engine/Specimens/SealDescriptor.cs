using System.Numerics;
using OpenCvSharp;
using SealMatch.Engine.Registration;

namespace SealMatch.Engine.Specimens;

/// <summary>
/// A rotation-invariant vector describing a seal: its radial ink profile and the magnitudes of the
/// angular harmonics of its polar signature. Similar seals have a high cosine similarity; it ranks
/// an account's specimens for an impression before the full registration.
/// </summary>
internal static class SealDescriptor
{
    public const int RadialBins = 32;
    public const int Harmonics = 16;
    public const int Length = RadialBins + Harmonics;

    public static float[] Compute(PolarSignature polar)
    {
        var vector = new float[Length];

        // Radial profile: ink cells per radius (pairs of polar bins), normalised to a fraction.
        for (int c = 0; c < PolarSignature.Columns; c++)
        {
            ulong word = polar.Bits[c];
            for (int j = 0; j < PolarSignature.RadialBins; j++)
            {
                if ((word & (1UL << j)) != 0)
                {
                    vector[j * RadialBins / PolarSignature.RadialBins] += 1f / PolarSignature.Columns;
                }
            }
        }

        // Angular harmonics of the ink count per column: invariant to rotation (a circular shift).
        var counts = new double[PolarSignature.Columns];
        for (int c = 0; c < counts.Length; c++)
        {
            counts[c] = BitOperations.PopCount(polar.Bits[c]);
        }

        double mean = counts.Average();
        for (int k = 1; k <= Harmonics; k++)
        {
            double re = 0, im = 0;
            for (int c = 0; c < counts.Length; c++)
            {
                double phase = 2 * Math.PI * k * c / counts.Length;
                re += (counts[c] - mean) * Math.Cos(phase);
                im += (counts[c] - mean) * Math.Sin(phase);
            }

            vector[RadialBins + k - 1] = (float)(Math.Sqrt(re * re + im * im) / counts.Length / Math.Max(1, mean));
        }

        return vector;
    }

    /// <summary>Descriptor of a canvas about its centre.</summary>
    public static float[] Compute(CanonicalSeal canvas, double maxRadius)
    {
        using var blurred = new Mat();
        Cv2.GaussianBlur(canvas.Strength, blurred, new Size(0, 0), 2.0);
        return Compute(PolarSignature.Sample(blurred, canvas.Centre, maxRadius));
    }
}
