namespace SealMatch.Engine.Matching;

/// <summary>
/// Plain-loop references for <see cref="ByteKernels"/>: the definitions the vector paths must reproduce exactly.
/// Lengths are validated by the public kernels, not here.
/// </summary>
internal static class ByteKernelsScalar
{
    /// <summary>Over i with mask[i] != 0: Gain = Σ max(0, impression[i] − specimen[i]), Loss = Σ max(0, specimen[i] − impression[i]).</summary>
    public static (long Gain, long Loss) GainLoss(ReadOnlySpan<byte> specimen, ReadOnlySpan<byte> impression, ReadOnlySpan<byte> mask)
    {
        long gain = 0;
        long loss = 0;
        for (int i = 0; i < mask.Length; i++)
        {
            if (mask[i] != 0)
            {
                int difference = impression[i] - specimen[i];
                if (difference > 0)
                {
                    gain += difference;
                }
                else
                {
                    loss -= difference;
                }
            }
        }

        return (gain, loss);
    }

    /// <summary>Count, Σa, Σb, Σa², Σb², Σab over i with mask[i] != 0.</summary>
    public static MaskedMoments Moments(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> mask)
    {
        long count = 0;
        long sumA = 0;
        long sumB = 0;
        long sumAA = 0;
        long sumBB = 0;
        long sumAB = 0;
        for (int i = 0; i < mask.Length; i++)
        {
            if (mask[i] != 0)
            {
                long x = a[i];
                long y = b[i];
                count++;
                sumA += x;
                sumB += y;
                sumAA += x * x;
                sumBB += y * y;
                sumAB += x * y;
            }
        }

        return new MaskedMoments(count, sumA, sumB, sumAA, sumBB, sumAB);
    }

    /// <summary>Bit i of bits (bit i % 64 of word i / 64) = pixels[i] &gt; threshold; bits past the pixels are zero.</summary>
    public static void PackGreaterThan(ReadOnlySpan<byte> pixels, byte threshold, Span<ulong> bits)
    {
        bits.Clear();
        for (int i = 0; i < pixels.Length; i++)
        {
            if (pixels[i] > threshold)
            {
                bits[i >> 6] |= 1UL << (i & 63);
            }
        }
    }
}
