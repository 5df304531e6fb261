using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SealMatch.Engine.Matching;

/// <summary>
/// Masked comparisons of 8-bit images (grey levels or ink densities) and thresholding into bit-packed masks.
/// Every method returns exactly what its twin in <c>ByteKernelsScalar</c> returns, on every instruction set.
/// </summary>
public static class ByteKernels
{
    // Moments accumulates squares in 32-bit lanes: each lane gains at most 4·255² = 260 100 per iteration, so it is
    // folded into 64-bit lanes every 8192 iterations (8192 · 260 100 < 2³¹).
    private const int IterationsPerProductBlock = 8192;

    /// <summary>
    /// Over i with mask[i] != 0: Gain = Σ max(0, impression[i] − specimen[i]) (ink the impression adds) and
    /// Loss = Σ max(0, specimen[i] − impression[i]) (ink it lacks).
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static (long Gain, long Loss) GainLoss(ReadOnlySpan<byte> specimen, ReadOnlySpan<byte> impression, ReadOnlySpan<byte> mask)
    {
        ThrowHelper.ThrowIfLengthDiffers(specimen.Length, impression.Length, nameof(impression));
        ThrowHelper.ThrowIfLengthDiffers(specimen.Length, mask.Length, nameof(mask));
        return GainLoss(specimen, impression, mask, PreferredPath);
    }

    /// <summary>Count, Σa, Σb, Σa², Σb², Σab over i with mask[i] != 0.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static MaskedMoments Moments(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> mask)
    {
        ThrowHelper.ThrowIfLengthDiffers(a.Length, b.Length, nameof(b));
        ThrowHelper.ThrowIfLengthDiffers(a.Length, mask.Length, nameof(mask));
        return Moments(a, b, mask, PreferredPath);
    }

    /// <summary>
    /// Bit i of <paramref name="bits"/> (bit i % 64 of word i / 64) = pixels[i] &gt; <paramref name="threshold"/>;
    /// the bits of the last word past the pixels are zero.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="bits"/> does not have ceil(pixels.Length / 64) words.</exception>
    public static void PackGreaterThan(ReadOnlySpan<byte> pixels, byte threshold, Span<ulong> bits)
    {
        ThrowHelper.ThrowIfLengthDiffers((int)(((long)pixels.Length + 63) / 64), bits.Length, nameof(bits));
        PackGreaterThan(pixels, threshold, bits, PreferredPath);
    }

    /// <summary>
    /// The widest supported path. Each vector iteration does a handful of byte operations on a full vector, and
    /// the wider paths won at every benchmarked length (see ByteKernelBenchmarks).
    /// </summary>
    internal static SimdPath PreferredPath =>
        SimdPaths.IsVector512Supported ? SimdPath.Vector512
        : SimdPaths.IsVector256Supported ? SimdPath.Vector256
        : SimdPaths.IsVector128Supported ? SimdPath.Vector128
        : SimdPath.Scalar;

