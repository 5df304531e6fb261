using System.Buffers;
using System.Numerics.Tensors;
using OpenCvSharp;
using SealMatch.Engine.Models;

namespace SealMatch.Engine.Comparison;

/// <summary>
/// The input of the learned pair model (<c>models/seal-pair.onnx</c>): a registered
/// specimen/impression pair in the specimen's canonical frame at its full resolution (0.1 mm per
/// pixel), centred in a square whose side is a multiple of <see cref="Granule"/>. Built by the same
/// code for the training export (<c>sealmatch export seal-pairs</c>) and at serving time, so that the
/// model sees exactly what it was trained on.
/// </summary>
/// <remarks>
/// <para>
/// Channels, each 8-bit (the tensor is the byte divided by 255):
/// 0 the specimen's ink strength; 1 the impression's ink strength warped into the specimen frame,
/// zero where it is unknown; 2 where both are observed (255) or unknown (0); 3 the impression's
/// fine texture (absolute difference from its own 3×3 Gaussian blur, ×4, where observed), which a
/// printed copy's halftone raises.
/// </para>
/// <para>
/// The resolution is kept because the changes of a re-carved seal (F1) are small: a character moved
/// by 0.2 mm is two pixels here. A canvas wider than <see cref="MaxSide"/> (a seal over about 48 mm)
/// is reduced by area averaging to <see cref="MaxSide"/>; the network is fully convolutional with
/// global pooling, so every side is valid.
/// </para>
/// </remarks>
public static class SealPairInput
{
    /// <summary>Name of the pair model under <c>models/</c>.</summary>
    public const string ModelName = "seal-pair";

    /// <summary>Version of the input layout; the model card and the training export record it.</summary>
    public const int Version = 2;

    /// <summary>Channels of the input.</summary>
    public const int Channels = 4;

    /// <summary>Every side is a multiple of this (the network halves the resolution five times).</summary>
    public const int Granule = 32;

    /// <summary>Largest side, in pixels; larger canvases are reduced to it.</summary>
    public const int MaxSide = 512;

    /// <summary>Logits are clipped to ±this before they enter the score model: a saturated network carries no further evidence.</summary>
    public const double MaxLogit = 12;

    /// <summary>One input: <see cref="Channels"/> planes of <see cref="Side"/> × <see cref="Side"/> bytes, channel-major then row-major.</summary>
    /// <param name="Data">The bytes.</param>
    /// <param name="Side">Width and height of each plane.</param>
    public sealed record Pair(byte[] Data, int Side)
    {
        /// <summary>The model's input shape for this pair.</summary>
        public long[] Shape => [1, Channels, Side, Side];
    }

    /// <summary>The side of the input made from a canvas of <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    public static int SideFor(int width, int height)
    {
        int longest = Math.Max(Math.Max(width, height), 1);
        return longest > MaxSide ? MaxSide : (longest + Granule - 1) / Granule * Granule;
    }

    /// <summary>
    /// Builds the input from the specimen's canonical strength, the impression's strength warped into
    /// the specimen's canvas and the mask of pixels observed in both (all 8-bit, same size).
    /// </summary>
    internal static Pair Build(Mat specimen, Mat warpedImpression, Mat observed)
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

        int side = SideFor(specimen.Cols, specimen.Rows);
        int plane = side * side;
        var data = new byte[Channels * plane];
        Place(specimen, side, data.AsSpan(0 * plane, plane));
        Place(impression, side, data.AsSpan(1 * plane, plane));
        Place(observed, side, data.AsSpan(2 * plane, plane));
        Place(texture, side, data.AsSpan(3 * plane, plane));
        return new Pair(data, side);
    }

    /// <summary>The float tensor the model takes: each byte divided by 255.</summary>
    public static float[] ToTensor(ReadOnlySpan<byte> input)
    {
        var tensor = new float[input.Length];
        Fill(input, tensor);
        return tensor;
    }

    /// <summary>The model's logit (positive: genuine) for one input, clipped to ±<see cref="MaxLogit"/>.</summary>
    public static double Score(OnnxModel model, Pair input)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(input);
        if (input.Data.Length != Channels * input.Side * input.Side)
        {
            throw new ArgumentException($"A pair of side {input.Side} holds {Channels * input.Side * input.Side} bytes.", nameof(input));
        }

        // The tensor (up to 4 MB) comes from the shared pool: one per comparison would churn the large-object heap.
        int n = input.Data.Length;
        float[] buffer = ArrayPool<float>.Shared.Rent(n);
        try
        {
            Fill(input.Data, buffer.AsSpan(0, n));
            float[] output = model.Run(buffer.AsMemory(0, n), input.Shape);
            return Math.Clamp(output[0], -MaxLogit, MaxLogit);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    /// <summary>Each byte divided by 255, as the training script does (<c>x.float().div_(255.0)</c>).</summary>
    private static void Fill(ReadOnlySpan<byte> input, Span<float> tensor)
    {
        TensorPrimitives.ConvertTruncating<byte, float>(input, tensor);
        TensorPrimitives.Divide(tensor, 255f, tensor);
    }

    /// <summary>
    /// Centres <paramref name="image"/> in a zero square of <paramref name="side"/> pixels; when the
    /// image is larger, pads it to a centred square and reduces that by area averaging.
    /// </summary>
    private static void Place(Mat image, int side, Span<byte> destination)
    {
        int longest = Math.Max(image.Cols, image.Rows);
        int square = Math.Max(longest, side);
        int left = (square - image.Cols) / 2, top = (square - image.Rows) / 2;
        using var padded = new Mat();
        Cv2.CopyMakeBorder(image, padded, top, square - image.Rows - top, left, square - image.Cols - left, BorderTypes.Constant, Scalar.All(0));
        if (square == side)
        {
            padded.AsSpan<byte>().CopyTo(destination);
            return;
        }

        using var small = new Mat();
        Cv2.Resize(padded, small, new Size(side, side), 0, 0, InterpolationFlags.Area);
        small.AsSpan<byte>().CopyTo(destination);
    }
}
