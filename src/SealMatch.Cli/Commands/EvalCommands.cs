using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SealMatch.Engine.Comparison;
using SealMatch.Engine.Models;
using SealMatch.Engine.Verification;
using SealMatch.Evaluation.Seals;
using SealMatch.Synthesis;

namespace SealMatch.Cli.Commands;

/// <summary><c>eval seals</c>: the reproducible benchmark on a freshly generated slip set.</summary>
internal static class EvalCommands
{
    public static Command Build()
    {
        var eval = new Command("eval", "Evaluate the engine on freshly generated labelled data.");
        eval.Subcommands.Add(BuildSeals());
        eval.Subcommands.Add(EvalSignaturesCommand.BuildEval());
        return eval;
    }

    internal static (Option<int> Seed, Option<int> Genuine, Option<int> Forged, Option<int> Dpi, Option<int> Workers) SetOptions()
    {
        var seed = new Option<int>("--seed") { Description = "Seed of the generated set (use seeds never used for calibration or development).", Required = true };
        var genuine = new Option<int>("--genuine") { Description = "Genuine impressions.", DefaultValueFactory = _ => 2000 };
        var forged = new Option<int>("--forged") { Description = "Forged impressions, split evenly over F1–F5.", DefaultValueFactory = _ => 2000 };
        var dpi = new Option<int>("--dpi") { Description = "Scan resolution of slips and specimen cards (200, 300 or 600).", DefaultValueFactory = _ => 300 };
        var workers = new Option<int>("--workers") { Description = "Slips processed in parallel (default: one per core).", DefaultValueFactory = _ => Environment.ProcessorCount };
        return (seed, genuine, forged, dpi, workers);
    }