    /// <summary><see cref="GainLoss(ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte})"/> on the given path and the narrower ones for its remainder.</summary>
    internal static (long Gain, long Loss) GainLoss(ReadOnlySpan<byte> specimen, ReadOnlySpan<byte> impression, ReadOnlySpan<byte> mask, SimdPath path)
    {
        Debug.Assert(specimen.Length == impression.Length && specimen.Length == mask.Length, "Callers validate lengths.");
        ref byte s = ref MemoryMarshal.GetReference(specimen);
        ref byte p = ref MemoryMarshal.GetReference(impression);
        ref byte m = ref MemoryMarshal.GetReference(mask);
        nuint length = (nuint)specimen.Length;
        nuint i = 0;
        ulong gain = 0;
        ulong loss = 0;

        // Per vector: saturating differences both ways, zeroed where the mask is zero, summed per 8 bytes by PSADBW.
        if (path >= SimdPath.Vector512 && SimdPaths.IsVector512Supported && length >= (nuint)Vector512<byte>.Count)
        {
            Vector512<ulong> gains = Vector512<ulong>.Zero;
            Vector512<ulong> losses = Vector512<ulong>.Zero;
            for (; i + (nuint)Vector512<byte>.Count <= length; i += (nuint)Vector512<byte>.Count)
            {
                Vector512<byte> specimenBytes = Vector512.LoadUnsafe(ref s, i);
                Vector512<byte> impressionBytes = Vector512.LoadUnsafe(ref p, i);
                Vector512<byte> outside = Vector512.Equals(Vector512.LoadUnsafe(ref m, i), Vector512<byte>.Zero);
                gains += Avx512BW.SumAbsoluteDifferences(Vector512.AndNot(Vector512.SubtractSaturate(impressionBytes, specimenBytes), outside), Vector512<byte>.Zero).AsUInt64();
                losses += Avx512BW.SumAbsoluteDifferences(Vector512.AndNot(Vector512.SubtractSaturate(specimenBytes, impressionBytes), outside), Vector512<byte>.Zero).AsUInt64();
            }

            gain += Vector512.Sum(gains);
            loss += Vector512.Sum(losses);
        }

        if (path >= SimdPath.Vector256 && SimdPaths.IsVector256Supported && length - i >= (nuint)Vector256<byte>.Count)
        {
            Vector256<ulong> gains = Vector256<ulong>.Zero;
            Vector256<ulong> losses = Vector256<ulong>.Zero;
            for (; i + (nuint)Vector256<byte>.Count <= length; i += (nuint)Vector256<byte>.Count)
            {
                Vector256<byte> specimenBytes = Vector256.LoadUnsafe(ref s, i);
                Vector256<byte> impressionBytes = Vector256.LoadUnsafe(ref p, i);
                Vector256<byte> outside = Vector256.Equals(Vector256.LoadUnsafe(ref m, i), Vector256<byte>.Zero);
                gains += Avx2.SumAbsoluteDifferences(Vector256.AndNot(Vector256.SubtractSaturate(impressionBytes, specimenBytes), outside), Vector256<byte>.Zero).AsUInt64();
                losses += Avx2.SumAbsoluteDifferences(Vector256.AndNot(Vector256.SubtractSaturate(specimenBytes, impressionBytes), outside), Vector256<byte>.Zero).AsUInt64();
            }

            gain += Vector256.Sum(gains);
            loss += Vector256.Sum(losses);
        }

        if (path >= SimdPath.Vector128 && SimdPaths.IsVector128Supported && length - i >= (nuint)Vector128<byte>.Count)
        {
            Vector128<ulong> gains = Vector128<ulong>.Zero;
            Vector128<ulong> losses = Vector128<ulong>.Zero;
            for (; i + (nuint)Vector128<byte>.Count <= length; i += (nuint)Vector128<byte>.Count)
            {
                Vector128<byte> specimenBytes = Vector128.LoadUnsafe(ref s, i);
                Vector128<byte> impressionBytes = Vector128.LoadUnsafe(ref p, i);
                Vector128<byte> outside = Vector128.Equals(Vector128.LoadUnsafe(ref m, i), Vector128<byte>.Zero);
                gains += Sse2.SumAbsoluteDifferences(Vector128.AndNot(Vector128.SubtractSaturate(impressionBytes, specimenBytes), outside), Vector128<byte>.Zero).AsUInt64();
                losses += Sse2.SumAbsoluteDifferences(Vector128.AndNot(Vector128.SubtractSaturate(specimenBytes, impressionBytes), outside), Vector128<byte>.Zero).AsUInt64();
            }

            gain += Vector128.Sum(gains);
            loss += Vector128.Sum(losses);
        }

        (long tailGain, long tailLoss) = ByteKernelsScalar.GainLoss(specimen[(int)i..], impression[(int)i..], mask[(int)i..]);
        return ((long)gain + tailGain, (long)loss + tailLoss);
    }

