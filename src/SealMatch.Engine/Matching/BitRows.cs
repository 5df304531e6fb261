using System.Runtime.CompilerServices;

namespace SealMatch.Engine.Matching;

/// <summary>
/// Bit shifts of short multi-word bit strings (an image row, a polar column). Bit j of a string is bit (j % 64) of
/// word j / 64; bits outside the source read as zero.
/// </summary>
internal static class BitRows
{
    /// <summary>
    /// destination bit j = source bit (j - shift) for every bit of <paramref name="destination"/>: a positive
    /// shift moves bits toward higher indices. Bits read from outside the source are zero. Source and destination
    /// must not overlap.
    /// </summary>
    public static void CopyShifted(ReadOnlySpan<ulong> source, long shift, Span<ulong> destination)
    {
        // Destination word w starts at source bit 64 * w - shift = 64 * (w + wordOffset) + bitOffset.
        long sourceBit = -shift;
        long wordOffset = sourceBit >> 6;
        int bitOffset = (int)(sourceBit & 63);
        for (int w = 0; w < destination.Length; w++)
        {
            destination[w] = WordAt(source, w + wordOffset, bitOffset);
        }
    }

    /// <summary>
    /// bits[j] |= bits[j − shift] (or &amp;=) for every bit j, in place, all reads seeing the values from before the call;
    /// bits read from outside the string are zero.
    /// </summary>
    public static void CombineShiftedInPlace(Span<ulong> bits, long shift, bool or)
    {
        long sourceBit = -shift;
        long wordOffset = sourceBit >> 6;
        int bitOffset = (int)(sourceBit & 63);
        if (shift <= 0)
        {
            // Word w reads words w + wordOffset (>= w) and the next: ascending order reads them before writing.
            for (int w = 0; w < bits.Length; w++)
            {
                ulong shifted = WordAt(bits, w + wordOffset, bitOffset);
                bits[w] = or ? bits[w] | shifted : bits[w] & shifted;
            }
        }
        else
        {
            // Word w reads words at or below w: descending order reads them before writing.
            for (int w = bits.Length - 1; w >= 0; w--)
            {
                ulong shifted = WordAt(bits, w + wordOffset, bitOffset);
                bits[w] = or ? bits[w] | shifted : bits[w] & shifted;
            }
        }
    }

    /// <summary>Mask of the valid bits in the last word of a row of <paramref name="width"/> bits (all ones when width % 64 == 0).</summary>
    public static ulong LastWordMask(int width) => (width & 63) == 0 ? ulong.MaxValue : (1UL << (width & 63)) - 1;

    /// <summary>The 64 bits of <paramref name="source"/> starting at bit 64 * <paramref name="word"/> + <paramref name="bitOffset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong WordAt(ReadOnlySpan<ulong> source, long word, int bitOffset)
    {
        ulong low = (ulong)word < (ulong)source.Length ? source[(int)word] : 0;
        if (bitOffset == 0)
        {
            return low;
        }

        long next = word + 1;
        ulong high = (ulong)next < (ulong)source.Length ? source[(int)next] : 0;
        return (low >> bitOffset) | (high << (64 - bitOffset));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong WordAt(Span<ulong> source, long word, int bitOffset) => WordAt((ReadOnlySpan<ulong>)source, word, bitOffset);
}
