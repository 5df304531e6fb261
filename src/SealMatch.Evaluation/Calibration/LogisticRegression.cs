namespace SealMatch.Evaluation.Calibration;

/// <summary>
/// L2-penalised logistic regression fitted by Newton–Raphson (iteratively reweighted least squares)
/// with a backtracking line search. Deterministic: the same inputs give bit-identical models.
/// </summary>
public static class LogisticRegression
{
    private const double ArmijoFraction = 1e-4;
    private const int MaxHalvings = 60;

    /// <summary>
    /// Fits P(label = true | x) = σ(bias + Σⱼ βⱼ · (xⱼ − meanⱼ) / scaleⱼ), minimising
    /// Σᵢ wᵢ · logloss + L2/2 · ‖β‖² (see <see cref="LogisticRegressionOptions"/>).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// No samples, rows of unequal length, a non-finite feature, counts that disagree, a negative or
    /// non-finite sample weight, or a class with no (weighted) samples: the bias is unpenalised, so a
    /// single-class fit has no finite optimum.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static LogisticModel Fit(IReadOnlyList<double[]> features, IReadOnlyList<bool> labels, LogisticRegressionOptions options)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(options);
        ValidateOptions(options);
        int n = features.Count;
        int d = ValidateFeatures(features, labels);
        double[] sampleWeights = EffectiveWeights(labels, options);

        (double[] means, double[] scales) = Standardisation(features, d, options.MinimumScale);

        // Design matrix with a trailing 1 for the bias: row i is x̃ᵢ = [(xᵢ − mean) / scale, 1].
        // A constant feature's column is exactly 0 (rounding in its mean would otherwise leave noise
        // divided by the scale floor), so its gradient is 0 and its weight stays exactly 0.
        int p = d + 1;
        var design = new double[n * p];
        for (int i = 0; i < n; i++)
        {
            double[] row = features[i];
            for (int j = 0; j < d; j++)
            {
                design[(i * p) + j] = scales[j] <= options.MinimumScale ? 0.0 : (row[j] - means[j]) / scales[j];
            }

            design[(i * p) + d] = 1.0;
        }

        var y = new double[n];
        double positiveWeight = 0.0;
        double totalWeight = 0.0;
        for (int i = 0; i < n; i++)
        {
            y[i] = labels[i] ? 1.0 : 0.0;
            positiveWeight += sampleWeights[i] * y[i];
            totalWeight += sampleWeights[i];
        }

        var problem = new Problem(design, y, sampleWeights, n, p, options.L2);
        var theta = new double[p];
        theta[d] = Math.Log(positiveWeight / (totalWeight - positiveWeight));

        var gradient = new double[p];
        var hessian = new double[p * p];
        var step = new double[p];
        var trial = new double[p];
        var negativeGradient = new double[p];
        double objective = problem.Objective(theta);
        bool converged = false;
        int iteration = 0;
        while (iteration < options.MaxIterations && !converged)
        {
            iteration++;
            problem.GradientAndHessian(theta, gradient, hessian);
            for (int j = 0; j < p; j++)
            {
                negativeGradient[j] = -gradient[j];
            }

            SolveDamped(hessian, p, negativeGradient, step);

            double slope = 0.0;
            double largestStep = 0.0;
            double largestParameter = 0.0;
            for (int j = 0; j < p; j++)
            {
                slope += gradient[j] * step[j];
                largestStep = Math.Max(largestStep, Math.Abs(step[j]));
                largestParameter = Math.Max(largestParameter, Math.Abs(theta[j]));
            }

            if (largestStep <= options.Tolerance * (1.0 + largestParameter))
            {
                // The Newton step is already negligible: θ is the optimum to within the tolerance.
                converged = true;
                break;
            }

            double t = 1.0;
            double trialObjective = double.PositiveInfinity;
            int halvings = 0;
            for (; halvings <= MaxHalvings; halvings++)
            {
                for (int j = 0; j < p; j++)
                {
                    trial[j] = theta[j] + (t * step[j]);
                }

                trialObjective = problem.Objective(trial);
                if (trialObjective <= objective + (ArmijoFraction * t * slope))
                {
                    break;
                }

                t *= 0.5;
            }

            if (halvings > MaxHalvings)
            {
                // No representable decrease along the Newton direction: we are at the optimum
                // to machine precision.
                converged = true;
                break;
            }

            Array.Copy(trial, theta, p);
            objective = trialObjective;
        }

