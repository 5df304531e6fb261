namespace SealMatch.Engine.Matching;

/// <summary>
/// Sums over the pixels where a mask is set, enough for the normalised cross-correlation of two 8-bit images.
/// </summary>
/// <param name="Count">Number of masked pixels.</param>
/// <param name="SumA">Σ a.</param>
/// <param name="SumB">Σ b.</param>
/// <param name="SumAA">Σ a².</param>
/// <param name="SumBB">Σ b².</param>
/// <param name="SumAB">Σ a·b.</param>
public readonly record struct MaskedMoments(long Count, long SumA, long SumB, long SumAA, long SumBB, long SumAB)
{
    /// <summary>
    /// Normalised cross-correlation (Pearson's r) of a and b over the mask, in [−1, 1]; 0 when it is undefined
    /// (no masked pixels, or either image constant over the mask).
    /// </summary>
    public double Correlation
    {
        get
        {
            // n²·covariance and n²·variances, exactly: the products overflow long for large images.
            Int128 covariance = ((Int128)Count * SumAB) - ((Int128)SumA * SumB);
            Int128 varianceA = ((Int128)Count * SumAA) - ((Int128)SumA * SumA);
            Int128 varianceB = ((Int128)Count * SumBB) - ((Int128)SumB * SumB);
            if (Count == 0 || varianceA <= 0 || varianceB <= 0)
            {
                return 0;
            }

            double correlation = (double)covariance / (Math.Sqrt((double)varianceA) * Math.Sqrt((double)varianceB));
            return Math.Clamp(correlation, -1, 1);
        }
    }
}
