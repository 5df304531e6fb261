using System.Buffers;

namespace SealMatch.Engine.Matching;

/// <summary>
/// A bit-packed binary image (an ink mask). Row-major; bit x of row y is bit (x % 64) of word
/// [y * <see cref="WordsPerRow"/> + x / 64]. Invariant: the padding bits beyond <see cref="Width"/> in the last word
/// of every row are zero; every member keeps it, and callers writing <see cref="Words"/> directly must too.
/// </summary>
public sealed class BitMatrix
{
    private readonly ulong[] _words;

    /// <summary>Creates an all-zero matrix.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is not positive.</exception>
    public BitMatrix(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        Width = width;
        Height = height;
        WordsPerRow = (int)(((long)width + 63) / 64);
        _words = new ulong[checked(WordsPerRow * height)];
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels (rows).</summary>
    public int Height { get; }

    /// <summary>Words per row: ceil(<see cref="Width"/> / 64).</summary>
    public int WordsPerRow { get; }

    /// <summary>All rows, one after the other. Writers must keep the padding bits zero.</summary>
    public Span<ulong> Words => _words;

    /// <summary>Gets or sets the pixel at column <paramref name="x"/>, row <paramref name="y"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The pixel lies outside the matrix.</exception>
    public bool this[int x, int y]
    {
        get
        {
            int index = WordIndex(x, y);
            return (_words[index] & (1UL << (x & 63))) != 0;
        }

        set
        {
            int index = WordIndex(x, y);
            ulong bit = 1UL << (x & 63);
            _words[index] = value ? _words[index] | bit : _words[index] & ~bit;
        }
    }

    /// <summary>
    /// Packs an 8-bit image: a pixel is set where its value is greater than <paramref name="threshold"/>.
    /// Row y starts at pixels[y * <paramref name="stride"/>].
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is not positive or the stride is shorter than a row.</exception>
    /// <exception cref="ArgumentException"><paramref name="pixels"/> is too short for the given geometry.</exception>
    public static BitMatrix FromThreshold(ReadOnlySpan<byte> pixels, int width, int height, int stride, byte threshold)
    {
        var matrix = new BitMatrix(width, height);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, width);
        long required = ((long)(height - 1) * stride) + width;
        if (pixels.Length < required)
        {
            throw new ArgumentException($"A {width}×{height} image with stride {stride} needs {required} bytes, got {pixels.Length}.", nameof(pixels));
        }

        for (int y = 0; y < height; y++)
        {
            ByteKernels.PackGreaterThan(pixels.Slice(y * stride, width), threshold, matrix.Row(y));
        }

        return matrix;
    }

