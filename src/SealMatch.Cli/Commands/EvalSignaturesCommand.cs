using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using SealMatch.Engine.Models;
using SealMatch.Engine.Signatures;
using SealMatch.Evaluation.Signatures;

namespace SealMatch.Cli.Commands;

/// <summary><c>eval signatures</c> and <c>calibrate signatures</c>: writer-dependent verification on a folder of signatures by writer.</summary>
internal static class EvalSignaturesCommand
{
    private sealed record Inputs(
        Option<DirectoryInfo> Data, Option<string> Writers, Option<int> References, Option<SignatureMedia> Media, Option<int> Seed,
        Option<FileInfo?> Model, Option<int> Workers, Option<int?> Texts);

    private static Inputs CommonOptions(string writersHelp) => new(
        new Option<DirectoryInfo>("--data") { Description = "Folder laid out writer-NNN/K.png|jpg|tif (+ writer-NNN/forged/*); raw or prepared images.", Required = true },
        new Option<string>("--writers") { Description = writersHelp, Required = true },
        new Option<int>("--references") { Description = "References drawn per writer.", DefaultValueFactory = _ => 5 },
        SignaturesCommands.MediaOption(),
        new Option<int>("--seed") { Description = "Seed of the reference draws.", DefaultValueFactory = _ => 1 },
        new Option<FileInfo?>("--model") { Description = "Embedding model (.onnx) instead of the one embedded in the engine." },
        new Option<int>("--workers") { Description = "Images processed in parallel (default: one per core).", DefaultValueFactory = _ => Environment.ProcessorCount },
        new Option<int?>("--texts") { Description = "Writers wrote N texts in turn (image K is text (K-1) mod N; the shared set: 10): a signatory is a writer signing one text, impostors sign the same text." });