    private static Command BuildSeals()
    {
        var (seed, genuine, forged, dpi, workers) = SetOptions();
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for report.json, report.md, roc.png, scores.png and impressions.csv.", Required = true };
        var modelFile = new Option<FileInfo?>("--model") { Description = "Score model JSON to evaluate instead of the one embedded in the engine." };
        var failures = new Option<DirectoryInfo?>("--save-failures") { Description = "Save slips with a missed seal or a false detection here, for diagnosis." };
        var differences = new Option<DirectoryInfo?>("--save-differences") { Description = "Save the difference picture of every slot impression here (diagnosis; use with --only-slips)." };
        var only = new Option<int[]>("--only-slips") { Description = "Run only these slips of the set (diagnosis; comma or space separated).", AllowMultipleArgumentsPerToken = true, CustomParser = r => [.. r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries)).Select(v => int.Parse(v, System.Globalization.CultureInfo.InvariantCulture))] };
        var challengerFolder = new Option<DirectoryInfo?>("--challenger")
        {
            Description = "Folder with another seal-pair.onnx and its seal-score-model-fused.json: scored on the same registered pairs and reported beside the embedded models (model comparison).",
        };
        var compareFiles = new Option<FileInfo[]>("--compare")
        {
            Description = "Further score model JSON files (e.g. refitted by calibrate seals) to score on the same impressions and report beside the embedded models, each under its file name; a fused one must have been fitted with the embedded pair model.",
            AllowMultipleArgumentsPerToken = true,
        };
        Option<string[]> classes = ExportCommands.ClassesOption("Diagnosis: deal the forged impressions over these classes only (e.g. F1); the figures are then not the benchmark's, which is F1–F5 evenly.");
        var command = new Command("seals", "Generate a slip set from a seed, run localise → register → score → decide, and report FAR/FRR.")
        {
            seed, genuine, forged, dpi, workers, output, modelFile, failures, only, differences, challengerFolder, compareFiles, classes,
        };
        command.SetAction(parse =>
        {
            ForgeryClass[] chosen;
            try
            {
                chosen = [.. (parse.GetValue(classes) ?? []).Select(ExportCommands.ParseClass)];
            }
            catch (FormatException e)
            {
                return CliOutput.Error("--classes: " + e.Message);
            }

            ScoreModel? model;
            if (parse.GetValue(modelFile) is FileInfo file)
            {
                using FileStream stream = file.OpenRead();
                model = ScoreModel.Load(stream);
            }
            else
            {
                model = ScoreModel.LoadDefault();
            }

            if (model is null)
            {
                return CliOutput.Error("no score model: run `calibrate seals` first or pass --model.", CliOutput.Failure);
            }

            if (parse.GetValue(dpi) is < 150 or > 1200)
            {
                return CliOutput.Error("--dpi must be between 150 and 1200.");
            }

            // The pair model runs on every comparison when it is embedded, so that one run scores the
            // impressions under both the classical and the fused model (fusion_comparison).
            OnnxModel? pairModel = OnnxModel.Embedded(SealPairInput.ModelName);
            List<(string Name, ScoreModel Model)> extra = [];
            foreach (FileInfo compareFile in parse.GetValue(compareFiles) ?? [])
            {
                if (!compareFile.Exists)
                {
                    return CliOutput.Error($"--compare: {compareFile.FullName} does not exist.");
                }

                try
                {
                    using FileStream stream = compareFile.OpenRead();
                    ScoreModel compared = ScoreModel.Load(stream);
                    if (compared.UsesPairLogit && !string.Equals(compared.PairModelSha256, pairModel?.Sha256, StringComparison.OrdinalIgnoreCase))
                    {
                        return CliOutput.Error($"--compare: {compareFile.Name} was fitted with another pair model than the one the engine embeds (use --challenger for another pair model).");
                    }

                    extra.Add((Path.GetFileNameWithoutExtension(compareFile.Name), compared));
                }
                catch (Exception e) when (e is InvalidDataException or JsonException)
                {
                    return CliOutput.Error($"--compare: {compareFile.Name} is not a score model ({e.Message}).");
                }
            }

            // Loaded last among the checks: the challenger's session is disposed once the run is over.
            (OnnxModel Pair, ScoreModel Fused)? challenger = null;
            if (parse.GetValue(challengerFolder) is DirectoryInfo folderInfo)
            {
                string onnx = ChallengerFolder.PairModelPath(folderInfo);
                string json = ChallengerFolder.ScoreModelPath(folderInfo);
                if (!File.Exists(onnx) || !File.Exists(json))
                {
                    return CliOutput.Error($"--challenger: {folderInfo.FullName} needs {ChallengerFolder.PairModelFileName} and {ChallengerFolder.ScoreModelFileName}.");
                }

                using FileStream stream = File.OpenRead(json);
                ScoreModel fusedChallenger = ScoreModel.Load(stream);
                OnnxModel pairChallenger = OnnxModel.FromFile(onnx);
                if (!fusedChallenger.UsesPairLogit || !string.Equals(fusedChallenger.PairModelSha256, pairChallenger.Sha256, StringComparison.OrdinalIgnoreCase))
                {
                    pairChallenger.Dispose();
                    return CliOutput.Error($"--challenger: {ChallengerFolder.ScoreModelFileName} was not fitted with that {ChallengerFolder.PairModelFileName} (SHA-256 {pairChallenger.Sha256[..12]}…).");
                }

                challenger = (pairChallenger, fusedChallenger);
            }

            var options = new SealBenchmarkOptions
            {
                ChallengerPairModel = challenger?.Pair,
                Seed = parse.GetValue(seed),
                Genuine = parse.GetValue(genuine),
                Forged = parse.GetValue(forged),
                Dpi = parse.GetValue(dpi),
                Workers = Math.Max(1, parse.GetValue(workers)),
                FailureFolder = parse.GetValue(failures)?.FullName,
                OnlySlips = parse.GetValue(only) is { Length: > 0 } slips ? slips.ToHashSet() : null,
                DifferenceFolder = parse.GetValue(differences)?.FullName,
                ForgeryClasses = chosen.Length == 0 ? null : chosen,
            };
            string folder = parse.GetValue(output)!.FullName;
            Console.Error.WriteLine($"eval seals: seed {options.Seed}, {options.Genuine} genuine + {options.Forged} forged impressions at {options.Dpi} dpi → {folder}");
            List<(string Name, ScoreModel Model)> comparison = [];
            if (pairModel is not null && parse.GetValue(modelFile) is null
                && ScoreModel.LoadClassical() is { } classical && ScoreModel.LoadFused() is { } fused && fused.PairModelSha256 == pairModel.Sha256)
            {
                comparison = [("classical", classical), ("fused", fused)];
            }

            comparison.AddRange(extra);

            SealBenchmarkResult run;
            using (challenger?.Pair)
            {
                run = SealBenchmark.Run(options, new SealEngine(model, pairModel: pairModel) { KeepPairInputs = challenger is not null }, new ProgressBar("eval"));
            }

            SealEvaluationReport.Figures f = SealEvaluationReport.Write(run, model, folder, comparison, challenger is { } c ? ("challenger", c.Fused) : null);
            Console.WriteLine(Summary(f));
            foreach (SealEvaluationReport.ModelFigures m in f.FusionComparison ?? [])
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{m.Model,-9}: EER {m.Eer:P2} (F1 {m.EerByClass["F1"]:P2}, F2 {m.EerByClass["F2"]:P2}, F3 {m.EerByClass["F3"]:P2}, F4 {m.EerByClass["F4"]:P2}, F5 {m.EerByClass["F5"]:P2}) | FAR at accept {m.FarAtAccept:P3} | genuine auto-accept {m.GenuineAutoAcceptRate:P2}"));
            }

            return 0;
        });
        return command;
    }

    internal static string Summary(SealEvaluationReport.Figures f) => string.Create(CultureInfo.InvariantCulture,
        $"""
        EER {f.Eer:P2} | FAR at accept {f.FarAtAccept:P3} (F1 {f.FarAtAcceptByClass["F1"]:P2}, F2 {f.FarAtAcceptByClass["F2"]:P2}, F3 {f.FarAtAcceptByClass["F3"]:P2}, F4 {f.FarAtAcceptByClass["F4"]:P2}, F5 {f.FarAtAcceptByClass["F5"]:P2})
        genuine: auto-accept {f.GenuineAutoAcceptRate:P2}, auto-reject {f.GenuineAutoRejectRate:P2}; review {f.ReviewRate:P2} of all impressions
        localisation recall {f.LocalisationRecall:P2}, false detections {f.FalseDetectionsPerSlip:0.###}/slip, median rotation error {f.MedianRotationErrorDeg:0.###}°, median {f.MedianMsPerSlip:0} ms/slip
        """);
}
