using System.Globalization;
using SealMatch.Engine;
using SealMatch.Engine.Comparison;
using SealMatch.Evaluation.Calibration;
using SealMatch.Evaluation.Metrics;

namespace SealMatch.Evaluation.Seals;

/// <summary>
/// Fits the engine's score model on a benchmark run (generated data, never the sets reported on):
/// a class-balanced logistic regression over <see cref="ScoreFeatures"/>, then the thresholds.
/// </summary>
/// <remarks>
/// The accept threshold is the lowest probability at which, on the calibration set, at most
/// <see cref="CalibrationTargets.MaxFalseAcceptRate"/> of all forgeries and at most
/// <see cref="CalibrationTargets.MaxClassFalseAcceptRate"/> of each forgery class would be accepted;
/// the reject threshold is the highest at which at most
/// <see cref="CalibrationTargets.MaxGenuineRejectRate"/> of genuine impressions would be rejected.
/// The targets are half of the product targets, leaving room for sampling error on fresh data.
/// </remarks>
public static class SealCalibration
{
    /// <summary>Error-rate targets the thresholds are chosen for, on the calibration set.</summary>
    public sealed record CalibrationTargets
    {
        public double MaxFalseAcceptRate { get; init; } = 0.0005;

        public double MaxClassFalseAcceptRate { get; init; } = 0.0025;

        public double MaxGenuineRejectRate { get; init; } = 0.001;

        /// <summary>
        /// The least <see cref="ScoreModel.AcceptEvidence"/> an impression needs to be accepted (0: no
        /// such condition, the default). A policy choice, not searched for on the calibration set, whose
        /// few highest-scoring forgeries would make any search overfit. The shipped fused model uses 0.95,
        /// with its threshold chosen on 3000 + 3000 impressions; chosen on 1500 + 1500 it let 0.15 % of
        /// the forgeries through on a fresh seed (see <c>models/seal-pair.md</c>).
        /// </summary>
        public double MinimumEvidenceToAccept { get; init; }
    }

    /// <summary>Found genuine and found forged impressions a fit needs, at least, of each.</summary>
    public const int MinimumImpressions = 50;

    /// <summary>Fits a score model and its thresholds on a calibration run.</summary>
    /// <param name="run">The calibration run.</param>
    /// <param name="targets">Error-rate targets for the thresholds.</param>
    /// <param name="pairModelSha256">
    /// Null for the classical model (measurements only); otherwise the SHA-256 of the pair model the
    /// run was made with, and the fused model is fitted (measurements plus <see cref="ImpressionRecord.PairLogit"/>).
    /// </param>
    /// <exception cref="InvalidOperationException">Too few impressions, or a fused fit on a run without pair logits.</exception>
    public static ScoreModel Fit(SealBenchmarkResult run, CalibrationTargets? targets = null, string? pairModelSha256 = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        targets ??= new CalibrationTargets();
        bool fused = pairModelSha256 is not null;
        List<ImpressionRecord> found = FoundImpressions(run, fused);

        List<double[]> x = [.. found.Select(r => fused ? ScoreFeatures.Compute(r.Measurements!, r.PairLogit!.Value) : ScoreFeatures.Compute(r.Measurements!))];
        List<bool> y = [.. found.Select(r => r.Genuine)];
        LogisticModel fit = LogisticRegression.Fit(x, y, new LogisticRegressionOptions { L2 = 1.0, BalanceClasses = true, MaxIterations = 200 });
        var model = new ScoreModel
        {
            EngineVersion = EngineInfo.EngineVersion,
            FeatureNames = fused ? ScoreFeatures.FusedNames : ScoreFeatures.Names,
            PairModelSha256 = pairModelSha256,
            Means = fit.Means,
            Scales = fit.Scales,
            Weights = fit.Weights,
            Bias = fit.Bias,
            AcceptThreshold = 0.5,
            RejectThreshold = 0.5,
        };
        return WithThresholds(run, model, targets, describe: null);
    }

