using OpenCvSharp;

namespace SealMatch.Engine.Imaging;

/// <summary>
/// Bounds-checked, allocation-free reads of an 8-bit single-channel <see cref="Mat"/> (also a
/// region of interest, which is not continuous). The Mat must outlive the view.
/// </summary>
internal readonly unsafe ref struct ByteImage
{
    private readonly byte* _data;
    private readonly long _step;

    public ByteImage(Mat image)
    {
        if (image.Type() != MatType.CV_8UC1)
        {
            throw new ArgumentException("Expected an 8-bit single-channel image.", nameof(image));
        }

        _data = (byte*)image.DataPointer;
        _step = image.Step();
        Width = image.Cols;
        Height = image.Rows;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The pixel at (x, y); 0 outside the image.</summary>
    public byte this[int x, int y] => (uint)x < (uint)Width && (uint)y < (uint)Height ? _data[y * _step + x] : (byte)0;

    /// <summary>Whether any pixel within the square of half-side <paramref name="reach"/> around (x, y) is set.</summary>
    public bool AnyAround(int x, int y, int reach)
    {
        int x0 = Math.Max(0, x - reach), x1 = Math.Min(Width - 1, x + reach);
        int y0 = Math.Max(0, y - reach), y1 = Math.Min(Height - 1, y + reach);
        for (int yy = y0; yy <= y1; yy++)
        {
            byte* row = _data + yy * _step;
            for (int xx = x0; xx <= x1; xx++)
            {
                if (row[xx] != 0)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