    /// <summary><see cref="Moments(ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte})"/> on the given path and the narrower ones for its remainder.</summary>
    internal static MaskedMoments Moments(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> mask, SimdPath path)
    {
        Debug.Assert(a.Length == b.Length && a.Length == mask.Length, "Callers validate lengths.");
        var sums = default(MomentSums);
        int i = 0;
        if (path >= SimdPath.Vector512 && SimdPaths.IsVector512Supported)
        {
            i = MomentsVector512(a, b, mask, ref sums);
        }

        if (path >= SimdPath.Vector256 && SimdPaths.IsVector256Supported)
        {
            i += MomentsVector256(a[i..], b[i..], mask[i..], ref sums);
        }

        if (path >= SimdPath.Vector128 && SimdPaths.IsVector128Supported)
        {
            i += MomentsVector128(a[i..], b[i..], mask[i..], ref sums);
        }

        MaskedMoments tail = ByteKernelsScalar.Moments(a[i..], b[i..], mask[i..]);
        return new MaskedMoments(
            sums.Count + tail.Count,
            (long)sums.SumA + tail.SumA,
            (long)sums.SumB + tail.SumB,
            (long)sums.SumAA + tail.SumAA,
            (long)sums.SumBB + tail.SumBB,
            (long)sums.SumAB + tail.SumAB);
    }

    /// <summary><see cref="PackGreaterThan(ReadOnlySpan{byte}, byte, Span{ulong})"/> on the given path.</summary>
    internal static void PackGreaterThan(ReadOnlySpan<byte> pixels, byte threshold, Span<ulong> bits, SimdPath path)
    {
        Debug.Assert(bits.Length == (pixels.Length + 63) / 64, "Callers validate lengths.");
        ref byte start = ref MemoryMarshal.GetReference(pixels);
        int fullWords = pixels.Length / 64;
        for (int w = 0; w < fullWords; w++)
        {
            bits[w] = PackWord(ref Unsafe.Add(ref start, w * 64), threshold, path);
        }

        int tailLength = pixels.Length - (fullWords * 64);
        if (tailLength != 0)
        {
            // Zero never exceeds a threshold, so zero padding yields zero tail bits on every path.
            Span<byte> padded = stackalloc byte[64];
            padded.Clear();
            pixels[(fullWords * 64)..].CopyTo(padded);
            bits[fullWords] = PackWord(ref MemoryMarshal.GetReference(padded), threshold, path);
        }
    }

    /// <summary>Packs 64 pixels into one word: bit j = pixel j &gt; threshold.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong PackWord(ref byte pixels, byte threshold, SimdPath path)
    {
        if (path >= SimdPath.Vector512 && SimdPaths.IsVector512Supported)
        {
            return Vector512.GreaterThan(Vector512.LoadUnsafe(ref pixels), Vector512.Create(threshold)).ExtractMostSignificantBits();
        }

        if (path >= SimdPath.Vector256 && SimdPaths.IsVector256Supported)
        {
            Vector256<byte> thresholds = Vector256.Create(threshold);
            ulong low = Vector256.GreaterThan(Vector256.LoadUnsafe(ref pixels), thresholds).ExtractMostSignificantBits();
            ulong high = Vector256.GreaterThan(Vector256.LoadUnsafe(ref pixels, 32), thresholds).ExtractMostSignificantBits();
            return low | (high << 32);
        }

        if (path >= SimdPath.Vector128 && SimdPaths.IsVector128Supported)
        {
            Vector128<byte> thresholds = Vector128.Create(threshold);
            ulong word = 0;
            for (nuint quarter = 0; quarter < 4; quarter++)
            {
                ulong bits = Vector128.GreaterThan(Vector128.LoadUnsafe(ref pixels, quarter * 16), thresholds).ExtractMostSignificantBits();
                word |= bits << (int)(quarter * 16);
            }

            return word;
        }

        ulong packed = 0;
        for (int j = 0; j < 64; j++)
        {
            packed |= (Unsafe.Add(ref pixels, j) > threshold ? 1UL : 0UL) << j;
        }

        return packed;
    }

