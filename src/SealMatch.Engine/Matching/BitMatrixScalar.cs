namespace SealMatch.Engine.Matching;

/// <summary>
/// Per-pixel references for the <see cref="BitMatrix"/> operations, written straight from their definitions
/// through the indexer. The word-parallel implementations must reproduce them exactly.
/// </summary>
internal static class BitMatrixScalar
{
    /// <summary>result[x, y] = ∃ (dx, dy), dx² + dy² ≤ radius²: source[x + dx, y + dy] (inside the image).</summary>
    public static BitMatrix Dilate(BitMatrix source, int radius) => ApplyDisc(source, radius, dilate: true);

    /// <summary>result[x, y] = ∀ (dx, dy), dx² + dy² ≤ radius²: (x + dx, y + dy) inside the image ∧ source[x + dx, y + dy].</summary>
    public static BitMatrix Erode(BitMatrix source, int radius) => ApplyDisc(source, radius, dilate: false);

    /// <summary>counts[(dy + maxDy)(2·maxDx + 1) + dx + maxDx] = |{(x, y) : a[x, y] ∧ b[x − dx, y − dy]}|, b unset outside.</summary>
    public static void OverlapAtOffsets(BitMatrix a, BitMatrix b, int maxDx, int maxDy, Span<int> counts)
    {
        for (int dy = -maxDy; dy <= maxDy; dy++)
        {
            for (int dx = -maxDx; dx <= maxDx; dx++)
            {
                int count = 0;
                for (int y = 0; y < a.Height; y++)
                {
                    for (int x = 0; x < a.Width; x++)
                    {
                        int bx = x - dx;
                        int by = y - dy;
                        if (a[x, y] && bx >= 0 && bx < b.Width && by >= 0 && by < b.Height && b[bx, by])
                        {
                            count++;
                        }
                    }
                }

                counts[((dy + maxDy) * ((2 * maxDx) + 1)) + dx + maxDx] = count;
            }
        }
    }

    private static BitMatrix ApplyDisc(BitMatrix source, int radius, bool dilate)
    {
        var result = new BitMatrix(source.Width, source.Height);
        long radiusSquared = (long)radius * radius;
        for (int y = 0; y < source.Height; y++)
        {
            for (int x = 0; x < source.Width; x++)
            {
                bool any = false;
                bool all = true;
                for (int dy = -radius; dy <= radius; dy++)
                {
                    for (int dx = -radius; dx <= radius; dx++)
                    {
                        if (((long)dx * dx) + ((long)dy * dy) > radiusSquared)
                        {
                            continue;
                        }

                        int sx = x + dx;
                        int sy = y + dy;
                        bool set = sx >= 0 && sx < source.Width && sy >= 0 && sy < source.Height && source[sx, sy];
                        any |= set;
                        all &= set;
                    }
                }

                result[x, y] = dilate ? any : all;
            }
        }

        return result;
    }
}