    /// <summary>The words of row <paramref name="y"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="y"/> is outside [0, Height).</exception>
    public Span<ulong> Row(int y)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(y);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(y, Height);
        return _words.AsSpan(y * WordsPerRow, WordsPerRow);
    }

    /// <summary>A deep copy.</summary>
    public BitMatrix Clone()
    {
        var copy = new BitMatrix(Width, Height);
        _words.CopyTo(copy._words, 0);
        return copy;
    }

    /// <summary>Unsets every pixel.</summary>
    public void Clear() => Array.Clear(_words);

    /// <summary>Number of set pixels.</summary>
    public long PopCount() => BitKernels.PopCount(_words);

    /// <summary>Number of pixels set in both matrices.</summary>
    /// <exception cref="ArgumentException">The matrices differ in size.</exception>
    public long CountAnd(BitMatrix other)
    {
        ThrowIfSizeDiffers(other, nameof(other));
        return BitKernels.AndPopCount(_words, other._words);
    }

    /// <summary>Number of pixels set in this matrix and unset in <paramref name="other"/> (this &amp; ~other).</summary>
    /// <exception cref="ArgumentException">The matrices differ in size.</exception>
    public long CountAndNot(BitMatrix other)
    {
        ThrowIfSizeDiffers(other, nameof(other));
        return BitKernels.AndNotPopCount(_words, other._words);
    }

    /// <summary>destination = this &amp; other. <paramref name="destination"/> may be this or <paramref name="other"/>.</summary>
    /// <exception cref="ArgumentException">The matrices differ in size.</exception>
    public void AndInto(BitMatrix other, BitMatrix destination)
    {
        ThrowIfSizeDiffers(other, nameof(other));
        ThrowIfSizeDiffers(destination, nameof(destination));
        BitKernels.And(_words, other._words, destination._words);
    }

    /// <summary>destination = this | other. <paramref name="destination"/> may be this or <paramref name="other"/>.</summary>
    /// <exception cref="ArgumentException">The matrices differ in size.</exception>
    public void OrInto(BitMatrix other, BitMatrix destination)
    {
        ThrowIfSizeDiffers(other, nameof(other));
        ThrowIfSizeDiffers(destination, nameof(destination));
        BitKernels.Or(_words, other._words, destination._words);
    }

    /// <summary>destination = this &amp; ~other. <paramref name="destination"/> may be this or <paramref name="other"/>.</summary>
    /// <exception cref="ArgumentException">The matrices differ in size.</exception>
    public void AndNotInto(BitMatrix other, BitMatrix destination)
    {
        ThrowIfSizeDiffers(other, nameof(other));
        ThrowIfSizeDiffers(destination, nameof(destination));
        BitKernels.AndNot(_words, other._words, destination._words);
    }

    /// <summary>
    /// Dilation by the discrete disc {(dx, dy) : dx² + dy² ≤ radius²}: a pixel is set where any pixel of the disc
    /// around it is set. Radius 0 returns a copy.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="radius"/> is negative.</exception>
    public BitMatrix Dilate(int radius)
    {
        var result = new BitMatrix(Width, Height);
        DilateInto(radius, result);
        return result;
    }

    /// <summary><see cref="Dilate(int)"/> into an existing matrix of the same size (not this one), allocating nothing.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="radius"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> differs in size or is this matrix.</exception>
    public void DilateInto(int radius, BitMatrix destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        ThrowIfNotSeparateDestination(destination);
        if (radius == 0)
        {
            _words.CopyTo(destination._words, 0);
            return;
        }

        // Rows further than Height - 1 away never overlap; half-widths beyond Width already cover the whole row.
        Array.Clear(destination._words);
        ApplyDisc(destination, radius, Math.Min(radius, Height - 1), Width, dilate: true);
    }

    /// <summary>
    /// Erosion by the same disc as <see cref="Dilate(int)"/>: a pixel stays set only where every pixel of the disc
    /// around it is set; pixels outside the image count as unset. Radius 0 returns a copy.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="radius"/> is negative.</exception>
    public BitMatrix Erode(int radius)
    {
        var result = new BitMatrix(Width, Height);
        ErodeInto(radius, result);
        return result;
    }

    /// <summary><see cref="Erode(int)"/> into an existing matrix of the same size (not this one), allocating nothing.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="radius"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> differs in size or is this matrix.</exception>
    public void ErodeInto(int radius, BitMatrix destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        ThrowIfNotSeparateDestination(destination);
        if (radius == 0)
        {
            _words.CopyTo(destination._words, 0);
            return;
        }

        // The disc reaches (±radius, 0) and (0, ±radius): at least one of them is outside the image everywhere.
        if (radius >= Width || radius >= Height)
        {
            Array.Clear(destination._words);
            return;
        }

        ulong lastWordMask = BitRows.LastWordMask(Width);
        Array.Fill(destination._words, ulong.MaxValue);
        for (int y = 0; y < Height; y++)
        {
            destination.Row(y)[^1] &= lastWordMask;
        }

        ApplyDisc(destination, radius, radius, Width, dilate: false);
    }

    /// <summary>
    /// Translation search. For every dx in [−maxDx, maxDx] and dy in [−maxDy, maxDy]:
    /// counts[(dy + maxDy) * (2 * maxDx + 1) + (dx + maxDx)] = |{(x, y) in this : this[x, y] ∧ other[x − dx, y − dy]}|,
    /// where <paramref name="other"/> is read in its own coordinates (same origin, sizes may differ) and is unset
    /// outside its bounds.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDx"/> or <paramref name="maxDy"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="counts"/> does not have (2·maxDx + 1)(2·maxDy + 1) elements.</exception>
    public void OverlapAtOffsets(BitMatrix other, int maxDx, int maxDy, Span<int> counts)
    {
        ArgumentNullException.ThrowIfNull(other);
        ArgumentOutOfRangeException.ThrowIfNegative(maxDx);
        ArgumentOutOfRangeException.ThrowIfNegative(maxDy);
        long offsetsPerRow = (2L * maxDx) + 1;
        long expectedCounts = offsetsPerRow * ((2L * maxDy) + 1);
        if (expectedCounts != counts.Length)
        {
            throw new ArgumentException($"Expected (2·maxDx + 1)(2·maxDy + 1) = {expectedCounts} counts, got {counts.Length}.", nameof(counts));
        }

        int wordsPerRow = WordsPerRow;
        ulong lastWordMask = BitRows.LastWordMask(Width);
        SimdPath path = BitKernels.PreferredPopCountPath(_words.Length);

        // Rows of other that some row of this meets for some dy: r = y - dy < Height + maxDy.
        int shiftedRows = (int)Math.Min(other.Height, (long)Height + maxDy);
        int shiftedLength = shiftedRows * wordsPerRow;
        ulong[] rented = ArrayPool<ulong>.Shared.Rent(shiftedLength);
        try
        {
            Span<ulong> shifted = rented.AsSpan(0, shiftedLength);
            for (int dx = -maxDx; dx <= maxDx; dx++)
            {
                int column = dx + maxDx;
                if (dx >= Width || -dx >= other.Width)
                {
                    for (int dy = -maxDy; dy <= maxDy; dy++)
                    {
                        counts[(int)(((dy + maxDy) * offsetsPerRow) + column)] = 0;
                    }

                    continue;
                }

                // other shifted right by dx, in this matrix's row geometry: shifted row r, bit x = other[x - dx, r].
                for (int r = 0; r < shiftedRows; r++)
                {
                    Span<ulong> row = shifted.Slice(r * wordsPerRow, wordsPerRow);
                    BitRows.CopyShifted(other.Row(r), dx, row);
                    row[^1] &= lastWordMask;
                }

                for (int dy = -maxDy; dy <= maxDy; dy++)
                {
                    // Row y of this meets shifted row y - dy, for y in [max(0, dy), min(Height, shiftedRows + dy)).
                    long firstRow = Math.Max(0, dy);
                    long endRow = Math.Min(Height, (long)shiftedRows + dy);
                    long count = 0;
                    if (endRow > firstRow)
                    {
                        int start = (int)firstRow * wordsPerRow;
                        int length = (int)(endRow - firstRow) * wordsPerRow;
                        count = BitKernels.CombinePopCount<AndOperator>(
                            _words.AsSpan(start, length),
                            shifted.Slice((int)(firstRow - dy) * wordsPerRow, length),
                            path);
                    }

                    counts[(int)(((dy + maxDy) * offsetsPerRow) + column)] = (int)count;
                }
            }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Combines into <paramref name="result"/> (all zeros for dilation, all ones for erosion) the rows of this matrix
    /// run-dilated (or run-eroded) horizontally by the disc's half-width at every vertical offset |dy| ≤ maxOffset.
    /// Offsets that share a half-width share one horizontal pass.
    /// </summary>
    private void ApplyDisc(BitMatrix result, int radius, int maxOffset, int maxHalfWidth, bool dilate)
    {
        int wordsPerRow = WordsPerRow;
        ulong lastWordMask = BitRows.LastWordMask(Width);
        ulong[] rented = ArrayPool<ulong>.Shared.Rent(_words.Length + wordsPerRow);
        try
        {
            Span<ulong> runs = rented.AsSpan(0, _words.Length);
            Span<ulong> otherSide = rented.AsSpan(_words.Length, wordsPerRow);
            int offset = 0;
            while (offset <= maxOffset)
            {
                int halfWidth = DiscHalfWidth(radius, offset);
                int lastOffset = offset;
                while (lastOffset < maxOffset && DiscHalfWidth(radius, lastOffset + 1) == halfWidth)
                {
                    lastOffset++;
                }

                int clampedHalfWidth = Math.Min(halfWidth, maxHalfWidth);
                for (int y = 0; y < Height; y++)
                {
                    HorizontalRun(Row(y), clampedHalfWidth, runs.Slice(y * wordsPerRow, wordsPerRow), otherSide, dilate, lastWordMask);
                }

                for (int dy = offset; dy <= lastOffset; dy++)
                {
                    CombineRowsAtOffset(result, runs, dy, dilate);
                    if (dy != 0)
                    {
                        CombineRowsAtOffset(result, runs, -dy, dilate);
                    }
                }

                offset = lastOffset + 1;
            }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(rented);
        }
    }

    /// <summary>result row y (op)= runs row y + dy; for erosion, rows whose partner lies outside the image are cleared.</summary>
    private void CombineRowsAtOffset(BitMatrix result, ReadOnlySpan<ulong> runs, int dy, bool dilate)
    {
        int wordsPerRow = WordsPerRow;
        int firstRow = Math.Max(0, -dy);
        int endRow = Math.Min(Height, Height - dy);
        Span<ulong> target = result._words.AsSpan(firstRow * wordsPerRow, (endRow - firstRow) * wordsPerRow);
        ReadOnlySpan<ulong> source = runs.Slice((firstRow + dy) * wordsPerRow, target.Length);
        if (dilate)
        {
            BitKernels.Or(target, source, target);
            return;
        }

        BitKernels.And(target, source, target);
        result._words.AsSpan(0, firstRow * wordsPerRow).Clear();
        result._words.AsSpan(endRow * wordsPerRow).Clear();
    }

    /// <summary>
    /// destination[x] = OR (dilate) or AND (erode) of row[x − halfWidth .. x + halfWidth], bits outside the row unset:
    /// the combination of a forward window row[x .. x + halfWidth] and a backward window row[x − halfWidth .. x],
    /// each built by doubling (log₂ shift-combines), so that both ends of the row read outside bits as unset.
    /// </summary>
    private static void HorizontalRun(ReadOnlySpan<ulong> row, int halfWidth, Span<ulong> destination, Span<ulong> otherSide, bool dilate, ulong lastWordMask)
    {
        row.CopyTo(destination);
        if (halfWidth == 0)
        {
            return;
        }

        row.CopyTo(otherSide);
        OneSidedWindow(destination, halfWidth + 1L, towardHigher: false, dilate);
        OneSidedWindow(otherSide, halfWidth + 1L, towardHigher: true, dilate);
        for (int w = 0; w < destination.Length; w++)
        {
            destination[w] = dilate ? destination[w] | otherSide[w] : destination[w] & otherSide[w];
        }

        destination[^1] &= lastWordMask;
    }

    /// <summary>
    /// In place, t[x] = op of the original t over a window of <paramref name="window"/> bits starting at x and running
    /// toward lower (t[x − window + 1 .. x]) or higher (t[x .. x + window − 1]) indices. After each doubling step the
    /// window covers <c>covered</c> bits; a last, overlapping step tops it up to the exact length.
    /// </summary>
    private static void OneSidedWindow(Span<ulong> bits, long window, bool towardHigher, bool dilate)
    {
        long direction = towardHigher ? -1 : 1;
        long covered = 1;
        while (covered * 2 <= window)
        {
            BitRows.CombineShiftedInPlace(bits, direction * covered, dilate);
            covered *= 2;
        }

        if (covered < window)
        {
            BitRows.CombineShiftedInPlace(bits, direction * (window - covered), dilate);
        }
    }

    /// <summary>floor(sqrt(radius² − dy²)), exactly: the disc's half-width at vertical offset dy.</summary>
    internal static int DiscHalfWidth(int radius, int dy)
    {
        long remaining = ((long)radius * radius) - ((long)dy * dy);
        long halfWidth = (long)Math.Sqrt(remaining);
        while (halfWidth * halfWidth > remaining)
        {
            halfWidth--;
        }

        while ((halfWidth + 1) * (halfWidth + 1) <= remaining)
        {
            halfWidth++;
        }

        return (int)halfWidth;
    }

    private int WordIndex(int x, int y)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(x);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(x, Width);
        ArgumentOutOfRangeException.ThrowIfNegative(y);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(y, Height);
        return (y * WordsPerRow) + (x >> 6);
    }

    /// <summary>Morphology reads this matrix's rows after it has started writing the destination, so they must differ.</summary>
    private void ThrowIfNotSeparateDestination(BitMatrix destination)
    {
        ThrowIfSizeDiffers(destination, nameof(destination));
        if (ReferenceEquals(destination, this))
        {
            throw new ArgumentException("The destination must be a different matrix from the source.", nameof(destination));
        }
    }

    private void ThrowIfSizeDiffers(BitMatrix other, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(other, parameterName);
        if (other.Width != Width || other.Height != Height)
        {
            ThrowHelper.ThrowSizeMismatch(parameterName);
        }
    }
}
