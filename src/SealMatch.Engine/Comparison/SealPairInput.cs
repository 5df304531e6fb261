using OpenCvSharp;
using SealMatch.Engine.Models;

namespace SealMatch.Engine.Comparison;

/// <summary>
/// The input of the learned pair model (<c>models/seal-pair.onnx</c>): a registered
/// specimen/impression pair in the specimen's canonical frame, padded to a square and reduced to
/// <see cref="Side"/> × <see cref="Side"/> pixels. Built by the same code for the training export
/// (<c>sealmatch export seal-pairs</c>) and at serving time, so that the model sees exactly what it
/// was trained on.
/// </summary>
/// <remarks>
/// Channels, each 8-bit (the tensor is the byte divided by 255):
/// 0 the specimen's ink strength; 1 the impression's ink strength warped into the specimen frame,
/// zero where it is unknown; 2 where both are observed (255) or unknown (0); 3 the impression's
/// fine texture (absolute difference from its own 3×3 Gaussian blur, ×4, where observed), which a
/// printed copy's halftone raises. Reduction is by area averaging, so thin strokes stay visible.
/// </remarks>
public static class SealPairInput
{
    /// <summary>Name of the pair model under <c>models/</c>.</summary>
    public const string ModelName = "seal-pair";

    /// <summary>Channels of the input.</summary>
    public const int Channels = 4;

    /// <summary>Width and height of each channel, in pixels.</summary>
    public const int Side = 128;

    /// <summary>Bytes (and tensor values) in one input.</summary>
    public const int Length = Channels * Side * Side;

    /// <summary>Logits are clipped to ±this before they enter the score model: a saturated network carries no further evidence.</summary>
    public const double MaxLogit = 12;

    /// <summary>The model's input shape for one pair.</summary>
    public static ReadOnlySpan<long> Shape => [1, Channels, Side, Side];

    /// <summary>
    /// Builds the input from the specimen's canonical strength, the impression's strength warped into
    /// the specimen's canvas and the mask of pixels observed in both (all 8-bit, same size).
    /// </summary>
    /// <returns><see cref="Length"/> bytes, channel-major then row-major.</returns>
    internal static byte[] Build(Mat specimen, Mat warpedImpression, Mat observed)
    {
        ArgumentNullException.ThrowIfNull(specimen);
        ArgumentNullException.ThrowIfNull(warpedImpression);
        ArgumentNullException.ThrowIfNull(observed);
        if (specimen.Size() != warpedImpression.Size() || specimen.Size() != observed.Size()
            || specimen.Type() != MatType.CV_8UC1 || warpedImpression.Type() != MatType.CV_8UC1 || observed.Type() != MatType.CV_8UC1)
        {
            throw new ArgumentException("Specimen, impression and mask must be 8-bit single-channel images of one size.");
        }

        using var impression = new Mat();
        Cv2.BitwiseAnd(warpedImpression, observed, impression);
        using var blurred = new Mat();
        Cv2.GaussianBlur(warpedImpression, blurred, new Size(3, 3), 0.8, 0.8, BorderTypes.Replicate);
        using var texture = new Mat();
        Cv2.Absdiff(warpedImpression, blurred, texture);
        texture.ConvertTo(texture, MatType.CV_8UC1, 4.0);
        Cv2.BitwiseAnd(texture, observed, texture);

        var input = new byte[Length];
        Reduce(specimen, input.AsSpan(0 * Side * Side, Side * Side));
        Reduce(impression, input.AsSpan(1 * Side * Side, Side * Side));
        Reduce(observed, input.AsSpan(2 * Side * Side, Side * Side));
        Reduce(texture, input.AsSpan(3 * Side * Side, Side * Side));
        return input;
    }

    /// <summary>The float tensor the model takes: each byte divided by 255.</summary>
    public static float[] ToTensor(ReadOnlySpan<byte> input)
    {
        if (input.Length % Length != 0)
        {
            throw new ArgumentException($"An input holds {Length} bytes.", nameof(input));
        }

        var tensor = new float[input.Length];
        for (int i = 0; i < input.Length; i++)
        {
            tensor[i] = input[i] / 255f;
        }

        return tensor;
    }

    /// <summary>The model's logit (positive: genuine) for one input, clipped to ±<see cref="MaxLogit"/>.</summary>
    public static double Score(OnnxModel model, ReadOnlySpan<byte> input)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (input.Length != Length)
        {
            throw new ArgumentException($"An input holds {Length} bytes.", nameof(input));
        }

        float[] output = model.Run(ToTensor(input), Shape);
        return Math.Clamp(output[0], -MaxLogit, MaxLogit);
    }

    /// <summary>Pads <paramref name="image"/> to a centred square with zeros and reduces it to <see cref="Side"/>² by area averaging.</summary>
    private static void Reduce(Mat image, Span<byte> destination)
    {
        int side = Math.Max(image.Cols, image.Rows);
        int left = (side - image.Cols) / 2, top = (side - image.Rows) / 2;
        using var square = new Mat();
        Cv2.CopyMakeBorder(image, square, top, side - image.Rows - top, left, side - image.Cols - left, BorderTypes.Constant, Scalar.All(0));
        using var small = new Mat();
        Cv2.Resize(square, small, new Size(Side, Side), 0, 0, side >= Side ? InterpolationFlags.Area : InterpolationFlags.Linear);
        small.AsSpan<byte>().CopyTo(destination);
    }
}
