using SealMatch.Engine.Geometry;

namespace SealMatch.Engine.Signatures;

/// <summary>
/// A signature normalised for the embedding model: the ink alone on a fixed canvas
/// (<see cref="Width"/> × <see cref="Height"/>), cropped, centred with its aspect kept, and with the
/// stroke contrast normalised. 8-bit, 255 is paper and 0 full ink, so it can be saved and looked at.
/// </summary>
public sealed class SignatureImage
{
    /// <summary>Canvas width in pixels.</summary>
    public const int Width = 192;

    /// <summary>Canvas height in pixels.</summary>
    public const int Height = 96;

    /// <summary>Version of the preprocessing; stored with templates so that old ones are recomputed.</summary>
    public const int PreprocessingVersion = 1;

    private readonly byte[] _pixels;

    /// <summary>Wraps canvas pixels (row-major, <see cref="Width"/> × <see cref="Height"/>, 255 paper, 0 ink).</summary>
    /// <exception cref="ArgumentException">The buffer is not the canvas size.</exception>
    public SignatureImage(byte[] pixels, PixelBox inkBox)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.Length != Width * Height)
        {
            throw new ArgumentException($"A signature canvas has {Width * Height} pixels; got {pixels.Length}.", nameof(pixels));
        }

        _pixels = pixels;
        InkBox = inkBox;
    }

    /// <summary>The canvas pixels (row-major, 255 paper, 0 ink).</summary>
    public ReadOnlySpan<byte> Pixels => _pixels;

    /// <summary>Where the signature's ink was found, in pixels of the scan it came from.</summary>
    public PixelBox InkBox { get; }

    /// <summary>
    /// The model's input: shape [1, 1, <see cref="Height"/>, <see cref="Width"/>], ink amount in
    /// [0, 1] (0 paper). The training script computes exactly <c>(255 - pixel) / 255</c> from the
    /// saved canvas.
    /// </summary>
    public float[] ToTensor()
    {
        var tensor = new float[_pixels.Length];
        for (int i = 0; i < tensor.Length; i++)
        {
            tensor[i] = (255 - _pixels[i]) / 255f;
        }

        return tensor;
    }

    /// <summary>The canvas as an 8-bit greyscale PNG.</summary>
    public byte[] EncodePng()
    {
        using var mat = OpenCvSharp.Mat.FromPixelData(Height, Width, OpenCvSharp.MatType.CV_8UC1, _pixels);
        return mat.ImEncode(".png");
    }
}
