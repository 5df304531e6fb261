namespace SealMatch.Engine.Matching;

/// <summary>
/// A float image and its validity for sampling through a warp at scattered points: both stored with a
/// one-pixel border of zeros, so that a bilinear sample whose nearest pixel lies inside the image reads
/// its four neighbours without a bounds check, and a neighbour outside reads 0 as OpenCV's constant
/// border does.
/// </summary>
internal sealed class PaddedImage
{
    /// <summary>Copies <paramref name="values"/> (row-major, <paramref name="width"/> × <paramref name="height"/>) and marks pixels whose <paramref name="validity"/> is above <paramref name="validAbove"/>.</summary>
    public PaddedImage(ReadOnlySpan<float> values, ReadOnlySpan<byte> validity, int width, int height, byte validAbove)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        ThrowHelper.ThrowIfLengthDiffers(width * height, values.Length, nameof(values));
        ThrowHelper.ThrowIfLengthDiffers(width * height, validity.Length, nameof(validity));
        Width = width;
        Height = height;
        Stride = width + 2;
        Values = new float[Stride * (height + 2)];
        Valid = new float[Stride * (height + 2)];
        for (int y = 0; y < height; y++)
        {
            values.Slice(y * width, width).CopyTo(Values.AsSpan((y + 1) * Stride + 1, width));
            for (int x = 0; x < width; x++)
            {
                Valid[(y + 1) * Stride + x + 1] = validity[y * width + x] > validAbove ? 1f : 0f;
            }
        }
    }

    /// <summary>Width of the image (without the border).</summary>
    public int Width { get; }

    /// <summary>Height of the image (without the border).</summary>
    public int Height { get; }

    /// <summary>Row length of <see cref="Values"/> and <see cref="Valid"/>: width + 2.</summary>
    public int Stride { get; }

    /// <summary>Values with the zero border: pixel (x, y) at (y + 1)·Stride + x + 1.</summary>
    public float[] Values { get; }

    /// <summary>1 where the pixel is valid, 0 elsewhere and on the border; same layout as <see cref="Values"/>.</summary>
    public float[] Valid { get; }
}

/// <summary>
/// A 2×3 affine map from template pixels to image pixels, u = m00·x + m01·y + m02, v = m10·x + m11·y + m12,
/// evaluated in float in this order by every path so that all of them sample the same points.
/// </summary>
internal readonly record struct AffineMap(float M00, float M01, float M02, float M10, float M11, float M12);

/// <summary>The sums of one Gauss–Newton step for a 4-parameter warp: b = Σ SDᵀ·e and the upper triangle of H = Σ SDᵀ·SD.</summary>
internal struct GaussNewtonSums
{
    public double B0, B1, B2, B3;
    public double H00, H01, H02, H03, H11, H12, H13, H22, H23, H33;

    /// <summary>Pixels that were sampled (valid nearest pixel inside the image).</summary>
    public int Count;

    /// <summary>Adds the sums of more pixels.</summary>
    public void Add(in GaussNewtonSums other)
    {
        B0 += other.B0;
        B1 += other.B1;
        B2 += other.B2;
        B3 += other.B3;
        H00 += other.H00;
        H01 += other.H01;
        H02 += other.H02;
        H03 += other.H03;
        H11 += other.H11;
        H12 += other.H12;
        H13 += other.H13;
        H22 += other.H22;
        H23 += other.H23;
        H33 += other.H33;
        Count += other.Count;
    }
}
