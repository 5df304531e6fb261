using System.Numerics;

namespace SealMatch.Engine.Matching;

/// <summary>
/// Plain-loop references for <see cref="BitKernels"/>: the definitions the vector paths must reproduce exactly.
/// Lengths are validated by the public kernels, not here.
/// </summary>
internal static class BitKernelsScalar
{
    /// <summary>Σ popcount(a[i]).</summary>
    public static long PopCount(ReadOnlySpan<ulong> a)
    {
        long count = 0;
        foreach (ulong word in a)
        {
            count += BitOperations.PopCount(word);
        }

        return count;
    }

    /// <summary>Σ popcount(a[i] &amp; b[i]).</summary>
    public static long AndPopCount(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        long count = 0;
        for (int i = 0; i < a.Length; i++)
        {
            count += BitOperations.PopCount(a[i] & b[i]);
        }

        return count;
    }

    /// <summary>Σ popcount(a[i] &amp; ~b[i]).</summary>
    public static long AndNotPopCount(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        long count = 0;
        for (int i = 0; i < a.Length; i++)
        {
            count += BitOperations.PopCount(a[i] & ~b[i]);
        }

        return count;
    }

    /// <summary>destination[i] = a[i] &amp; b[i].</summary>
    public static void And(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> destination)
    {
        for (int i = 0; i < a.Length; i++)
        {
            destination[i] = a[i] & b[i];
        }
    }

    /// <summary>destination[i] = a[i] | b[i].</summary>
    public static void Or(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> destination)
    {
        for (int i = 0; i < a.Length; i++)
        {
            destination[i] = a[i] | b[i];
        }
    }

    /// <summary>destination[i] = a[i] &amp; ~b[i].</summary>
    public static void AndNot(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> destination)
    {
        for (int i = 0; i < a.Length; i++)
        {
            destination[i] = a[i] & ~b[i];
        }
    }

    /// <summary>
    /// scores[k] = Σ_c Σ_w popcount(specimen[c, w] &amp; shifted[(c + k) mod columns, w]) where shifted column word w
    /// holds the impression column's bits (64·w − radialShift) .. (64·w − radialShift + 63), zero outside the column.
    /// </summary>
    public static void CircularAndPopCount(
        ReadOnlySpan<ulong> specimen,
        ReadOnlySpan<ulong> impression,
        int columns,
        int wordsPerColumn,
        int radialShift,
        Span<int> scores)
    {
        var shifted = new ulong[impression.Length];
        for (int c = 0; c < columns; c++)
        {
            ReadOnlySpan<ulong> column = impression.Slice(c * wordsPerColumn, wordsPerColumn);
            for (int w = 0; w < wordsPerColumn; w++)
            {
                shifted[(c * wordsPerColumn) + w] = ColumnBits(column, (64L * w) - radialShift);
            }
        }

        for (int k = 0; k < columns; k++)
        {
            long score = 0;
            for (int c = 0; c < columns; c++)
            {
                int rotated = (c + k) % columns;
                for (int w = 0; w < wordsPerColumn; w++)
                {
                    score += BitOperations.PopCount(specimen[(c * wordsPerColumn) + w] & shifted[(rotated * wordsPerColumn) + w]);
                }
            }

            scores[k] = (int)score;
        }
    }

    /// <summary>The 64 bits of a column starting at bit <paramref name="firstBit"/>; bits outside the column are zero.</summary>
    private static ulong ColumnBits(ReadOnlySpan<ulong> column, long firstBit)
    {
        ulong bits = 0;
        for (int j = 0; j < 64; j++)
        {
            long bit = firstBit + j;
            if (bit >= 0 && bit < 64L * column.Length && (column[(int)(bit >> 6)] & (1UL << (int)(bit & 63))) != 0)
            {
                bits |= 1UL << j;
            }
        }

        return bits;
    }
}
