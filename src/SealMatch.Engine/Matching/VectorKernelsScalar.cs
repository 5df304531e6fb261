namespace SealMatch.Engine.Matching;

/// <summary>
/// Plain-loop references for <see cref="VectorKernels"/>, accumulated in double so that they are at least as
/// accurate as the vectorised float paths they check. Lengths are validated by the public kernels, not here.
/// </summary>
internal static class VectorKernelsScalar
{
    /// <summary>Σ a·b / (sqrt(Σ a²) · sqrt(Σ b²)); 0 for empty or all-zero vectors.</summary>
    public static float CosineSimilarity(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            normA += (double)a[i] * a[i];
            normB += (double)b[i] * b[i];
        }

        return normA == 0 || normB == 0 ? 0 : (float)(dot / (Math.Sqrt(normA) * Math.Sqrt(normB)));
    }

    /// <summary>Σ (a[i] − b[i])².</summary>
    public static float SquaredEuclideanDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double difference = (double)a[i] - b[i];
            sum += difference * difference;
        }

        return (float)sum;
    }

    /// <summary>similarities[r] = CosineSimilarity(query, gallery row r).</summary>
    public static void CosineSimilarities(ReadOnlySpan<float> query, ReadOnlySpan<float> gallery, int dimension, Span<float> similarities)
    {
        for (int row = 0; row < similarities.Length; row++)
        {
            similarities[row] = CosineSimilarity(query, gallery.Slice(row * dimension, dimension));
        }
    }
}
