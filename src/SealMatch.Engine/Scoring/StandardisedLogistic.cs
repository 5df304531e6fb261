namespace SealMatch.Engine.Scoring;

/// <summary>
/// The calibrated models' shared arithmetic: a logistic regression over standardised features,
/// p = σ(bias + Σ wᵢ (xᵢ − μᵢ) / sᵢ). Seal and signature score models differ only in their features.
/// </summary>
internal static class StandardisedLogistic
{
    /// <summary>The probability for features <paramref name="x"/>; every vector has the features' length.</summary>
    public static double Probability(
        ReadOnlySpan<double> x, IReadOnlyList<double> means, IReadOnlyList<double> scales, IReadOnlyList<double> weights, double bias)
    {
        double z = bias;
        for (int i = 0; i < x.Length; i++)
        {
            z += weights[i] * (x[i] - means[i]) / scales[i];
        }

        return 1 / (1 + Math.Exp(-z));
    }
}