    /// <summary>Processes whole 64-byte vectors; returns how many bytes it consumed.</summary>
    private static int MomentsVector512(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> mask, ref MomentSums sums)
    {
        ref byte aStart = ref MemoryMarshal.GetReference(a);
        ref byte bStart = ref MemoryMarshal.GetReference(b);
        ref byte maskStart = ref MemoryMarshal.GetReference(mask);
        nuint vectorEnd = (nuint)(a.Length - (a.Length % Vector512<byte>.Count));
        nuint i = 0;
        Vector512<ulong> sumA = Vector512<ulong>.Zero;
        Vector512<ulong> sumB = Vector512<ulong>.Zero;
        Vector512<long> sumAA = Vector512<long>.Zero;
        Vector512<long> sumBB = Vector512<long>.Zero;
        Vector512<long> sumAB = Vector512<long>.Zero;
        long count = 0;
        while (i < vectorEnd)
        {
            nuint blockEnd = Math.Min(vectorEnd, i + (IterationsPerProductBlock * (nuint)Vector512<byte>.Count));
            Vector512<int> blockAA = Vector512<int>.Zero;
            Vector512<int> blockBB = Vector512<int>.Zero;
            Vector512<int> blockAB = Vector512<int>.Zero;
            for (; i < blockEnd; i += (nuint)Vector512<byte>.Count)
            {
                Vector512<byte> outside = Vector512.Equals(Vector512.LoadUnsafe(ref maskStart, i), Vector512<byte>.Zero);
                Vector512<byte> x = Vector512.AndNot(Vector512.LoadUnsafe(ref aStart, i), outside);
                Vector512<byte> y = Vector512.AndNot(Vector512.LoadUnsafe(ref bStart, i), outside);
                count += Vector512<byte>.Count - BitOperations.PopCount(outside.ExtractMostSignificantBits());
                sumA += Avx512BW.SumAbsoluteDifferences(x, Vector512<byte>.Zero).AsUInt64();
                sumB += Avx512BW.SumAbsoluteDifferences(y, Vector512<byte>.Zero).AsUInt64();

                // Zero-extend bytes to 16 bits (lane order is irrelevant to the sums), then PMADDWD.
                Vector512<short> xLow = Avx512BW.UnpackLow(x, Vector512<byte>.Zero).AsInt16();
                Vector512<short> xHigh = Avx512BW.UnpackHigh(x, Vector512<byte>.Zero).AsInt16();
                Vector512<short> yLow = Avx512BW.UnpackLow(y, Vector512<byte>.Zero).AsInt16();
                Vector512<short> yHigh = Avx512BW.UnpackHigh(y, Vector512<byte>.Zero).AsInt16();
                blockAA += Avx512BW.MultiplyAddAdjacent(xLow, xLow) + Avx512BW.MultiplyAddAdjacent(xHigh, xHigh);
                blockBB += Avx512BW.MultiplyAddAdjacent(yLow, yLow) + Avx512BW.MultiplyAddAdjacent(yHigh, yHigh);
                blockAB += Avx512BW.MultiplyAddAdjacent(xLow, yLow) + Avx512BW.MultiplyAddAdjacent(xHigh, yHigh);
            }

            sumAA += Vector512.WidenLower(blockAA) + Vector512.WidenUpper(blockAA);
            sumBB += Vector512.WidenLower(blockBB) + Vector512.WidenUpper(blockBB);
            sumAB += Vector512.WidenLower(blockAB) + Vector512.WidenUpper(blockAB);
        }

        sums.Add(count, Vector512.Sum(sumA), Vector512.Sum(sumB), Vector512.Sum(sumAA), Vector512.Sum(sumBB), Vector512.Sum(sumAB));
        return (int)vectorEnd;
    }

