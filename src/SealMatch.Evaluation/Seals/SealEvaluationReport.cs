using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using SealMatch.Engine;
using SealMatch.Engine.Comparison;
using SealMatch.Evaluation.Metrics;
using SealMatch.Evaluation.Plots;
using SealMatch.Synthesis;

namespace SealMatch.Evaluation.Seals;

/// <summary>
/// Turns a benchmark run into the figures of <c>eval seals</c>: error rates at the model's
/// thresholds, EER, localisation, rotation and speed; writes <c>report.json</c>, <c>report.md</c>,
/// <c>roc.png</c>, <c>scores.png</c> and <c>impressions.csv</c>.
/// </summary>
public static class SealEvaluationReport
{
    private static readonly string[] ClassNames = ["F1", "F2", "F3", "F4", "F5"];

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The figures (keys of <c>report.json</c>).</summary>
    public sealed record Figures
    {
        [JsonPropertyName("eer")] public required double Eer { get; init; }
        [JsonPropertyName("far_at_accept")] public required double FarAtAccept { get; init; }
        [JsonPropertyName("far_at_accept_by_class")] public required IReadOnlyDictionary<string, double> FarAtAcceptByClass { get; init; }
        [JsonPropertyName("genuine_auto_accept_rate")] public required double GenuineAutoAcceptRate { get; init; }
        [JsonPropertyName("genuine_auto_reject_rate")] public required double GenuineAutoRejectRate { get; init; }
        [JsonPropertyName("review_rate")] public required double ReviewRate { get; init; }
        [JsonPropertyName("localisation_recall")] public required double LocalisationRecall { get; init; }
        [JsonPropertyName("false_detections_per_slip")] public required double FalseDetectionsPerSlip { get; init; }
        [JsonPropertyName("median_rotation_error_deg")] public required double MedianRotationErrorDeg { get; init; }
        [JsonPropertyName("median_ms_per_slip")] public required double MedianMsPerSlip { get; init; }
        [JsonPropertyName("accept_threshold")] public required double AcceptThreshold { get; init; }
        [JsonPropertyName("reject_threshold")] public required double RejectThreshold { get; init; }
        [JsonPropertyName("minimum_evidence_to_accept")] public double MinimumEvidenceToAccept { get; init; }
        [JsonPropertyName("seed")] public required int Seed { get; init; }
        [JsonPropertyName("engine_version")] public required string EngineVersion { get; init; }

        [JsonPropertyName("dpi")] public required int Dpi { get; init; }
        [JsonPropertyName("genuine_impressions")] public required int GenuineImpressions { get; init; }
        [JsonPropertyName("forged_impressions")] public required int ForgedImpressions { get; init; }
        [JsonPropertyName("forged_by_class")] public required IReadOnlyDictionary<string, int> ForgedByClass { get; init; }
        [JsonPropertyName("slips")] public required int Slips { get; init; }
        [JsonPropertyName("far_at_accept_95ci")] public required double[] FarAtAccept95Ci { get; init; }
        [JsonPropertyName("eer_by_class")] public required IReadOnlyDictionary<string, double> EerByClass { get; init; }
        [JsonPropertyName("re_carved_by_change")] public required IReadOnlyDictionary<string, ChangeFigures> ReCarvedByChange { get; init; }
        [JsonPropertyName("genuine_review_rate")] public required double GenuineReviewRate { get; init; }
        [JsonPropertyName("forged_reject_rate")] public required double ForgedRejectRate { get; init; }
        [JsonPropertyName("slot_impressions_missed")] public required int SlotImpressionsMissed { get; init; }
        [JsonPropertyName("size_mismatches")] public required int SizeMismatches { get; init; }
        [JsonPropertyName("p95_rotation_error_deg")] public required double P95RotationErrorDeg { get; init; }
        [JsonPropertyName("p90_ms_per_slip")] public required double P90MsPerSlip { get; init; }
        [JsonPropertyName("specimens_from_operator_box")] public required int SpecimensFromOperatorBox { get; init; }
        [JsonPropertyName("elapsed_seconds")] public required double ElapsedSeconds { get; init; }

        /// <summary>The same impressions under other score models (classical versus fused with the pair model), when compared.</summary>
        [JsonPropertyName("fusion_comparison")] public IReadOnlyList<ModelFigures>? FusionComparison { get; init; }
    }

