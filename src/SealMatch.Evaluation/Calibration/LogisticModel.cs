namespace SealMatch.Evaluation.Calibration;

/// <summary>
/// A fitted logistic model on standardised features:
/// logit(x) = Bias + Σⱼ Weights[j] · (x[j] − Means[j]) / Scales[j].
/// </summary>
public sealed class LogisticModel
{
    private readonly double[] _means;
    private readonly double[] _scales;
    private readonly double[] _weights;

    /// <summary>Creates a model from stored parameters (for example a saved calibration).</summary>
    /// <exception cref="ArgumentException">The lists differ in length, a scale is not positive, or a value is not finite.</exception>
    public LogisticModel(
        IReadOnlyList<double> means,
        IReadOnlyList<double> scales,
        IReadOnlyList<double> weights,
        double bias,
        int iterations = 0,
        bool converged = true)
    {
        ArgumentNullException.ThrowIfNull(means);
        ArgumentNullException.ThrowIfNull(scales);
        ArgumentNullException.ThrowIfNull(weights);
        if (means.Count != scales.Count || means.Count != weights.Count)
        {
            throw new ArgumentException("Means, scales and weights must have the same length.", nameof(weights));
        }

        if (!double.IsFinite(bias))
        {
            throw new ArgumentException("The bias must be finite.", nameof(bias));
        }

        _means = new double[means.Count];
        _scales = new double[means.Count];
        _weights = new double[means.Count];
        for (int j = 0; j < _means.Length; j++)
        {
            if (!double.IsFinite(means[j]) || !double.IsFinite(weights[j]) || !(double.IsFinite(scales[j]) && scales[j] > 0.0))
            {
                throw new ArgumentException($"Parameters of feature {j} must be finite, with a positive scale.", nameof(scales));
            }

            _means[j] = means[j];
            _scales[j] = scales[j];
            _weights[j] = weights[j];
        }

        Bias = bias;
        Iterations = iterations;
        Converged = converged;
    }

    /// <summary>Per-feature means subtracted before scaling.</summary>
    public IReadOnlyList<double> Means => _means;

    /// <summary>Per-feature divisors (standard deviation, floored).</summary>
    public IReadOnlyList<double> Scales => _scales;

    /// <summary>Weights of the standardised features.</summary>
    public IReadOnlyList<double> Weights => _weights;

    /// <summary>The intercept on the standardised scale.</summary>
    public double Bias { get; }

    /// <summary>Newton iterations the fit used (0 for a model built from stored parameters).</summary>
    public int Iterations { get; }

    /// <summary>False when the fit stopped at the iteration limit before meeting the tolerance.</summary>
    public bool Converged { get; }

    /// <summary>Number of features the model expects.</summary>
    public int FeatureCount => _weights.Length;

    /// <summary>The log-odds of the positive class for raw (unstandardised) features.</summary>
    /// <exception cref="ArgumentException"><paramref name="features"/> has the wrong length.</exception>
    public double PredictLogit(ReadOnlySpan<double> features)
    {
        if (features.Length != _weights.Length)
        {
            throw new ArgumentException($"Expected {_weights.Length} features, got {features.Length}.", nameof(features));
        }

        double logit = Bias;
        for (int j = 0; j < _weights.Length; j++)
        {
            logit += _weights[j] * ((features[j] - _means[j]) / _scales[j]);
        }

        return logit;
    }

    /// <summary>The probability of the positive class for raw (unstandardised) features.</summary>
    /// <exception cref="ArgumentException"><paramref name="features"/> has the wrong length.</exception>
    public double PredictProbability(ReadOnlySpan<double> features) => Sigmoid(PredictLogit(features));

    /// <summary>1 / (1 + e^−z), evaluated without overflow for large |z|.</summary>
    internal static double Sigmoid(double z)
    {
        if (z >= 0.0)
        {
            return 1.0 / (1.0 + Math.Exp(-z));
        }

        double e = Math.Exp(z);
        return e / (1.0 + e);
    }
}
