using System.CommandLine;
using SealMatch.Engine.Comparison;
using SealMatch.Engine.Models;
using SealMatch.Engine.Verification;
using SealMatch.Evaluation.Seals;

namespace SealMatch.Cli.Commands;

/// <summary><c>calibrate seals</c>: fits the score model and thresholds on generated data.</summary>
internal static class CalibrateCommands
{
    public static Command Build()
    {
        var calibrate = new Command("calibrate", "Fit the engine's score model on freshly generated labelled data.");
        var (seed, genuine, forged, dpi, workers) = EvalCommands.SetOptions();
        var output = new Option<FileInfo>("--out")
        {
            Description = "Where to write the model (the engine embeds src/SealMatch.Engine/Comparison/seal-score-model.json).",
            DefaultValueFactory = _ => new FileInfo("seal-score-model.json"),
        };
        var fusedOutput = new Option<FileInfo?>("--fused-out")
        {
            Description = "Where to write the fused model (measurements plus the pair model's logit; the engine embeds src/SealMatch.Engine/Comparison/seal-score-model-fused.json). Default: next to --out. Needs models/seal-pair.onnx in the build.",
        };
        var challengerFolder = new Option<DirectoryInfo?>("--challenger")
        {
            Description = $"Folder holding a challenger {ChallengerFolder.PairModelFileName}: its logits are measured on the same registered pairs, and its own fused model is written beside it as {ChallengerFolder.ScoreModelFileName} (the folder `eval seals --challenger` takes).",
        };
        var report = new Option<DirectoryInfo?>("--report") { Description = "Also write the in-sample report (report.md, roc.png, …) here." };
        var failures = new Option<DirectoryInfo?>("--save-failures") { Description = "Save slips with a missed seal or a false detection here, for diagnosis." };
        var differences = new Option<DirectoryInfo?>("--save-differences") { Description = "Save the difference picture of every slot impression here (diagnosis; use with --only-slips)." };
        var thresholdsOnly = new Option<bool>("--thresholds-only")
        {
            Description = "Keep the embedded models' weights and choose only their thresholds and the evidence an accept needs (a change of decision policy, measured without refitting).",
        };
        var acceptEvidence = new Option<double>("--accept-evidence")
        {
            Description = "Evidence an accept needs, min(coverage, 1 - loss_far), 0..1 (default 0: none). Forgeries below it cannot be accepted and do not set the accept threshold.",
            DefaultValueFactory = _ => 0,
        };
        var only = new Option<int[]>("--only-slips") { Description = "Run only these slips of the set (diagnosis; comma or space separated).", AllowMultipleArgumentsPerToken = true, CustomParser = r => [.. r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries)).Select(v => int.Parse(v, System.Globalization.CultureInfo.InvariantCulture))] };
        var seals = new Command("seals", "Generate a calibration set, measure every impression, fit the logistic model, choose the thresholds.")
        {
            seed, genuine, forged, dpi, workers, output, fusedOutput, challengerFolder, report, failures, only, differences, thresholdsOnly, acceptEvidence,
        };
        seals.SetAction(parse =>
        {
            var options = new SealBenchmarkOptions
            {
                Seed = parse.GetValue(seed),
                Genuine = parse.GetValue(genuine),
                Forged = parse.GetValue(forged),
                Dpi = parse.GetValue(dpi),
                Workers = Math.Max(1, parse.GetValue(workers)),
                FailureFolder = parse.GetValue(failures)?.FullName,
                OnlySlips = parse.GetValue(only) is { Length: > 0 } slips ? slips.ToHashSet() : null,
                DifferenceFolder = parse.GetValue(differences)?.FullName,
            };
            double evidence = parse.GetValue(acceptEvidence);
            if (!(evidence >= 0 && evidence <= 1))
            {
                return CliOutput.Error("--accept-evidence: must lie between 0 and 1 (a share of the specimen's ink).");
            }

            var targets = new SealCalibration.CalibrationTargets { MinimumEvidenceToAccept = evidence };
            if (options.Genuine < SealCalibration.MinimumImpressions || options.Forged < SealCalibration.MinimumImpressions)
            {
                return CliOutput.Error($"--genuine and --forged: a fit needs at least {SealCalibration.MinimumImpressions} of each (more is better; the shipped models used 1500).");
            }

            DirectoryInfo? challengerInfo = parse.GetValue(challengerFolder);
            if (challengerInfo is not null && parse.GetValue(thresholdsOnly))
            {
                return CliOutput.Error("--thresholds-only keeps the embedded models' weights; a --challenger has no fitted model to keep. Fit the challenger without --thresholds-only.");
            }

            string? challengerOnnx = challengerInfo is null ? null : ChallengerFolder.PairModelPath(challengerInfo);
            if (challengerOnnx is not null && !File.Exists(challengerOnnx))
            {
                return CliOutput.Error($"--challenger: {challengerOnnx} does not exist.");
            }

            OnnxModel? pairModel = OnnxModel.Embedded(SealPairInput.ModelName);
            if (challengerOnnx is not null && pairModel is null)
            {
                return CliOutput.Error($"--challenger: the engine embeds no {SealPairInput.ModelName}.onnx to run beside it.");
            }

            OnnxModel? challenger;
            try
            {
                challenger = challengerOnnx is null ? null : OnnxModel.FromFile(challengerOnnx);
            }
            catch (InvalidDataException e)
            {
                return CliOutput.Error($"--challenger: {e.Message}");
            }

            using (challenger)
            {
                Console.Error.WriteLine($"calibrate seals: seed {options.Seed}, {options.Genuine} genuine + {options.Forged} forged impressions at {options.Dpi} dpi"
                    + (challenger is null ? "" : $"; challenger pair model {challenger.Sha256[..12]}…"));
                // The pair model's logit is measured alongside (the classical fit ignores it), and the challenger's on the same pairs.
                var engine = new SealEngine(model: null, detector: null, useEmbeddedModel: false, pairModel: pairModel) { KeepPairInputs = challenger is not null };
                SealBenchmarkResult run = SealBenchmark.Run(options with { ChallengerPairModel = challenger }, engine, new ProgressBar("calibrate"));
                ScoreModel model;
                ScoreModel? fused, challengerFused;
                try
                {
                    if (parse.GetValue(thresholdsOnly))
                    {
                        ScoreModel? shipped = ScoreModel.LoadClassical();
                        ScoreModel? shippedFused = ScoreModel.LoadFused();
                        if (shipped is null || (pairModel is not null && shippedFused is null))
                        {
                            return CliOutput.Error("--thresholds-only: the engine embeds no score model to keep the weights of.");
                        }

                        if (shippedFused is not null && pairModel is not null && shippedFused.PairModelSha256 != pairModel.Sha256)
                        {
                            return CliOutput.Error("--thresholds-only: the embedded fused model was fitted with another pair model; fit it again instead.");
                        }

                        model = SealCalibration.Rethreshold(run, shipped, targets);
                        fused = pairModel is null ? null : SealCalibration.Rethreshold(run, shippedFused!, targets);
                        challengerFused = null;
                    }
                    else
                    {
                        model = SealCalibration.Fit(run, targets);
                        fused = pairModel is null ? null : SealCalibration.Fit(run, targets, pairModel.Sha256);
                        challengerFused = challenger is null ? null : SealCalibration.Fit(run.WithChallengerLogits(), targets, challenger.Sha256);
                    }
                }
                catch (InvalidOperationException e)
                {
                    // Every fit first, then the files: a failed fit leaves no half-written set of models.
                    return CliOutput.Error($"calibrate seals: {e.Message} Generate a larger set.", CliOutput.Failure);
                }

                FileInfo file = parse.GetValue(output)!;
                Save(model, file, "classical model");
                if (fused is not null)
                {
                    FileInfo fusedFile = parse.GetValue(fusedOutput) ?? new FileInfo(Path.Combine(file.DirectoryName ?? ".", Path.GetFileNameWithoutExtension(file.Name) + "-fused.json"));
                    Save(fused, fusedFile, $"fused model (pair model {pairModel!.Sha256[..12]}…)");
                }
                else
                {
                    Console.Error.WriteLine("no pair model embedded (models/seal-pair.onnx): only the classical model was fitted.");
                }

                if (challengerFused is not null)
                {
                    Save(challengerFused, new FileInfo(ChallengerFolder.ScoreModelPath(challengerInfo!)), $"challenger's fused model (pair model {challenger!.Sha256[..12]}…)");
                }

                if (parse.GetValue(report) is DirectoryInfo folder)
                {
                    SealEvaluationReport.Figures f = SealEvaluationReport.Write(run, model, folder.FullName);
                    Console.WriteLine("in-sample (optimistic, for diagnosis only):");
                    Console.WriteLine(EvalCommands.Summary(f));
                }
            }

            return 0;
        });
        calibrate.Subcommands.Add(seals);
        calibrate.Subcommands.Add(EvalSignaturesCommand.BuildCalibrate());
        return calibrate;
    }

    private static void Save(ScoreModel model, FileInfo file, string what)
    {
        file.Directory?.Create();
        using (FileStream stream = File.Create(file.FullName))
        {
            model.Save(stream);
        }

        Console.WriteLine($"{what} written to {file.FullName}: accept ≥ {model.AcceptThreshold:0.######}, reject < {model.RejectThreshold:0.######}");
    }
}
