namespace SealMatch.Evaluation.Metrics;

/// <summary>Descriptive statistics and confidence intervals for reporting evaluation results.</summary>
public static class Statistics
{
    /// <summary>The median: <see cref="Percentile"/> at 50.</summary>
    /// <exception cref="ArgumentException">The list is empty or holds a non-finite value.</exception>
    public static double Median(IReadOnlyList<double> values) => Percentile(values, 50.0);

    /// <summary>
    /// The <paramref name="p"/>-th percentile (0..100) with linear interpolation between order
    /// statistics: with the values sorted as v[0..n−1], the rank is r = p / 100 · (n − 1) and the
    /// result is v[⌊r⌋] + (r − ⌊r⌋) · (v[⌊r⌋+1] − v[⌊r⌋]). This is the "linear" method of NumPy and
    /// Excel's PERCENTILE.INC; 0 gives the minimum and 100 the maximum.
    /// </summary>
    /// <exception cref="ArgumentException">The list is empty or holds a non-finite value.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is not in [0, 100].</exception>
    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        ScoreValidation.RequireNonEmptyFinite(values, nameof(values));
        if (!(p >= 0.0 && p <= 100.0))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "The percentile must lie in [0, 100].");
        }

        double[] sorted = ScoreValidation.SortedCopy(values);
        double rank = p / 100.0 * (sorted.Length - 1);
        int lower = (int)Math.Floor(rank);
        if (lower >= sorted.Length - 1)
        {
            return sorted[^1];
        }

        double fraction = rank - lower;
        return sorted[lower] + (fraction * (sorted[lower + 1] - sorted[lower]));
    }

    /// <summary>
    /// The Wilson score interval for a binomial proportion: <paramref name="successes"/> events out of
    /// <paramref name="n"/> trials, at the normal quantile <paramref name="z"/> (1.96 for 95 %).
    /// Unlike the normal approximation it stays informative at 0 events: 0 / 2000 gives [0, 0.19 %].
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="n"/> is not positive, <paramref name="successes"/> is outside [0, n],
    /// or <paramref name="z"/> is not a positive finite number.
    /// </exception>
    public static (double Low, double High) WilsonInterval(int successes, int n, double z = 1.96)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, n);
        if (!(double.IsFinite(z) && z > 0.0))
        {
            throw new ArgumentOutOfRangeException(nameof(z), z, "z must be a positive finite number.");
        }

        double trials = n;
        double rate = successes / trials;
        double z2 = z * z;
        double denominator = 1.0 + (z2 / trials);
        double centre = (rate + (z2 / (2.0 * trials))) / denominator;
        double halfWidth = z / denominator * Math.Sqrt((rate * (1.0 - rate) / trials) + (z2 / (4.0 * trials * trials)));

        // At the ends the exact bound is 0 or 1; rounding would otherwise leave a tiny residue.
        double low = successes == 0 ? 0.0 : Math.Max(0.0, centre - halfWidth);
        double high = successes == n ? 1.0 : Math.Min(1.0, centre + halfWidth);
        return (low, high);
    }
}
