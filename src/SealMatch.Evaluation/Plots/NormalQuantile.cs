namespace SealMatch.Evaluation.Plots;

/// <summary>The standard normal quantile function Φ⁻¹ (probit), used for DET axes.</summary>
internal static class NormalQuantile
{
    // Rational approximations of P. J. Acklam (relative error below 1.2e-9), ample for plotting.
    private static readonly double[] CentralNumerator =
        [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];

    private static readonly double[] CentralDenominator =
        [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];

    private static readonly double[] TailNumerator =
        [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];

    private static readonly double[] TailDenominator =
        [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];

    private const double TailBreak = 0.02425;

    /// <summary>Φ⁻¹(p); −∞ at 0 and +∞ at 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1] or NaN.</exception>
    public static double Inverse(double p)
    {
        if (!(p >= 0.0 && p <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A probability must lie in [0, 1].");
        }

        if (p == 0.0)
        {
            return double.NegativeInfinity;
        }

        if (p == 1.0)
        {
            return double.PositiveInfinity;
        }

        if (p < TailBreak)
        {
            return LowerTail(p);
        }

        if (p > 1.0 - TailBreak)
        {
            // Symmetry Φ⁻¹(p) = −Φ⁻¹(1 − p) keeps the upper tail as accurate as the lower one.
            return -LowerTail(1.0 - p);
        }

        double q = p - 0.5;
        double r = q * q;
        return Polynomial(CentralNumerator, r) * q / ((Polynomial(CentralDenominator, r) * r) + 1.0);
    }

    private static double LowerTail(double p)
    {
        double q = Math.Sqrt(-2.0 * Math.Log(p));
        return Polynomial(TailNumerator, q) / ((Polynomial(TailDenominator, q) * q) + 1.0);
    }

    /// <summary>Horner evaluation of c[0]·xⁿ⁻¹ + … + c[n−1].</summary>
    private static double Polynomial(double[] coefficients, double x)
    {
        double value = coefficients[0];
        for (int i = 1; i < coefficients.Length; i++)
        {
            value = (value * x) + coefficients[i];
        }

        return value;
    }
}