    /// <summary>Processes whole 32-byte vectors; returns how many bytes it consumed.</summary>
    private static int MomentsVector256(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> mask, ref MomentSums sums)
    {
        ref byte aStart = ref MemoryMarshal.GetReference(a);
        ref byte bStart = ref MemoryMarshal.GetReference(b);
        ref byte maskStart = ref MemoryMarshal.GetReference(mask);
        nuint vectorEnd = (nuint)(a.Length - (a.Length % Vector256<byte>.Count));
        nuint i = 0;
        Vector256<ulong> sumA = Vector256<ulong>.Zero;
        Vector256<ulong> sumB = Vector256<ulong>.Zero;
        Vector256<long> sumAA = Vector256<long>.Zero;
        Vector256<long> sumBB = Vector256<long>.Zero;
        Vector256<long> sumAB = Vector256<long>.Zero;
        long count = 0;
        while (i < vectorEnd)
        {
            nuint blockEnd = Math.Min(vectorEnd, i + (IterationsPerProductBlock * (nuint)Vector256<byte>.Count));
            Vector256<int> blockAA = Vector256<int>.Zero;
            Vector256<int> blockBB = Vector256<int>.Zero;
            Vector256<int> blockAB = Vector256<int>.Zero;
            for (; i < blockEnd; i += (nuint)Vector256<byte>.Count)
            {
                Vector256<byte> outside = Vector256.Equals(Vector256.LoadUnsafe(ref maskStart, i), Vector256<byte>.Zero);
                Vector256<byte> x = Vector256.AndNot(Vector256.LoadUnsafe(ref aStart, i), outside);
                Vector256<byte> y = Vector256.AndNot(Vector256.LoadUnsafe(ref bStart, i), outside);
                count += Vector256<byte>.Count - BitOperations.PopCount(outside.ExtractMostSignificantBits());
                sumA += Avx2.SumAbsoluteDifferences(x, Vector256<byte>.Zero).AsUInt64();
                sumB += Avx2.SumAbsoluteDifferences(y, Vector256<byte>.Zero).AsUInt64();
                Vector256<short> xLow = Avx2.UnpackLow(x, Vector256<byte>.Zero).AsInt16();
                Vector256<short> xHigh = Avx2.UnpackHigh(x, Vector256<byte>.Zero).AsInt16();
                Vector256<short> yLow = Avx2.UnpackLow(y, Vector256<byte>.Zero).AsInt16();
                Vector256<short> yHigh = Avx2.UnpackHigh(y, Vector256<byte>.Zero).AsInt16();
                blockAA += Avx2.MultiplyAddAdjacent(xLow, xLow) + Avx2.MultiplyAddAdjacent(xHigh, xHigh);
                blockBB += Avx2.MultiplyAddAdjacent(yLow, yLow) + Avx2.MultiplyAddAdjacent(yHigh, yHigh);
                blockAB += Avx2.MultiplyAddAdjacent(xLow, yLow) + Avx2.MultiplyAddAdjacent(xHigh, yHigh);
            }

            sumAA += Vector256.WidenLower(blockAA) + Vector256.WidenUpper(blockAA);
            sumBB += Vector256.WidenLower(blockBB) + Vector256.WidenUpper(blockBB);
            sumAB += Vector256.WidenLower(blockAB) + Vector256.WidenUpper(blockAB);
        }

        sums.Add(count, Vector256.Sum(sumA), Vector256.Sum(sumB), Vector256.Sum(sumAA), Vector256.Sum(sumBB), Vector256.Sum(sumAB));
        return (int)vectorEnd;
    }

