using System.Numerics.Tensors;

namespace SealMatch.Engine.Matching;

/// <summary>
/// Similarity of float feature vectors (embeddings). Thin, validated wrappers over
/// <see cref="TensorPrimitives"/>, which already vectorises these reductions; results may differ from
/// <c>VectorKernelsScalar</c> in the last bits (summation order), so store a score rather than recompute it.
/// </summary>
public static class VectorKernels
{
    /// <summary>
    /// a·b / (|a|·|b|). Returns 0 for empty vectors or when either vector is all zeros; NaN in an input propagates.
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static float CosineSimilarity(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        ThrowHelper.ThrowIfLengthDiffers(a.Length, b.Length, nameof(b));
        if (a.IsEmpty)
        {
            return 0;
        }

        float similarity = TensorPrimitives.CosineSimilarity(a, b);
        return float.IsNaN(similarity) && (IsZero(a) || IsZero(b)) ? 0 : similarity;
    }

    /// <summary>Σ (a[i] − b[i])²; 0 for empty vectors.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static float SquaredEuclideanDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        ThrowHelper.ThrowIfLengthDiffers(a.Length, b.Length, nameof(b));
        if (a.IsEmpty)
        {
            return 0;
        }

        float distance = TensorPrimitives.Distance(a, b);
        return distance * distance;
    }

    /// <summary>
    /// similarities[r] = cosine similarity of <paramref name="query"/> and row r of the row-major
    /// <paramref name="gallery"/> (rows of <paramref name="dimension"/> floats), with the same conventions as
    /// <see cref="CosineSimilarity"/>. The query's norm is computed once.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> is negative.</exception>
    /// <exception cref="ArgumentException">A span's length does not match <paramref name="dimension"/> and the number of similarities.</exception>
    public static void CosineSimilarities(ReadOnlySpan<float> query, ReadOnlySpan<float> gallery, int dimension, Span<float> similarities)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        ThrowHelper.ThrowIfLengthDiffers(dimension, query.Length, nameof(query));
        long galleryLength = (long)dimension * similarities.Length;
        if (galleryLength != gallery.Length)
        {
            throw new ArgumentException($"Expected {similarities.Length} rows of {dimension} floats ({galleryLength}), got {gallery.Length}.", nameof(gallery));
        }

        if (dimension == 0)
        {
            similarities.Clear();
            return;
        }

        float queryNorm = MathF.Sqrt(TensorPrimitives.SumOfSquares(query));
        for (int row = 0; row < similarities.Length; row++)
        {
            ReadOnlySpan<float> candidate = gallery.Slice(row * dimension, dimension);
            float dot = TensorPrimitives.Dot(query, candidate);
            float denominator = queryNorm * MathF.Sqrt(TensorPrimitives.SumOfSquares(candidate));
            similarities[row] = denominator == 0 && !float.IsNaN(dot) ? 0 : dot / denominator;
        }
    }

    private static bool IsZero(ReadOnlySpan<float> values) => TensorPrimitives.SumOfSquares(values) == 0;
}