    /// <summary>The decision figures of one score model on a run (an entry of <c>fusion_comparison</c>).</summary>
    public sealed record ModelFigures
    {
        [JsonPropertyName("model")] public required string Model { get; init; }
        [JsonPropertyName("uses_pair_logit")] public required bool UsesPairLogit { get; init; }
        [JsonPropertyName("pair_model_sha256")] public string? PairModelSha256 { get; init; }
        [JsonPropertyName("trained_on")] public string? TrainedOn { get; init; }
        [JsonPropertyName("eer")] public required double Eer { get; init; }
        [JsonPropertyName("eer_by_class")] public required IReadOnlyDictionary<string, double> EerByClass { get; init; }
        [JsonPropertyName("far_at_accept")] public required double FarAtAccept { get; init; }
        [JsonPropertyName("far_at_accept_by_class")] public required IReadOnlyDictionary<string, double> FarAtAcceptByClass { get; init; }
        [JsonPropertyName("re_carved_by_change")] public required IReadOnlyDictionary<string, ChangeFigures> ReCarvedByChange { get; init; }
        [JsonPropertyName("genuine_auto_accept_rate")] public required double GenuineAutoAcceptRate { get; init; }
        [JsonPropertyName("genuine_auto_reject_rate")] public required double GenuineAutoRejectRate { get; init; }
        [JsonPropertyName("review_rate")] public required double ReviewRate { get; init; }
        [JsonPropertyName("accept_threshold")] public required double AcceptThreshold { get; init; }
        [JsonPropertyName("reject_threshold")] public required double RejectThreshold { get; init; }
        [JsonPropertyName("minimum_evidence_to_accept")] public double MinimumEvidenceToAccept { get; init; }
    }

    /// <summary>How the forgeries with one kind of re-carving (F1) fared: how many, their EER against all genuine impressions, the fraction accepted.</summary>
    public sealed record ChangeFigures(
        [property: JsonPropertyName("n")] int Count,
        [property: JsonPropertyName("eer")] double Eer,
        [property: JsonPropertyName("accepted")] double Accepted);