    /// <summary>Processes whole 16-byte vectors; returns how many bytes it consumed.</summary>
    private static int MomentsVector128(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> mask, ref MomentSums sums)
    {
        ref byte aStart = ref MemoryMarshal.GetReference(a);
        ref byte bStart = ref MemoryMarshal.GetReference(b);
        ref byte maskStart = ref MemoryMarshal.GetReference(mask);
        nuint vectorEnd = (nuint)(a.Length - (a.Length % Vector128<byte>.Count));
        nuint i = 0;
        Vector128<ulong> sumA = Vector128<ulong>.Zero;
        Vector128<ulong> sumB = Vector128<ulong>.Zero;
        Vector128<long> sumAA = Vector128<long>.Zero;
        Vector128<long> sumBB = Vector128<long>.Zero;
        Vector128<long> sumAB = Vector128<long>.Zero;
        long count = 0;
        while (i < vectorEnd)
        {
            nuint blockEnd = Math.Min(vectorEnd, i + (IterationsPerProductBlock * (nuint)Vector128<byte>.Count));
            Vector128<int> blockAA = Vector128<int>.Zero;
            Vector128<int> blockBB = Vector128<int>.Zero;
            Vector128<int> blockAB = Vector128<int>.Zero;
            for (; i < blockEnd; i += (nuint)Vector128<byte>.Count)
            {
                Vector128<byte> outside = Vector128.Equals(Vector128.LoadUnsafe(ref maskStart, i), Vector128<byte>.Zero);
                Vector128<byte> x = Vector128.AndNot(Vector128.LoadUnsafe(ref aStart, i), outside);
                Vector128<byte> y = Vector128.AndNot(Vector128.LoadUnsafe(ref bStart, i), outside);
                count += Vector128<byte>.Count - BitOperations.PopCount(outside.ExtractMostSignificantBits());
                sumA += Sse2.SumAbsoluteDifferences(x, Vector128<byte>.Zero).AsUInt64();
                sumB += Sse2.SumAbsoluteDifferences(y, Vector128<byte>.Zero).AsUInt64();
                Vector128<short> xLow = Sse2.UnpackLow(x, Vector128<byte>.Zero).AsInt16();
                Vector128<short> xHigh = Sse2.UnpackHigh(x, Vector128<byte>.Zero).AsInt16();
                Vector128<short> yLow = Sse2.UnpackLow(y, Vector128<byte>.Zero).AsInt16();
                Vector128<short> yHigh = Sse2.UnpackHigh(y, Vector128<byte>.Zero).AsInt16();
                blockAA += Sse2.MultiplyAddAdjacent(xLow, xLow) + Sse2.MultiplyAddAdjacent(xHigh, xHigh);
                blockBB += Sse2.MultiplyAddAdjacent(yLow, yLow) + Sse2.MultiplyAddAdjacent(yHigh, yHigh);
                blockAB += Sse2.MultiplyAddAdjacent(xLow, yLow) + Sse2.MultiplyAddAdjacent(xHigh, yHigh);
            }

            sumAA += Vector128.WidenLower(blockAA) + Vector128.WidenUpper(blockAA);
            sumBB += Vector128.WidenLower(blockBB) + Vector128.WidenUpper(blockBB);
            sumAB += Vector128.WidenLower(blockAB) + Vector128.WidenUpper(blockAB);
        }

        sums.Add(count, Vector128.Sum(sumA), Vector128.Sum(sumB), Vector128.Sum(sumAA), Vector128.Sum(sumBB), Vector128.Sum(sumAB));
        return (int)vectorEnd;
    }

    /// <summary>Running totals of the vector paths of <see cref="Moments(ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte}, SimdPath)"/>.</summary>
    private struct MomentSums
    {
        public long Count;
        public ulong SumA;
        public ulong SumB;
        public long SumAA;
        public long SumBB;
        public long SumAB;

        public void Add(long count, ulong sumA, ulong sumB, long sumAA, long sumBB, long sumAB)
        {
            Count += count;
            SumA += sumA;
            SumB += sumB;
            SumAA += sumAA;
            SumBB += sumBB;
            SumAB += sumAB;
        }
    }
}
