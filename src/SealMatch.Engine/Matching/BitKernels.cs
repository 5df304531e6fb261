using System.Buffers;
using System.Diagnostics;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SealMatch.Engine.Matching;

/// <summary>
/// Population counts and bitwise combinations over bit-packed words (64 pixels or radial bins per word).
/// Every method returns exactly what its twin in <c>BitKernelsScalar</c> returns, on every instruction set.
/// </summary>
/// <remarks>
/// x86 has no vector popcount that .NET exposes, so the vector paths count bits with a 16-entry nibble table
/// (PSHUFB), accumulate per-byte counts for up to 31 vectors and fold them into 64-bit lanes with PSADBW
/// against zero. Which path wins at which length was measured with <c>PopCountKernelBenchmarks</c>; see
/// <see cref="PreferredPopCountPath"/>.
/// </remarks>
public static class BitKernels
{
    /// <summary>Σ popcount(a[i]).</summary>
    public static long PopCount(ReadOnlySpan<ulong> a) => CombinePopCount<LeftOperator>(a, a, PreferredPopCountPath(a.Length));

    /// <summary>Σ popcount(a[i] &amp; b[i]).</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static long AndPopCount(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        ThrowHelper.ThrowIfLengthDiffers(a.Length, b.Length, nameof(b));
        return CombinePopCount<AndOperator>(a, b, PreferredPopCountPath(a.Length));
    }

    /// <summary>Σ popcount(a[i] &amp; ~b[i]): bits set in <paramref name="a"/> but not in <paramref name="b"/>.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static long AndNotPopCount(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        ThrowHelper.ThrowIfLengthDiffers(a.Length, b.Length, nameof(b));
        return CombinePopCount<AndNotOperator>(a, b, PreferredPopCountPath(a.Length));
    }

    /// <summary>destination[i] = a[i] &amp; b[i]. <paramref name="destination"/> may be <paramref name="a"/> or <paramref name="b"/> itself.</summary>
    /// <remarks>
    /// TensorPrimitives.BitwiseAnd: it ties a hand-written 512-bit loop (BitKernelBenchmarks medians, TensorPrimitives
    /// vs hand-written: 64 words 6.1 vs 5.3 ns, 1000 words 74 vs 71 ns, 4099 words 530 vs 530 ns).
    /// </remarks>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void And(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> destination)
    {
        ThrowIfLengthsDiffer(a, b, destination);
        TensorPrimitives.BitwiseAnd(a, b, destination);
    }

    /// <summary>destination[i] = a[i] | b[i]. <paramref name="destination"/> may be <paramref name="a"/> or <paramref name="b"/> itself.</summary>
    /// <remarks>TensorPrimitives.BitwiseOr, for the same reason as <see cref="And"/>.</remarks>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Or(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> destination)
    {
        ThrowIfLengthsDiffer(a, b, destination);
        TensorPrimitives.BitwiseOr(a, b, destination);
    }

    /// <summary>destination[i] = a[i] &amp; ~b[i]. <paramref name="destination"/> may be <paramref name="a"/> or <paramref name="b"/> itself.</summary>
    /// <remarks>Hand-written: TensorPrimitives has no and-not (it would take two passes).</remarks>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void AndNot(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> destination)
    {
        ThrowIfLengthsDiffer(a, b, destination);
        Combine<AndNotOperator>(a, b, destination, PreferredCombinePath);
    }

    /// <summary>
    /// Rotation sweep over polar signatures. Both inputs hold <paramref name="columns"/> angular columns of
    /// <paramref name="wordsPerColumn"/> consecutive words each (radial bins, bit 0 of word 0 = innermost).
    /// For every k in [0, columns): scores[k] = Σ_c popcount(specimen[c] &amp; shiftR(impression[(c + k) mod columns])),
    /// where shiftR moves every radial bit j of a column to j + <paramref name="radialShift"/> (negative moves inward),
    /// carrying across the column's words; bits moved out of the column are dropped and vacated bits are zero.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="columns"/> is negative or <paramref name="wordsPerColumn"/> is not positive.</exception>
    /// <exception cref="ArgumentException">A span's length does not match <paramref name="columns"/> × <paramref name="wordsPerColumn"/> (or <paramref name="columns"/> for the scores).</exception>
    public static void CircularAndPopCount(
        ReadOnlySpan<ulong> specimen,
        ReadOnlySpan<ulong> impression,
        int columns,
        int wordsPerColumn,
        int radialShift,
        Span<int> scores)
    {
        int signatureLength = ValidateCircularArguments(specimen, impression, columns, wordsPerColumn, scores);
        CircularAndPopCountCore(specimen, impression, columns, wordsPerColumn, radialShift, scores, PreferredPopCountPath(signatureLength));
    }

    /// <summary>
    /// The path the public popcount kernels take for <paramref name="length"/> words, from PopCountKernelBenchmarks
    /// (AMD EPYC Zen 5, .NET 10.0.12, BenchmarkDotNet short runs on a shared 2-core VM; AndPopCount medians,
    /// POPCNT loop / nibble-128 / nibble-256 / nibble-512): 7 words 2.3 / 2.7 / 2.6 / 3.7 ns; 16 words 4.2 / 4.1 /
    /// 3.0 / 4.1 ns; 64 words 17 / 17 / 8.3 / 7.6 ns; 1000 words 265 / 268 / 128 / 66 ns; 4099 words 1100 / 1040 /
    /// 513 / 308 ns. TensorPrimitives.PopCount (single input only) took 993 ns at 4099 words, nibble-512 245 ns.
    /// So: nibble-512 from 32 words, nibble-256 from 8, nibble-128 (no AVX2) from 16 (ties POPCNT on AndPopCount,
    /// 10–30 % faster on PopCount), else the POPCNT loop.
    /// </summary>
    internal static SimdPath PreferredPopCountPath(int length)
    {
        if (SimdPaths.IsVector512Supported && length >= 32)
        {
            return SimdPath.Vector512;
        }

        if (SimdPaths.IsVector256Supported && length >= 8)
        {
            return SimdPath.Vector256;
        }

        if (SimdPaths.IsVector128Supported && !SimdPaths.IsVector256Supported && length >= 16)
        {
            return SimdPath.Vector128;
        }

        return SimdPath.Scalar;
    }

    /// <summary>The widest vector path for <see cref="AndNot"/> (loads, one bitwise op, store: no table lookups).</summary>
    internal static SimdPath PreferredCombinePath =>
        SimdPaths.IsVector512Supported ? SimdPath.Vector512
        : SimdPaths.IsVector256Supported ? SimdPath.Vector256
        : Vector128.IsHardwareAccelerated ? SimdPath.Vector128
        : SimdPath.Scalar;

    /// <summary>Σ popcount(TOperator(a[i], b[i])) on the given path; lengths must match (checked by the caller).</summary>
    internal static long CombinePopCount<TOperator>(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, SimdPath path)
        where TOperator : struct, IWordOperator
    {
        Debug.Assert(a.Length == b.Length, "Callers validate lengths.");
        Debug.Assert(SimdPaths.IsSupported(path), "Callers pick a supported path.");
        ref ulong aStart = ref MemoryMarshal.GetReference(a);
        ref ulong bStart = ref MemoryMarshal.GetReference(b);
        nuint length = (nuint)a.Length;
        return path switch
        {
            SimdPath.Vector512 when SimdPaths.IsVector512Supported => CombinePopCountVector512<TOperator>(ref aStart, ref bStart, length),
            SimdPath.Vector256 when SimdPaths.IsVector256Supported => CombinePopCountVector256<TOperator>(ref aStart, ref bStart, length),
            SimdPath.Vector128 when SimdPaths.IsVector128Supported => CombinePopCountVector128<TOperator>(ref aStart, ref bStart, length),
            _ => CombinePopCountScalar<TOperator>(ref aStart, ref bStart, 0, length),
        };
    }

    /// <summary>destination[i] = TOperator(a[i], b[i]) on the given path; lengths must match (checked by the caller).</summary>
    internal static void Combine<TOperator>(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> destination, SimdPath path)
        where TOperator : struct, IWordOperator
    {
        Debug.Assert(a.Length == b.Length && a.Length == destination.Length, "Callers validate lengths.");
        ref ulong aStart = ref MemoryMarshal.GetReference(a);
        ref ulong bStart = ref MemoryMarshal.GetReference(b);
        ref ulong destinationStart = ref MemoryMarshal.GetReference(destination);
        nuint length = (nuint)a.Length;
        nuint i = 0;

        // Each iteration loads both inputs before it stores, and the tail is scalar (no overlapping re-store),
        // so destination may alias a or b exactly.
        if (path == SimdPath.Vector512 && SimdPaths.IsVector512Supported)
        {
            for (; i + (nuint)Vector512<ulong>.Count <= length; i += (nuint)Vector512<ulong>.Count)
            {
                TOperator.Invoke(Vector512.LoadUnsafe(ref aStart, i), Vector512.LoadUnsafe(ref bStart, i)).StoreUnsafe(ref destinationStart, i);
            }
        }
        else if (path == SimdPath.Vector256 && Vector256.IsHardwareAccelerated)
        {
            for (; i + (nuint)Vector256<ulong>.Count <= length; i += (nuint)Vector256<ulong>.Count)
            {
                TOperator.Invoke(Vector256.LoadUnsafe(ref aStart, i), Vector256.LoadUnsafe(ref bStart, i)).StoreUnsafe(ref destinationStart, i);
            }
        }
        else if (path == SimdPath.Vector128 && Vector128.IsHardwareAccelerated)
        {
            for (; i + (nuint)Vector128<ulong>.Count <= length; i += (nuint)Vector128<ulong>.Count)
            {
                TOperator.Invoke(Vector128.LoadUnsafe(ref aStart, i), Vector128.LoadUnsafe(ref bStart, i)).StoreUnsafe(ref destinationStart, i);
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref destinationStart, i) = TOperator.Invoke(Unsafe.Add(ref aStart, i), Unsafe.Add(ref bStart, i));
        }
    }

    /// <summary>
    /// <see cref="CircularAndPopCount"/> after validation. The shifted impression is built once and stored twice in a
    /// row, so rotation k is the contiguous slice starting at column k and each score is one AndPopCount.
    /// </summary>
    internal static void CircularAndPopCountCore(
        ReadOnlySpan<ulong> specimen,
        ReadOnlySpan<ulong> impression,
        int columns,
        int wordsPerColumn,
        int radialShift,
        Span<int> scores,
        SimdPath path)
    {
        int signatureLength = specimen.Length;
        if (columns == 0)
        {
            return;
        }

        // The last rotation reads columns [columns - 1, 2 * columns - 1), so one column less than two copies suffices.
        int doubledLength = signatureLength + signatureLength - wordsPerColumn;
        const int StackWords = 512;
        ulong[]? rented = null;
        Span<ulong> doubled = doubledLength <= StackWords
            ? stackalloc ulong[StackWords]
            : (rented = ArrayPool<ulong>.Shared.Rent(doubledLength));
        doubled = doubled[..doubledLength];
        try
        {
            for (int column = 0; column < columns; column++)
            {
                int start = column * wordsPerColumn;
                BitRows.CopyShifted(impression.Slice(start, wordsPerColumn), radialShift, doubled.Slice(start, wordsPerColumn));
            }

            doubled[..(signatureLength - wordsPerColumn)].CopyTo(doubled[signatureLength..]);
            for (int rotation = 0; rotation < columns; rotation++)
            {
                scores[rotation] = (int)CombinePopCount<AndOperator>(specimen, doubled.Slice(rotation * wordsPerColumn, signatureLength), path);
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<ulong>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Validates <see cref="CircularAndPopCount"/>'s arguments and returns columns × wordsPerColumn.</summary>
    internal static int ValidateCircularArguments(
        ReadOnlySpan<ulong> specimen,
        ReadOnlySpan<ulong> impression,
        int columns,
        int wordsPerColumn,
        Span<int> scores)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(wordsPerColumn);

        // A score is at most signatureLength * 64 bits and the doubled buffer is about twice the signature.
        long signatureLength = (long)columns * wordsPerColumn;
        if (signatureLength > int.MaxValue / 64)
        {
            throw new ArgumentOutOfRangeException(nameof(columns), "columns × wordsPerColumn is too large for int scores.");
        }

        ThrowHelper.ThrowIfLengthDiffers((int)signatureLength, specimen.Length, nameof(specimen));
        ThrowHelper.ThrowIfLengthDiffers((int)signatureLength, impression.Length, nameof(impression));
        ThrowHelper.ThrowIfLengthDiffers(columns, scores.Length, nameof(scores));
        return (int)signatureLength;
    }

    internal static long CombinePopCountScalar<TOperator>(ref ulong a, ref ulong b, nuint start, nuint length)
        where TOperator : struct, IWordOperator
    {
        // Two accumulators keep two POPCNT chains in flight.
        long even = 0;
        long odd = 0;
        nuint i = start;
        for (; i + 4 <= length; i += 4)
        {
            even += BitOperations.PopCount(TOperator.Invoke(Unsafe.Add(ref a, i), Unsafe.Add(ref b, i)))
                + BitOperations.PopCount(TOperator.Invoke(Unsafe.Add(ref a, i + 1), Unsafe.Add(ref b, i + 1)));
            odd += BitOperations.PopCount(TOperator.Invoke(Unsafe.Add(ref a, i + 2), Unsafe.Add(ref b, i + 2)))
                + BitOperations.PopCount(TOperator.Invoke(Unsafe.Add(ref a, i + 3), Unsafe.Add(ref b, i + 3)));
        }

        for (; i < length; i++)
        {
            even += BitOperations.PopCount(TOperator.Invoke(Unsafe.Add(ref a, i), Unsafe.Add(ref b, i)));
        }

        return even + odd;
    }

    // Per-byte counts of set bits via a 16-entry nibble table (PSHUFB). Each result byte is at most 8, so a byte
    // accumulator absorbs 31 vectors (248) before it must be folded into 64-bit lanes with PSADBW.
    private const int VectorsPerByteAccumulator = 31;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static long CombinePopCountVector256<TOperator>(ref ulong a, ref ulong b, nuint length)
        where TOperator : struct, IWordOperator
    {
        Debug.Assert(Avx2.IsSupported, "Callers check Avx2.IsSupported.");
        Vector256<byte> table = Vector256.Create(NibbleTable128());
        Vector256<byte> lowNibble = Vector256.Create((byte)0x0F);
        Vector256<ulong> total = Vector256<ulong>.Zero;
        const nuint Step = 2 * 4;
        nuint pairedEnd = length & ~(Step - 1);
        nuint i = 0;
        while (i < pairedEnd)
        {
            nuint blockEnd = Math.Min(pairedEnd, i + (VectorsPerByteAccumulator * Step));
            Vector256<byte> first = Vector256<byte>.Zero;
            Vector256<byte> second = Vector256<byte>.Zero;
            do
            {
                first += ByteCounts(TOperator.Invoke(Vector256.LoadUnsafe(ref a, i), Vector256.LoadUnsafe(ref b, i)), table, lowNibble);
                second += ByteCounts(TOperator.Invoke(Vector256.LoadUnsafe(ref a, i + 4), Vector256.LoadUnsafe(ref b, i + 4)), table, lowNibble);
                i += Step;
            }
            while (i < blockEnd);

            total += Avx2.SumAbsoluteDifferences(first, Vector256<byte>.Zero).AsUInt64()
                + Avx2.SumAbsoluteDifferences(second, Vector256<byte>.Zero).AsUInt64();
        }

        if (length - i >= 4)
        {
            Vector256<byte> last = ByteCounts(TOperator.Invoke(Vector256.LoadUnsafe(ref a, i), Vector256.LoadUnsafe(ref b, i)), table, lowNibble);
            total += Avx2.SumAbsoluteDifferences(last, Vector256<byte>.Zero).AsUInt64();
            i += 4;
        }

        return (long)Vector256.Sum(total) + CombinePopCountScalar<TOperator>(ref a, ref b, i, length);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static long CombinePopCountVector512<TOperator>(ref ulong a, ref ulong b, nuint length)
        where TOperator : struct, IWordOperator
    {
        Debug.Assert(Avx512BW.IsSupported, "Callers check Avx512BW.IsSupported.");
        Vector512<byte> table = Vector512.Create(NibbleTable128());
        Vector512<byte> lowNibble = Vector512.Create((byte)0x0F);
        Vector512<ulong> total = Vector512<ulong>.Zero;
        const nuint Step = 2 * 8;
        nuint pairedEnd = length & ~(Step - 1);
        nuint i = 0;
        while (i < pairedEnd)
        {
            nuint blockEnd = Math.Min(pairedEnd, i + (VectorsPerByteAccumulator * Step));
            Vector512<byte> first = Vector512<byte>.Zero;
            Vector512<byte> second = Vector512<byte>.Zero;
            do
            {
                first += ByteCounts(TOperator.Invoke(Vector512.LoadUnsafe(ref a, i), Vector512.LoadUnsafe(ref b, i)), table, lowNibble);
                second += ByteCounts(TOperator.Invoke(Vector512.LoadUnsafe(ref a, i + 8), Vector512.LoadUnsafe(ref b, i + 8)), table, lowNibble);
                i += Step;
            }
            while (i < blockEnd);

            total += Avx512BW.SumAbsoluteDifferences(first, Vector512<byte>.Zero).AsUInt64()
                + Avx512BW.SumAbsoluteDifferences(second, Vector512<byte>.Zero).AsUInt64();
        }

        if (length - i >= 8)
        {
            Vector512<byte> last = ByteCounts(TOperator.Invoke(Vector512.LoadUnsafe(ref a, i), Vector512.LoadUnsafe(ref b, i)), table, lowNibble);
            total += Avx512BW.SumAbsoluteDifferences(last, Vector512<byte>.Zero).AsUInt64();
            i += 8;
        }

        // The remaining 0..7 words go through the 256-bit kernel (at most one vector, then scalar).
        long remainder = SimdPaths.IsVector256Supported
            ? CombinePopCountVector256<TOperator>(ref Unsafe.Add(ref a, i), ref Unsafe.Add(ref b, i), length - i)
            : CombinePopCountScalar<TOperator>(ref a, ref b, i, length);
        return (long)Vector512.Sum(total) + remainder;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static long CombinePopCountVector128<TOperator>(ref ulong a, ref ulong b, nuint length)
        where TOperator : struct, IWordOperator
    {
        Debug.Assert(Ssse3.IsSupported, "Callers check Ssse3.IsSupported.");
        Vector128<byte> table = NibbleTable128();
        Vector128<byte> lowNibble = Vector128.Create((byte)0x0F);
        Vector128<ulong> total = Vector128<ulong>.Zero;
        const nuint Step = 2 * 2;
        nuint pairedEnd = length & ~(Step - 1);
        nuint i = 0;
        while (i < pairedEnd)
        {
            nuint blockEnd = Math.Min(pairedEnd, i + (VectorsPerByteAccumulator * Step));
            Vector128<byte> first = Vector128<byte>.Zero;
            Vector128<byte> second = Vector128<byte>.Zero;
            do
            {
                first += ByteCounts(TOperator.Invoke(Vector128.LoadUnsafe(ref a, i), Vector128.LoadUnsafe(ref b, i)), table, lowNibble);
                second += ByteCounts(TOperator.Invoke(Vector128.LoadUnsafe(ref a, i + 2), Vector128.LoadUnsafe(ref b, i + 2)), table, lowNibble);
                i += Step;
            }
            while (i < blockEnd);

            total += Sse2.SumAbsoluteDifferences(first, Vector128<byte>.Zero).AsUInt64()
                + Sse2.SumAbsoluteDifferences(second, Vector128<byte>.Zero).AsUInt64();
        }

        return (long)Vector128.Sum(total) + CombinePopCountScalar<TOperator>(ref a, ref b, i, length);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> NibbleTable128() =>
        Vector128.Create((byte)0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> ByteCounts(Vector128<ulong> words, Vector128<byte> table, Vector128<byte> lowNibble)
    {
        Vector128<byte> low = words.AsByte() & lowNibble;
        Vector128<byte> high = Vector128.ShiftRightLogical(words.AsUInt16(), 4).AsByte() & lowNibble;
        return Ssse3.Shuffle(table, low) + Ssse3.Shuffle(table, high);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> ByteCounts(Vector256<ulong> words, Vector256<byte> table, Vector256<byte> lowNibble)
    {
        Vector256<byte> low = words.AsByte() & lowNibble;
        Vector256<byte> high = Vector256.ShiftRightLogical(words.AsUInt16(), 4).AsByte() & lowNibble;
        return Avx2.Shuffle(table, low) + Avx2.Shuffle(table, high);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> ByteCounts(Vector512<ulong> words, Vector512<byte> table, Vector512<byte> lowNibble)
    {
        Vector512<byte> low = words.AsByte() & lowNibble;
        Vector512<byte> high = Vector512.ShiftRightLogical(words.AsUInt16(), 4).AsByte() & lowNibble;
        return Avx512BW.Shuffle(table, low) + Avx512BW.Shuffle(table, high);
    }

    private static void ThrowIfLengthsDiffer(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> destination)
    {
        ThrowHelper.ThrowIfLengthDiffers(a.Length, b.Length, nameof(b));
        ThrowHelper.ThrowIfLengthDiffers(a.Length, destination.Length, nameof(destination));
    }
}