    /// <summary>The decision figures of each named model on the same run.</summary>
    public static IReadOnlyList<ModelFigures> CompareModels(SealBenchmarkResult run, IReadOnlyList<(string Name, ScoreModel Model)> models)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(models);
        return [.. models.Select(m =>
        {
            Figures f = Compute(run, m.Model);
            return new ModelFigures
            {
                Model = m.Name,
                UsesPairLogit = m.Model.UsesPairLogit,
                PairModelSha256 = m.Model.PairModelSha256,
                TrainedOn = m.Model.TrainedOn,
                Eer = f.Eer,
                EerByClass = f.EerByClass,
                FarAtAccept = f.FarAtAccept,
                FarAtAcceptByClass = f.FarAtAcceptByClass,
                ReCarvedByChange = f.ReCarvedByChange,
                GenuineAutoAcceptRate = f.GenuineAutoAcceptRate,
                GenuineAutoRejectRate = f.GenuineAutoRejectRate,
                ReviewRate = f.ReviewRate,
                AcceptThreshold = m.Model.AcceptThreshold,
                RejectThreshold = m.Model.RejectThreshold,
                MinimumEvidenceToAccept = m.Model.MinimumEvidenceToAccept,
            };
        })];
    }

    /// <summary>Computes the figures for a run under a score model.</summary>
    public static Figures Compute(SealBenchmarkResult run, ScoreModel model)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(model);
        var scored = run.Impressions.Select(r => Score(r, model)).ToList();
        var genuine = scored.Where(s => s.Record.Genuine).ToList();
        var forged = scored.Where(s => !s.Record.Genuine).ToList();
        List<double> genuineP = [.. genuine.Select(s => s.Probability)];
        List<double> forgedP = [.. forged.Select(s => s.Probability)];

        int forgedAccepted = forged.Count(s => s.Decision == SealDecision.Accept);
        (double low, double high) = forged.Count == 0 ? (0, 0) : Statistics.WilsonInterval(forgedAccepted, forged.Count);
        var byClass = new Dictionary<string, double>();
        var eerByClass = new Dictionary<string, double>();
        var countByClass = new Dictionary<string, int>();
        foreach (string c in ClassNames)
        {
            var inClass = forged.Where(s => s.Record.Class == c).ToList();
            countByClass[c] = inClass.Count;
            byClass[c] = inClass.Count == 0 ? 0 : inClass.Count(s => s.Decision == SealDecision.Accept) / (double)inClass.Count;
            eerByClass[c] = inClass.Count == 0 || genuine.Count == 0 ? 0 : Roc.EqualErrorRate(genuineP, [.. inClass.Select(s => s.Probability)]);
        }

        var byChange = new Dictionary<string, ChangeFigures>();
        foreach (string change in Forger.ReCarvings)
        {
            var withChange = forged.Where(s => s.Record.PrimaryChange == change).ToList();
            if (withChange.Count > 0)
            {
                byChange[change] = new ChangeFigures(
                    withChange.Count,
                    genuine.Count == 0 ? 0 : Roc.EqualErrorRate(genuineP, [.. withChange.Select(s => s.Probability)]),
                    withChange.Count(s => s.Decision == SealDecision.Accept) / (double)withChange.Count);
            }
        }

        var rotations = run.Impressions.Where(r => r.RotationErrorDeg is not null).Select(r => r.RotationErrorDeg!.Value).ToList();
        var ms = run.Slips.Select(s => s.Milliseconds).ToList();
        int trueSeals = run.Slips.Sum(s => s.TrueSeals);
        return new Figures
        {
            Eer = genuine.Count == 0 || forged.Count == 0 ? 0 : Roc.EqualErrorRate(genuineP, forgedP),
            FarAtAccept = forged.Count == 0 ? 0 : forgedAccepted / (double)forged.Count,
            FarAtAcceptByClass = byClass,
            GenuineAutoAcceptRate = Rate(genuine, SealDecision.Accept),
            GenuineAutoRejectRate = Rate(genuine, SealDecision.Reject),
            ReviewRate = Rate(scored, SealDecision.Review),
            LocalisationRecall = trueSeals == 0 ? 0 : (trueSeals - run.Slips.Sum(s => s.MissedSeals)) / (double)trueSeals,
            FalseDetectionsPerSlip = run.Slips.Count == 0 ? 0 : run.Slips.Sum(s => s.FalseDetections) / (double)run.Slips.Count,
            MedianRotationErrorDeg = rotations.Count == 0 ? 0 : Statistics.Median(rotations),
            MedianMsPerSlip = ms.Count == 0 ? 0 : Statistics.Median(ms),
            AcceptThreshold = model.AcceptThreshold,
            RejectThreshold = model.RejectThreshold,
            MinimumEvidenceToAccept = model.MinimumEvidenceToAccept,
            Seed = run.Options.Seed,
            EngineVersion = EngineInfo.EngineVersion,
            Dpi = run.Options.Dpi,
            GenuineImpressions = genuine.Count,
            ForgedImpressions = forged.Count,
            ForgedByClass = countByClass,
            Slips = run.Slips.Count,
            FarAtAccept95Ci = [low, high],
            EerByClass = eerByClass,
            ReCarvedByChange = byChange,
            GenuineReviewRate = Rate(genuine, SealDecision.Review),
            ForgedRejectRate = Rate(forged, SealDecision.Reject),
            SlotImpressionsMissed = run.Impressions.Count(r => !r.Found),
            SizeMismatches = run.Impressions.Count(r => r.SizeMismatch),
            P95RotationErrorDeg = rotations.Count == 0 ? 0 : Statistics.Percentile(rotations, 95),
            P90MsPerSlip = ms.Count == 0 ? 0 : Statistics.Percentile(ms, 90),
            SpecimensFromOperatorBox = run.Slips.Select(s => s.SpecimensFromOperatorBox).DefaultIfEmpty(0).Max(),
            ElapsedSeconds = Math.Round(run.Elapsed.TotalSeconds, 1),
        };
    }

    /// <summary>Writes report.json, report.md, roc.png, scores.png and impressions.csv into <paramref name="folder"/>.</summary>
    /// <param name="run">The benchmark run.</param>
    /// <param name="model">The score model the figures are for (the engine's decisions).</param>
    /// <param name="folder">Output folder (created).</param>
    /// <param name="comparison">Other score models to report side by side on the same impressions (<c>fusion_comparison</c>), or null.</param>
    /// <param name="challenger">
    /// A fused score model of the challenger pair model (<see cref="SealBenchmarkOptions.ChallengerPairModel"/>),
    /// reported beside the others on the same impressions with the challenger's logits, or null.
    /// </param>
    public static Figures Write(SealBenchmarkResult run, ScoreModel model, string folder, IReadOnlyList<(string Name, ScoreModel Model)>? comparison = null, (string Name, ScoreModel Model)? challenger = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(model);
        Directory.CreateDirectory(folder);
        Figures f = Compute(run, model);
        if (comparison is { Count: > 0 })
        {
            f = f with { FusionComparison = CompareModels(run, comparison) };
        }

        if (challenger is { } c)
        {
            f = f with { FusionComparison = [.. f.FusionComparison ?? [], .. CompareModels(run.WithChallengerLogits(), [c])] };
        }

        File.WriteAllText(Path.Combine(folder, "report.json"), JsonSerializer.Serialize(f, Json));
        WritePlots(run, model, f, folder);
        WriteCsv(run, model, Path.Combine(folder, "impressions.csv"));
        File.WriteAllText(Path.Combine(folder, "report.md"), Markdown(f, model));
        return f;
    }

    internal static (ImpressionRecord Record, double Probability, SealDecision Decision) Score(ImpressionRecord r, ScoreModel model)
    {
        // A slot impression the pipeline did not find goes to a person: it is never accepted. One
        // found but too different in size from the expected specimen does not match it at all.
        if (r.SizeMismatch)
        {
            return (r, 0, SealDecision.Reject);
        }

        if (!r.Found || r.Measurements is null)
        {
            return (r, 0, SealDecision.Review);
        }

        double p = model.Probability(r.Measurements, r.PairLogit);
        return (r, p, model.Decide(p, r.Measurements));
    }

    private static double Rate(List<(ImpressionRecord Record, double Probability, SealDecision Decision)> items, SealDecision decision) =>
        items.Count == 0 ? 0 : items.Count(i => i.Decision == decision) / (double)items.Count;

    private static void WritePlots(SealBenchmarkResult run, ScoreModel model, Figures f, string folder)
    {
        var scored = run.Impressions.Select(r => Score(r, model)).ToList();
        List<double> genuine = [.. scored.Where(s => s.Record.Genuine).Select(s => s.Probability)];
        var curves = new List<CurveSeries>();
        if (genuine.Count > 0 && scored.Any(s => !s.Record.Genuine))
        {
            curves.Add(new CurveSeries("all forgeries", Roc.Compute(genuine, [.. scored.Where(s => !s.Record.Genuine).Select(s => s.Probability)])));
            foreach (string c in ClassNames)
            {
                List<double> inClass = [.. scored.Where(s => s.Record.Class == c).Select(s => s.Probability)];
                if (inClass.Count > 0)
                {
                    curves.Add(new CurveSeries(c + " " + ClassLabel(c), Roc.Compute(genuine, inClass)));
                }
            }

            double frrAtAccept = genuine.Count(p => p < model.AcceptThreshold) / (double)genuine.Count;
            var points = new List<OperatingPoint>
            {
                new("accept threshold", f.FarAtAccept, frrAtAccept),
                new("EER", f.Eer, f.Eer),
            };
            CombinedRocDetPlot.Render(Path.Combine(folder, "roc.png"),
                string.Create(CultureInfo.InvariantCulture, $"Seal verification, seed {f.Seed}: {f.GenuineImpressions} genuine / {f.ForgedImpressions} forged impressions at {f.Dpi} dpi"), curves, points);
        }

        var series = new List<ScoreHistogramSeries> { new("genuine", genuine) };
        foreach (string c in ClassNames)
        {
            List<double> inClass = [.. scored.Where(s => s.Record.Class == c).Select(s => s.Probability)];
            if (inClass.Count > 0)
            {
                series.Add(new ScoreHistogramSeries(c + " " + ClassLabel(c), inClass));
            }
        }

        HistogramPlot.Render(Path.Combine(folder, "scores.png"), "Calibrated probability of genuine, by class", series,
            [("reject", model.RejectThreshold), ("accept", model.AcceptThreshold)]);
    }

    private static void WriteCsv(SealBenchmarkResult run, ScoreModel model, string path)
    {
        var csv = new StringBuilder();
        csv.Append("slip,slot,class,expected_kind,found,found_by,probability,decision,pair_logit,rotation_error_deg,visible_fraction,");
        csv.AppendLine(string.Join(",", ComparisonMeasurements.FeatureNames) + ",changes");
        foreach (var (r, p, d) in run.Impressions.Select(r => Score(r, model)))
        {
            csv.Append(CultureInfo.InvariantCulture, $"{r.Slip},{r.Slot},{r.Class},{r.ExpectedKind},{r.Found},{r.FoundBy},{p:0.######},{d},{r.PairLogit:0.####},{r.RotationErrorDeg:0.###},{r.VisibleFraction:0.###},");
            csv.Append(r.Measurements is null ? string.Join(",", Enumerable.Repeat(string.Empty, ComparisonMeasurements.FeatureNames.Count))
                : string.Join(",", r.Measurements.ToVector().Select(v => v.ToString("0.######", CultureInfo.InvariantCulture))));
            csv.AppendLine("," + Quote(r.Changes));
        }

        File.WriteAllText(path, csv.ToString());
    }

    private static string Quote(string? s) => s is null ? string.Empty : "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    internal static string ClassLabel(string c) => c switch
    {
        "F1" => "re-carved",
        "F2" => "look-alike",
        "F3" => "printed copy",
        "F4" => "customer's other seal",
        "F5" => "unrelated seal",
        _ => c,
    };

    private static string Markdown(Figures f, ScoreModel model)
    {
        static string P(double v) => (v * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %";
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Seal verification benchmark — seed {f.Seed}");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Engine {f.EngineVersion}; {f.Slips} synthetic slips at {f.Dpi} dpi with {f.GenuineImpressions} genuine and {f.ForgedImpressions} forged impressions (forgeries {string.Join(", ", f.ForgedByClass.Select(kv => $"{kv.Key} {kv.Value}"))}).");
        md.AppendLine(CultureInfo.InvariantCulture, $"Thresholds from the embedded calibration ({model.TrainedOn}): accept ≥ {f.AcceptThreshold:0.####}, reject < {f.RejectThreshold:0.####}.");
        md.AppendLine();
        md.AppendLine("| figure | value | target |");
        md.AppendLine("|---|---|---|");
        md.AppendLine(CultureInfo.InvariantCulture, $"| EER | {P(f.Eer)} | ≤ 1 % |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| FAR at accept (95 % CI) | {P(f.FarAtAccept)} ({P(f.FarAtAccept95Ci[0])}–{P(f.FarAtAccept95Ci[1])}) | ≤ 0.1 % |");
        foreach (var kv in f.FarAtAcceptByClass)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| FAR at accept, {kv.Key} {ClassLabel(kv.Key)} | {P(kv.Value)} (EER {P(f.EerByClass[kv.Key])}) | ≤ 0.5 % |");
        }

        md.AppendLine(CultureInfo.InvariantCulture, $"| genuine auto-accept | {P(f.GenuineAutoAcceptRate)} | ≥ 90 % |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| genuine auto-reject | {P(f.GenuineAutoRejectRate)} | ≤ 0.2 % |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| sent to review (all impressions) | {P(f.ReviewRate)} | the rest |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| localisation recall | {P(f.LocalisationRecall)} | ≥ 99.5 % |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| false detections per slip | {f.FalseDetectionsPerSlip:0.####} | ≤ 0.01 |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| median rotation error | {f.MedianRotationErrorDeg:0.###}° (p95 {f.P95RotationErrorDeg:0.###}°) | ≤ 0.5° |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| median time per slip | {f.MedianMsPerSlip:0.#} ms (p90 {f.P90MsPerSlip:0.#} ms) | ≤ 100 ms (BenchmarkDotNet, one core) |");
        md.AppendLine();
        string evidence = f.MinimumEvidenceToAccept > 0
            ? string.Create(CultureInfo.InvariantCulture, $" and at least {f.MinimumEvidenceToAccept:P0} of the specimen's ink was seen and found (min(coverage, 1 − loss_far)); a high score over less of the seal goes to review")
            : "";
        md.AppendLine(CultureInfo.InvariantCulture, $"An impression is accepted when p ≥ {f.AcceptThreshold:0.####}{evidence}; rejected when p < {f.RejectThreshold:0.####}.");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Slot impressions not found: {f.SlotImpressionsMissed} (they go to review and count as not accepted). Specimens taken from an operator box because extraction missed them: {f.SpecimensFromOperatorBox}. Wall time {f.ElapsedSeconds:0} s (generation included; timings per slip are the pipeline only, measured with parallel workers).");
        md.AppendLine();
        if (f.FusionComparison is { Count: > 0 } models)
        {
            md.AppendLine("## Classical versus fused score model");
            md.AppendLine();
            md.AppendLine("The same impressions scored by each embedded model: `classical` uses the comparison measurements only; `fused` adds the learned pair model's logit (`models/seal-pair.onnx`). Each model's own thresholds.");
            md.AppendLine();
            md.AppendLine("| figure | " + string.Join(" | ", models.Select(m => m.Model)) + " |");
            md.AppendLine("|---|" + string.Concat(models.Select(_ => "--:|")));
            md.AppendLine("| EER | " + string.Join(" | ", models.Select(m => P(m.Eer))) + " |");
            foreach (string c in ClassNames)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| EER {c} {ClassLabel(c)} | {string.Join(" | ", models.Select(m => P(m.EerByClass[c])))} |");
            }

            md.AppendLine("| FAR at accept | " + string.Join(" | ", models.Select(m => P(m.FarAtAccept))) + " |");
            foreach (string c in ClassNames)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| FAR at accept, {c} | {string.Join(" | ", models.Select(m => P(m.FarAtAcceptByClass[c])))} |");
            }

            md.AppendLine("| genuine auto-accept | " + string.Join(" | ", models.Select(m => P(m.GenuineAutoAcceptRate))) + " |");
            md.AppendLine("| genuine auto-reject | " + string.Join(" | ", models.Select(m => P(m.GenuineAutoRejectRate))) + " |");
            md.AppendLine("| review (all impressions) | " + string.Join(" | ", models.Select(m => P(m.ReviewRate))) + " |");
            md.AppendLine("| accept threshold | " + string.Join(" | ", models.Select(m => m.AcceptThreshold.ToString("0.####", CultureInfo.InvariantCulture))) + " |");
            md.AppendLine("| evidence an accept needs | " + string.Join(" | ", models.Select(m => m.MinimumEvidenceToAccept > 0 ? m.MinimumEvidenceToAccept.ToString("0.##", CultureInfo.InvariantCulture) : "—")) + " |");
            md.AppendLine();
            foreach (ModelFigures m in models.Where(m => m.PairModelSha256 is not null))
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"`{m.Model}` pair model SHA-256: `{m.PairModelSha256}`; fitted on {m.TrainedOn}.");
            }

            md.AppendLine();
        }

        if (f.ReCarvedByChange.Count > 0)
        {
            md.AppendLine("## Re-carved seals (F1) by their deliberate change");
            md.AppendLine();
            md.AppendLine("Each F1 forgery has one deliberate change (and every element jittered by at most 0.05 mm; half also a stroke-width change of 8–15 %). EER against all genuine impressions, and the fraction accepted at the accept threshold" + (f.FusionComparison is { Count: > 0 } ? ", under each score model." : "."));
            md.AppendLine();
            IReadOnlyList<(string Name, IReadOnlyDictionary<string, ChangeFigures> Figures)> columns = f.FusionComparison is { Count: > 0 } all
                ? [.. all.Select(m => (m.Model, m.ReCarvedByChange))]
                : [("engine", f.ReCarvedByChange)];
            md.AppendLine("| change | n | " + string.Join(" | ", columns.Select(c => $"EER {c.Name} | accepted {c.Name}")) + " |");
            md.AppendLine("|---|--:|" + string.Concat(columns.Select(_ => "--:|--:|")));
            foreach (var (change, figures) in f.ReCarvedByChange)
            {
                md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {change} | {figures.Count} | ") + string.Join(" | ", columns.Select(c => c.Figures.GetValueOrDefault(change) is { } x ? $"{P(x.Eer)} | {P(x.Accepted)}" : "— | —")) + " |");
            }

            md.AppendLine();
        }

        md.AppendLine("![ROC and DET](roc.png)");
        md.AppendLine();
        md.AppendLine("![Score distributions](scores.png)");
        md.AppendLine();
        md.AppendLine("Per-impression measurements: `impressions.csv`.");
        return md.ToString();
    }
}
