namespace SealMatch.Engine.Geometry;

/// <summary>Small dense linear systems (least-squares normal equations of a few unknowns).</summary>
internal static class DenseSolver
{
    /// <summary>
    /// Solves <paramref name="a"/> x = <paramref name="b"/> (<paramref name="n"/> × <paramref name="n"/>,
    /// row-major) by Gaussian elimination with partial pivoting; <paramref name="b"/> becomes the
    /// solution and <paramref name="a"/> is overwritten. False when a pivot vanishes (singular).
    /// </summary>
    public static bool SolveInPlace(Span<double> a, Span<double> b, int n)
    {
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < n; r++)
            {
                if (Math.Abs(a[(r * n) + col]) > Math.Abs(a[(pivot * n) + col]))
                {
                    pivot = r;
                }
            }

            if (Math.Abs(a[(pivot * n) + col]) < 1e-12)
            {
                return false;
            }

            if (pivot != col)
            {
                for (int k = 0; k < n; k++)
                {
                    (a[(col * n) + k], a[(pivot * n) + k]) = (a[(pivot * n) + k], a[(col * n) + k]);
                }

                (b[col], b[pivot]) = (b[pivot], b[col]);
            }

            for (int r = col + 1; r < n; r++)
            {
                double factor = a[(r * n) + col] / a[(col * n) + col];
                for (int k = col; k < n; k++)
                {
                    a[(r * n) + k] -= factor * a[(col * n) + k];
                }

                b[r] -= factor * b[col];
            }
        }

        for (int r = n - 1; r >= 0; r--)
        {
            double sum = b[r];
            for (int k = r + 1; k < n; k++)
            {
                sum -= a[(r * n) + k] * b[k];
            }

            b[r] = sum / a[(r * n) + r];
        }

        return true;
    }
}