        var weights = new double[d];
        Array.Copy(theta, weights, d);
        return new LogisticModel(means, scales, weights, theta[d], iteration, converged);
    }

    private static void ValidateOptions(LogisticRegressionOptions options)
    {
        if (!(double.IsFinite(options.L2) && options.L2 >= 0.0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.L2, "L2 must be a finite value ≥ 0.");
        }

        if (options.MaxIterations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxIterations, "MaxIterations must be at least 1.");
        }

        if (!(double.IsFinite(options.Tolerance) && options.Tolerance > 0.0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Tolerance, "Tolerance must be a positive finite value.");
        }

        if (!(double.IsFinite(options.MinimumScale) && options.MinimumScale > 0.0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MinimumScale, "MinimumScale must be a positive finite value.");
        }
    }

    private static int ValidateFeatures(IReadOnlyList<double[]> features, IReadOnlyList<bool> labels)
    {
        if (features.Count == 0)
        {
            throw new ArgumentException("At least one sample is required.", nameof(features));
        }

        if (labels.Count != features.Count)
        {
            throw new ArgumentException($"Expected {features.Count} labels, got {labels.Count}.", nameof(labels));
        }

        int d = features[0]?.Length ?? throw new ArgumentException("Sample 0 is null.", nameof(features));
        for (int i = 0; i < features.Count; i++)
        {
            double[] row = features[i] ?? throw new ArgumentException($"Sample {i} is null.", nameof(features));
            if (row.Length != d)
            {
                throw new ArgumentException($"Sample {i} has {row.Length} features; sample 0 has {d}.", nameof(features));
            }

            for (int j = 0; j < d; j++)
            {
                if (!double.IsFinite(row[j]))
                {
                    throw new ArgumentException($"Feature {j} of sample {i} is not finite.", nameof(features));
                }
            }
        }

        return d;
    }

    private static double[] EffectiveWeights(IReadOnlyList<bool> labels, LogisticRegressionOptions options)
    {
        int n = labels.Count;
        IReadOnlyList<double>? given = options.SampleWeights;
        if (given is not null && given.Count != n)
        {
            throw new ArgumentException($"Expected {n} sample weights, got {given.Count}.", nameof(options));
        }

        var weights = new double[n];
        double positive = 0.0;
        double negative = 0.0;
        for (int i = 0; i < n; i++)
        {
            double w = given?[i] ?? 1.0;
            if (!(double.IsFinite(w) && w >= 0.0))
            {
                throw new ArgumentException($"Sample weight {i} must be finite and ≥ 0.", nameof(options));
            }

            weights[i] = w;
            if (labels[i])
            {
                positive += w;
            }
            else
            {
                negative += w;
            }
        }

        if (!(positive > 0.0 && negative > 0.0))
        {
            throw new ArgumentException("Both classes need samples with positive weight.", nameof(labels));
        }

        if (options.BalanceClasses)
        {
            double total = positive + negative;
            double positiveFactor = total / (2.0 * positive);
            double negativeFactor = total / (2.0 * negative);
            for (int i = 0; i < n; i++)
            {
                weights[i] *= labels[i] ? positiveFactor : negativeFactor;
            }
        }

        return weights;
    }

    private static (double[] Means, double[] Scales) Standardisation(IReadOnlyList<double[]> features, int d, double minimumScale)
    {
        int n = features.Count;
        var means = new double[d];
        var scales = new double[d];
        for (int j = 0; j < d; j++)
        {
            double sum = 0.0;
            for (int i = 0; i < n; i++)
            {
                sum += features[i][j];
            }

            double mean = sum / n;
            double squares = 0.0;
            for (int i = 0; i < n; i++)
            {
                double centred = features[i][j] - mean;
                squares += centred * centred;
            }

            means[j] = mean;
            scales[j] = Math.Max(Math.Sqrt(squares / n), minimumScale);
        }

        return (means, scales);
    }

    /// <summary>
    /// Solves H·s = b; if H is not numerically positive definite (a nearly unidentifiable bias or
    /// feature), adds a growing multiple of the identity. Any such s is still a descent direction.
    /// </summary>
    private static void SolveDamped(double[] hessian, int p, double[] rhs, double[] solution)
    {
        if (CholeskySolver.TrySolve(hessian, p, rhs, solution))
        {
            return;
        }

        double largestDiagonal = 0.0;
        for (int j = 0; j < p; j++)
        {
            largestDiagonal = Math.Max(largestDiagonal, Math.Abs(hessian[(j * p) + j]));
        }

        var damped = new double[p * p];
        for (double jitter = 1e-12 * Math.Max(1.0, largestDiagonal); ; jitter *= 100.0)
        {
            Array.Copy(hessian, damped, damped.Length);
            for (int j = 0; j < p; j++)
            {
                damped[(j * p) + j] += jitter;
            }

            if (CholeskySolver.TrySolve(damped, p, rhs, solution))
            {
                return;
            }
        }
    }

    /// <summary>The penalised weighted log-loss on a fixed standardised design.</summary>
    private sealed class Problem(double[] design, double[] y, double[] weights, int n, int p, double l2)
    {
        public double Objective(double[] theta)
        {
            double loss = 0.0;
            for (int i = 0; i < n; i++)
            {
                if (weights[i] == 0.0)
                {
                    continue;
                }

                double z = Logit(theta, i);

                // logloss = log(1 + e^z) − y·z, with log(1 + e^z) evaluated stably.
                double softplus = z > 0.0 ? z + Math.Log(1.0 + Math.Exp(-z)) : Math.Log(1.0 + Math.Exp(z));
                loss += weights[i] * (softplus - (y[i] * z));
            }

            double penalty = 0.0;
            for (int j = 0; j < p - 1; j++)
            {
                penalty += theta[j] * theta[j];
            }

            return loss + (0.5 * l2 * penalty);
        }

        public void GradientAndHessian(double[] theta, double[] gradient, double[] hessian)
        {
            Array.Clear(gradient);
            Array.Clear(hessian);
            for (int i = 0; i < n; i++)
            {
                if (weights[i] == 0.0)
                {
                    continue;
                }

                double probability = LogisticModel.Sigmoid(Logit(theta, i));
                double residual = weights[i] * (probability - y[i]);
                double curvature = weights[i] * probability * (1.0 - probability);
                int row = i * p;
                for (int a = 0; a < p; a++)
                {
                    double xa = design[row + a];
                    gradient[a] += residual * xa;
                    double scaled = curvature * xa;
                    for (int b = 0; b <= a; b++)
                    {
                        hessian[(a * p) + b] += scaled * design[row + b];
                    }
                }
            }

            for (int a = 0; a < p; a++)
            {
                for (int b = 0; b < a; b++)
                {
                    hessian[(b * p) + a] = hessian[(a * p) + b];
                }
            }

            // The bias (last parameter) is not penalised.
            for (int j = 0; j < p - 1; j++)
            {
                gradient[j] += l2 * theta[j];
                hessian[(j * p) + j] += l2;
            }
        }

        private double Logit(double[] theta, int i)
        {
            int row = i * p;
            double z = 0.0;
            for (int j = 0; j < p; j++)
            {
                z += theta[j] * design[row + j];
            }

            return z;
        }
    }
}
