namespace SealMatch.Evaluation.Calibration;

/// <summary>Solves A·x = b for a small symmetric positive-definite A (row-major, n × n).</summary>
internal static class CholeskySolver
{
    /// <summary>
    /// Factors A = L·Lᵀ in place of a copy and solves; returns false if A is not numerically
    /// positive definite (a pivot ≤ 0), leaving <paramref name="solution"/> unspecified.
    /// </summary>
    public static bool TrySolve(double[] matrix, int n, ReadOnlySpan<double> rhs, Span<double> solution)
    {
        var lower = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = matrix[(i * n) + j];
                for (int k = 0; k < j; k++)
                {
                    sum -= lower[(i * n) + k] * lower[(j * n) + k];
                }

                if (i == j)
                {
                    if (!(sum > 0.0) || !double.IsFinite(sum))
                    {
                        return false;
                    }

                    lower[(i * n) + i] = Math.Sqrt(sum);
                }
                else
                {
                    lower[(i * n) + j] = sum / lower[(j * n) + j];
                }
            }
        }

        // Forward substitution L·y = b, then back substitution Lᵀ·x = y.
        for (int i = 0; i < n; i++)
        {
            double sum = rhs[i];
            for (int k = 0; k < i; k++)
            {
                sum -= lower[(i * n) + k] * solution[k];
            }

            solution[i] = sum / lower[(i * n) + i];
        }

        for (int i = n - 1; i >= 0; i--)
        {
            double sum = solution[i];
            for (int k = i + 1; k < n; k++)
            {
                sum -= lower[(k * n) + i] * solution[k];
            }

            solution[i] = sum / lower[(i * n) + i];
        }

        return true;
    }
}
