using System.Globalization;
using SealMatch.Engine.Signatures;
using SealMatch.Evaluation.Calibration;
using SealMatch.Evaluation.Metrics;

namespace SealMatch.Evaluation.Signatures;

/// <summary>
/// Fits the writer-dependent decision on trials from validation writers (never the writers reported
/// on): a class-balanced logistic regression over <see cref="SignatureFeatures"/>, then the thresholds.
/// </summary>
/// <remarks>
/// The accept threshold is the lowest probability at which at most
/// <see cref="CalibrationTargets.MaxFalseAcceptRate"/> of the impostors (and of the skilled
/// forgeries, when there are any) would be accepted; the reject threshold the highest at which at
/// most <see cref="CalibrationTargets.MaxGenuineRejectRate"/> of genuine signatures would be rejected,
/// and never above the accept threshold.
/// </remarks>
public static class SignatureCalibration
{
    /// <summary>Error-rate targets the thresholds are chosen for, on the calibration trials.</summary>
    public sealed record CalibrationTargets
    {
        /// <summary>Largest share of impostors (and of skilled forgeries) accepted.</summary>
        public double MaxFalseAcceptRate { get; init; } = 0.005;

        /// <summary>Largest share of genuine signatures rejected.</summary>
        public double MaxGenuineRejectRate { get; init; } = 0.02;
    }

    /// <summary>Fits the model.</summary>
    /// <exception cref="InvalidOperationException">Too few genuine or impostor trials.</exception>
    public static SignatureScoreModel Fit(SignatureTrialSet set, SignatureTrialOptions options, CalibrationTargets? targets = null)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(options);
        targets ??= new CalibrationTargets();
        if (set.Trials.Count(t => t.Kind == TrialKind.Genuine) < 20 || set.Trials.Count(t => t.Kind != TrialKind.Genuine) < 20)
        {
            throw new InvalidOperationException("Calibration needs at least 20 genuine and 20 impostor trials.");
        }

        List<double[]> x = [.. set.Trials.Select(t => SignatureFeatures.Compute(t.Distances))];
        List<bool> y = [.. set.Trials.Select(t => t.Kind == TrialKind.Genuine)];
        LogisticModel fit = LogisticRegression.Fit(x, y, new LogisticRegressionOptions { L2 = 1.0, BalanceClasses = true, MaxIterations = 200 });
        var model = new SignatureScoreModel
        {
            EmbeddingModelSha256 = set.ModelSha256,
            FeatureNames = SignatureFeatures.Names,
            Means = fit.Means,
            Scales = fit.Scales,
            Weights = fit.Weights,
            Bias = fit.Bias,
            PriorSpread = set.PriorSpread,
            AcceptThreshold = 0.5,
            RejectThreshold = 0.5,
        };

        List<double> genuine = [.. set.Trials.Where(t => t.Kind == TrialKind.Genuine).Select(t => model.Probability(t.Distances))];
        double accept = Thresholds.ForMaximumFalseAcceptRate([.. set.Trials.Where(t => t.Kind == TrialKind.Impostor).Select(t => model.Probability(t.Distances))], targets.MaxFalseAcceptRate);
        List<double> skilled = [.. set.Trials.Where(t => t.Kind == TrialKind.Skilled).Select(t => model.Probability(t.Distances))];
        if (skilled.Count > 0)
        {
            accept = Math.Max(accept, Thresholds.ForMaximumFalseAcceptRate(skilled, targets.MaxFalseAcceptRate));
        }

        accept = Math.Clamp(accept, 0, 1);
        double reject = Math.Min(accept, Thresholds.ForMaximumFalseRejectRate(genuine, targets.MaxGenuineRejectRate));
        return model with
        {
            AcceptThreshold = accept,
            RejectThreshold = reject,
            TrainedOn = string.Create(CultureInfo.InvariantCulture,
                $"writers {options.FirstWriter}-{options.LastWriter} of {Path.GetFileName(Path.TrimEndingDirectorySeparator(options.Data))}, media {options.Media.ToString().ToLowerInvariant()}, {options.References} references, {options.Draws} draws from seed {options.Seed}; {genuine.Count} genuine, {set.Trials.Count(t => t.Kind == TrialKind.Impostor)} impostor, {skilled.Count} skilled trials; accept: FAR <= {targets.MaxFalseAcceptRate}, reject: FRR <= {targets.MaxGenuineRejectRate}"),
        };
    }
}
