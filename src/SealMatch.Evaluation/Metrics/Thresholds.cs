namespace SealMatch.Evaluation.Metrics;

/// <summary>
/// Thresholds that meet an error-rate target, under the decision "accept iff score ≥ threshold"
/// and with rates computed exactly as <see cref="ErrorRates"/> computes them.
/// </summary>
public static class Thresholds
{
    /// <summary>
    /// The smallest threshold t with <c>ErrorRates.FalseAcceptRate(impostor, t) ≤ maxFar</c>.
    /// </summary>
    /// <remarks>
    /// With n impostor scores, let k be the largest count with k / n ≤ <paramref name="maxFar"/>.
    /// If k = n every threshold qualifies and <see cref="double.NegativeInfinity"/> is returned.
    /// Otherwise the result is <see cref="Math.BitIncrement"/> of the (k+1)-th largest impostor score:
    /// the next double above it, so that score and every score tied with it are rejected.
    /// With maxFar = 0 this is just above the largest impostor score. Because of ties
    /// the achieved FAR can be well below the target (all impostors tied gives FAR 0 for any target &lt; 1).
    /// </remarks>
    /// <exception cref="ArgumentException">The list is empty or holds a non-finite score.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The target is not in [0, 1].</exception>
    public static double ForMaximumFalseAcceptRate(IReadOnlyList<double> impostor, double maxFar)
    {
        ScoreValidation.RequireNonEmptyFinite(impostor, nameof(impostor));
        ScoreValidation.RequireRate(maxFar, nameof(maxFar));

        int n = impostor.Count;
        int allowed = LargestCountWithin(n, maxFar);
        if (allowed >= n)
        {
            return double.NegativeInfinity;
        }

        double[] sorted = ScoreValidation.SortedCopy(impostor);

        // At most `allowed` scores may be ≥ t, so t must exceed the (allowed+1)-th largest score.
        return Math.BitIncrement(sorted[n - 1 - allowed]);
    }

    /// <summary>
    /// The largest threshold t with <c>ErrorRates.FalseRejectRate(genuine, t) ≤ maxFrr</c>.
    /// </summary>
    /// <remarks>
    /// With n genuine scores sorted ascending as g[0..n−1], let k be the largest count with
    /// k / n ≤ <paramref name="maxFrr"/>. If k = n every threshold qualifies and
    /// <see cref="double.PositiveInfinity"/> is returned. Otherwise the result is g[k] itself: at t = g[k]
    /// at most k scores lie strictly below t, and any larger t rejects g[k] as well. Scores tied with
    /// g[k] are all accepted, so ties can make the achieved FRR lower than the target. With
    /// maxFrr = 0 this is the smallest genuine score.
    /// </remarks>
    /// <exception cref="ArgumentException">The list is empty or holds a non-finite score.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The target is not in [0, 1].</exception>
    public static double ForMaximumFalseRejectRate(IReadOnlyList<double> genuine, double maxFrr)
    {
        ScoreValidation.RequireNonEmptyFinite(genuine, nameof(genuine));
        ScoreValidation.RequireRate(maxFrr, nameof(maxFrr));

        int n = genuine.Count;
        int allowed = LargestCountWithin(n, maxFrr);
        if (allowed >= n)
        {
            return double.PositiveInfinity;
        }

        double[] sorted = ScoreValidation.SortedCopy(genuine);
        return sorted[allowed];
    }

    /// <summary>
    /// The largest k in [0, n] with k / (double)n ≤ rate, evaluated with the same division as
    /// <see cref="ErrorRates"/> so that rounding in rate · n cannot move the answer by one.
    /// </summary>
    internal static int LargestCountWithin(int n, double rate)
    {
        int k = (int)Math.Min(n, Math.Floor(rate * n));
        while (k < n && (k + 1) / (double)n <= rate)
        {
            k++;
        }

        while (k > 0 && k / (double)n > rate)
        {
            k--;
        }

        return k;
    }
}
