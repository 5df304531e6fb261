namespace SealMatch.Engine.Signatures;

/// <summary>
/// How far a questioned signature lies from a signatory's references, in cosine distance
/// (1 − cosine similarity of the embeddings), raw and relative to the references' own spread.
/// </summary>
/// <param name="Nearest">Distance to the closest reference.</param>
/// <param name="Mean">Mean distance to the references.</param>
/// <param name="Spread">
/// Spread of the references used for normalising: their mean pairwise distance shrunk towards the
/// calibrated prior (the prior alone with one reference).
/// </param>
/// <param name="References">Number of references.</param>
public sealed record SignatureDistances(double Nearest, double Mean, double Spread, int References)
{
    /// <summary>Mean distance over the references' spread: about 1 for a signature as varied as the references.</summary>
    public double RelativeMean => Mean / Spread;

    /// <summary>Nearest distance over the references' spread.</summary>
    public double RelativeNearest => Nearest / Spread;

    /// <summary>
    /// Measures a questioned embedding against references (all L2-normalised, same dimension).
    /// </summary>
    /// <param name="questioned">The questioned signature's embedding.</param>
    /// <param name="references">The signatory's reference embeddings (at least one).</param>
    /// <param name="priorSpread">The typical spread among one writer's references.</param>
    /// <exception cref="ArgumentException">No references, or dimensions differ.</exception>
    public static SignatureDistances Measure(ReadOnlySpan<float> questioned, IReadOnlyList<float[]> references, double priorSpread)
    {
        ArgumentNullException.ThrowIfNull(references);
        if (references.Count == 0)
        {
            throw new ArgumentException("At least one reference is needed.", nameof(references));
        }

        double nearest = double.MaxValue, sum = 0;
        foreach (float[] r in references)
        {
            double d = Distance(questioned, r);
            nearest = Math.Min(nearest, d);
            sum += d;
        }

        // Shrink the observed spread towards the prior as if the prior were one more pair.
        double pairSum = 0;
        int pairs = 0;
        for (int i = 0; i < references.Count; i++)
        {
            for (int j = i + 1; j < references.Count; j++)
            {
                pairSum += Distance(references[i], references[j]);
                pairs++;
            }
        }

        double spread = Math.Max(1e-3, (pairSum + priorSpread) / (pairs + 1));
        return new SignatureDistances(nearest, sum / references.Count, spread, references.Count);
    }

    /// <summary>Cosine distance between two L2-normalised embeddings.</summary>
    /// <exception cref="ArgumentException">The dimensions differ.</exception>
    public static double Distance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Embeddings of {a.Length} and {b.Length} values cannot be compared.", nameof(b));
        }

        return 1 - System.Numerics.Tensors.TensorPrimitives.Dot(a, b);
    }
}

/// <summary>The decision model's inputs: raw and spread-normalised distances.</summary>
public static class SignatureFeatures
{
    /// <summary>Input names, in order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["mean_distance", "nearest_distance", "relative_mean", "relative_nearest"];

    /// <summary>Transforms distances into model inputs.</summary>
    public static double[] Compute(SignatureDistances d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return [d.Mean, d.Nearest, Math.Min(d.RelativeMean, 5), Math.Min(d.RelativeNearest, 5)];
    }
}