    /// <summary><c>eval signatures</c>.</summary>
    public static Command BuildEval()
    {
        Inputs i = CommonOptions("Writers evaluated, from-to (e.g. 61-70); every other writer in the range is an impostor.");
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for report.json, report.md and roc.png.", Required = true };
        var scoreModel = new Option<FileInfo?>("--score-model") { Description = "Calibrated decision JSON instead of the one embedded in the engine." };
        var evalDraws = new Option<int>("--draws") { Description = "Independent reference draws per writer (more trials from the same images).", DefaultValueFactory = _ => 1 };
        var command = new Command("signatures", "Verify each writer's signatures against k references; other writers are impostors, forged/ are skilled forgeries.")
        {
            i.Data, i.Writers, i.References, i.Media, i.Seed, i.Model, i.Workers, i.Texts, evalDraws, output, scoreModel,
        };
        command.SetAction(parse => Run(parse, i, (options, engine) =>
        {
            SignatureScoreModel? model = parse.GetValue(scoreModel) is FileInfo file ? LoadScoreModel(file) : engine.ScoreModel;
            if (model is null)
            {
                return CliOutput.Error("no calibrated signature decision for this embedding model: run `calibrate signatures` first or pass --score-model.", CliOutput.Failure);
            }

            if (!string.Equals(model.EmbeddingModelSha256, engine.ModelSha256, StringComparison.OrdinalIgnoreCase))
            {
                return CliOutput.Error($"the decision was calibrated for embedding model {model.EmbeddingModelSha256[..12]}…, not {engine.ModelSha256[..12]}….", CliOutput.Failure);
            }

            options = options with { Draws = Math.Max(1, parse.GetValue(evalDraws)) };
            SignatureTrialSet set = SignatureTrials.Build(options, engine, model.PriorSpread, Progress("eval"));
            string folder = parse.GetValue(output)!.FullName;
            SignatureEvaluationReport.Figures f = SignatureEvaluationReport.Write(set, model, options, folder);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"EER {f.Eer:P2}{(f.EerSkilled is { } s ? $" (skilled {s:P2})" : string.Empty)} | FAR at accept {f.FarAtAccept:P2}{(f.FarSkilledAtAccept is { } fs ? $" (skilled {fs:P2})" : string.Empty)}, FRR at accept {f.FrrAtAccept:P2} | genuine auto-accept {f.GenuineAutoAcceptRate:P2}, review {f.ReviewRate:P2} | median {f.MedianMsPerSignature:0.0} ms/signature → {folder}"));
            return 0;
        }));
        return command;
    }

    /// <summary><c>calibrate signatures</c>.</summary>
    public static Command BuildCalibrate()
    {
        Inputs i = CommonOptions("Validation writers, from-to (e.g. 51-60); never the writers you report on.");
        var draws = new Option<int>("--draws") { Description = "Independent reference draws per writer.", DefaultValueFactory = _ => 10 };
        var output = new Option<FileInfo>("--out")
        {
            Description = "Where to write the model (the engine embeds src/SealMatch.Engine/Signatures/signature-score-model.json).",
            DefaultValueFactory = _ => new FileInfo("signature-score-model.json"),
        };
        var command = new Command("signatures", "Fit the writer-dependent signature decision and its thresholds on validation writers.")
        {
            i.Data, i.Writers, i.References, i.Media, i.Seed, i.Model, i.Workers, i.Texts, draws, output,
        };
        command.SetAction(parse => Run(parse, i, (options, engine) =>
        {
            options = options with { Draws = Math.Max(1, parse.GetValue(draws)) };
            SignatureTrialSet set = SignatureTrials.Build(options, engine, priorSpread: null, Progress("calibrate"));
            SignatureScoreModel model = SignatureCalibration.Fit(set, options);
            FileInfo file = parse.GetValue(output)!;
            file.Directory?.Create();
            using (FileStream stream = File.Create(file.FullName))
            {
                model.Save(stream);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"model written to {file.FullName}: accept ≥ {model.AcceptThreshold:0.######}, reject < {model.RejectThreshold:0.######}, prior spread {model.PriorSpread:0.####} ({set.Trials.Count} trials)"));
            return 0;
        }));
        return command;
    }

    private static int Run(ParseResult parse, Inputs i, Func<SignatureTrialOptions, SignatureEngine, int> body)
    {
        if (!TryParseRange(parse.GetValue(i.Writers)!, out int first, out int last))
        {
            return CliOutput.Error("--writers must be from-to, e.g. 61-70.");
        }

        if (parse.GetValue(i.References) < 1)
        {
            return CliOutput.Error("--references must be at least 1.");
        }

        DirectoryInfo data = parse.GetValue(i.Data)!;
        if (!data.Exists)
        {
            return CliOutput.Error($"no folder {data.FullName}.");
        }

        OnnxModel? owned = parse.GetValue(i.Model) is FileInfo file ? OnnxModel.FromFile(file.FullName) : null;
        try
        {
            SignatureEngine? engine = owned is not null ? new SignatureEngine(owned, SignatureScoreModel.LoadDefault()) : SignatureEngine.Default;
            if (engine is null)
            {
                return CliOutput.Error("the engine was built without models/signature-embedding.onnx: pass --model.", CliOutput.Failure);
            }

            var options = new SignatureTrialOptions
            {
                Data = data.FullName,
                FirstWriter = first,
                LastWriter = last,
                References = parse.GetValue(i.References),
                Media = parse.GetValue(i.Media),
                Seed = parse.GetValue(i.Seed),
                Workers = Math.Max(1, parse.GetValue(i.Workers)),
                Texts = parse.GetValue(i.Texts) is int texts and > 0 ? texts : null,
            };
            Console.Error.WriteLine($"signatures: {data.FullName}, writers {first}-{last}, {options.Media.ToString().ToLowerInvariant()}, {options.References} references, model {engine.ModelSha256[..12]}…");
            return body(options, engine);
        }
        catch (InvalidOperationException e)
        {
            return CliOutput.Error(e.Message);
        }
        finally
        {
            owned?.Dispose();
        }
    }

    private static SignatureScoreModel LoadScoreModel(FileInfo file)
    {
        using FileStream stream = file.OpenRead();
        return SignatureScoreModel.Load(stream);
    }

    internal static bool TryParseRange(string text, out int first, out int last)
    {
        string[] parts = text.Split('-', 2);
        first = last = 0;
        return int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out first)
            && int.TryParse(parts.Length == 2 ? parts[1] : parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out last)
            && first <= last;
    }

    private static LineProgress Progress(string label) => new(label);

    /// <summary>A progress line on stderr every few seconds (synchronous: lines arrive in order).</summary>
    private sealed class LineProgress(string label) : IProgress<(int Done, int Total)>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly Lock _gate = new();
        private TimeSpan _last = TimeSpan.Zero;

        public void Report((int Done, int Total) value)
        {
            lock (_gate)
            {
                if (value.Done == value.Total || _clock.Elapsed - _last > TimeSpan.FromSeconds(5))
                {
                    _last = _clock.Elapsed;
                    Console.Error.WriteLine($"{label}: {value.Done}/{value.Total} signatures, {_clock.Elapsed.TotalSeconds:F0} s");
                }
            }
        }
    }
}