    /// <summary>
    /// Keeps <paramref name="model"/>'s weights and chooses only its thresholds (and the evidence an
    /// accept needs) on a calibration run: a change of decision policy measured without refitting.
    /// </summary>
    /// <exception cref="InvalidOperationException">Too few impressions, or a fused model on a run without pair logits.</exception>
    public static ScoreModel Rethreshold(SealBenchmarkResult run, ScoreModel model, CalibrationTargets? targets = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(model);
        FoundImpressions(run, model.UsesPairLogit);
        return WithThresholds(run, model, targets ?? new CalibrationTargets(), describe: $"weights kept from engine {model.EngineVersion} ({model.TrainedOn}); thresholds ");
    }

    /// <summary>The run's found, measured impressions, after checking there are enough of each kind (and pair logits for a fused model).</summary>
    private static List<ImpressionRecord> FoundImpressions(SealBenchmarkResult run, bool fused)
    {
        var found = run.Impressions.Where(r => r.Found && r.Measurements is not null).ToList();
        if (found.Count(r => r.Genuine) < MinimumImpressions || found.Count(r => !r.Genuine) < MinimumImpressions)
        {
            throw new InvalidOperationException($"Calibration needs at least {MinimumImpressions} genuine and {MinimumImpressions} forged impressions that were found.");
        }

        if (fused && found.Any(r => r.PairLogit is null))
        {
            throw new InvalidOperationException("A fused model needs the pair model's logit for every impression: run the calibration with the pair model.");
        }

        return found;
    }

    private static ScoreModel WithThresholds(SealBenchmarkResult run, ScoreModel model, CalibrationTargets targets, string? describe)
    {
        // Thresholds on the probabilities of every slot impression; a missed one scores 0. A forgery
        // with too little of the seal seen for an accept cannot be accepted, so it does not raise the
        // accept threshold (it still counts in the rates).
        model = model with { MinimumEvidenceToAccept = targets.MinimumEvidenceToAccept };
        List<double> genuine = [.. run.Impressions.Where(r => r.Genuine).Select(r => SealEvaluationReport.Score(r, model).Probability)];
        var forged = run.Impressions.Where(r => !r.Genuine).Select(r => (r.Class, P: AcceptableProbability(r, model))).ToList();
        double accept = Thresholds.ForMaximumFalseAcceptRate([.. forged.Select(f => f.P)], targets.MaxFalseAcceptRate);
        foreach (var cls in forged.GroupBy(f => f.Class))
        {
            accept = Math.Max(accept, Thresholds.ForMaximumFalseAcceptRate([.. cls.Select(f => f.P)], targets.MaxClassFalseAcceptRate));
        }

        double reject = Math.Min(Thresholds.ForMaximumFalseRejectRate(genuine, targets.MaxGenuineRejectRate), accept);
        accept = Math.Min(accept, 1.0);
        return model with
        {
            AcceptThreshold = accept,
            RejectThreshold = reject,
            TrainedOn = describe + string.Create(CultureInfo.InvariantCulture,
                $"seed {run.Options.Seed}, {run.Impressions.Count(r => r.Genuine)} genuine / {run.Impressions.Count(r => !r.Genuine)} forged impressions at {run.Options.Dpi} dpi; targets FAR ≤ {targets.MaxFalseAcceptRate:P2} overall, ≤ {targets.MaxClassFalseAcceptRate:P2} per class, genuine reject ≤ {targets.MaxGenuineRejectRate:P2}; accept needs evidence ≥ {targets.MinimumEvidenceToAccept:0.00}"),
        };
    }

    /// <summary>The probability as far as accepting goes: 0 where the model may not accept the impression.</summary>
    private static double AcceptableProbability(ImpressionRecord r, ScoreModel model)
    {
        (_, double p, _) = SealEvaluationReport.Score(r, model);
        return r.Measurements is { } m && model.MayAccept(m) ? p : 0;
    }
}
