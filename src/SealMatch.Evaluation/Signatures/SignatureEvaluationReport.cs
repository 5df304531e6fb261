using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using SealMatch.Engine.Signatures;
using SealMatch.Evaluation.Metrics;
using SealMatch.Evaluation.Plots;

namespace SealMatch.Evaluation.Signatures;

/// <summary>Scores signature trials with a calibrated model and writes report.json, report.md and roc.png.</summary>
public static class SignatureEvaluationReport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The reported figures (report.json).</summary>
    public sealed record Figures
    {
        /// <summary>Equal error rate, genuine against impostors (other writers).</summary>
        public required double Eer { get; init; }

        /// <summary>Equal error rate, genuine against skilled forgeries; null without forgeries.</summary>
        public double? EerSkilled { get; init; }

        /// <summary>Share of impostors accepted at the accept threshold.</summary>
        public required double FarAtAccept { get; init; }

        /// <summary>Share of skilled forgeries accepted at the accept threshold; null without forgeries.</summary>
        public double? FarSkilledAtAccept { get; init; }

        /// <summary>Share of genuine signatures below the accept threshold (not passed automatically).</summary>
        public required double FrrAtAccept { get; init; }

        /// <summary>Share of genuine signatures accepted automatically.</summary>
        public required double GenuineAutoAcceptRate { get; init; }

        /// <summary>Share of genuine signatures rejected automatically.</summary>
        public required double GenuineAutoRejectRate { get; init; }

        /// <summary>Share of all questioned signatures sent to review.</summary>
        public required double ReviewRate { get; init; }

        /// <summary>Median time to normalise and embed one signature (one thread).</summary>
        public required double MedianMsPerSignature { get; init; }

        /// <summary>Genuine trials.</summary>
        public required int GenuineTrials { get; init; }

        /// <summary>Impostor trials.</summary>
        public required int ImpostorTrials { get; init; }

        /// <summary>Skilled-forgery trials.</summary>
        public required int SkilledTrials { get; init; }

        /// <summary>Images in which no signature was found.</summary>
        public required int RefusedImages { get; init; }

        /// <summary>Writers evaluated.</summary>
        public required int Writers { get; init; }

        /// <summary>References per writer.</summary>
        public required int References { get; init; }

        /// <summary>paper or all.</summary>
        public required string Media { get; init; }

        /// <summary>Seed of the reference draws.</summary>
        public required int Seed { get; init; }

        /// <summary>Reference draws per signatory.</summary>
        public int Draws { get; init; } = 1;

        /// <summary>
        /// <c>writer</c>: a signatory is a writer (all their images); <c>same-text (N texts)</c>: a writer
        /// signing one text, impostors signing the same text (<c>--texts</c>).
        /// </summary>
        public string Protocol { get; init; } = "writer";

        /// <summary>Accept threshold used.</summary>
        public required double AcceptThreshold { get; init; }

        /// <summary>Reject threshold used.</summary>
        public required double RejectThreshold { get; init; }

        /// <summary>SHA-256 of the embedding model.</summary>
        public required string ModelSha256 { get; init; }
    }

    /// <summary>Computes the figures and writes the report files into <paramref name="folder"/>.</summary>
    public static Figures Write(SignatureTrialSet set, SignatureScoreModel model, SignatureTrialOptions options, string folder)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        Directory.CreateDirectory(folder);
        var scored = set.Trials.Select(t => (Trial: t, P: model.Probability(t.Distances))).ToList();
        List<double> genuine = [.. scored.Where(s => s.Trial.Kind == TrialKind.Genuine).Select(s => s.P)];
        List<double> impostor = [.. scored.Where(s => s.Trial.Kind == TrialKind.Impostor).Select(s => s.P)];
        List<double> skilled = [.. scored.Where(s => s.Trial.Kind == TrialKind.Skilled).Select(s => s.P)];
        if (genuine.Count == 0 || impostor.Count == 0)
        {
            throw new InvalidOperationException("The evaluation needs genuine and impostor trials.");
        }

        int review = scored.Count(s => model.Decide(s.P) == SignatureDecision.Review);
        var f = new Figures
        {
            Eer = Roc.EqualErrorRate(genuine, impostor),
            EerSkilled = skilled.Count > 0 ? Roc.EqualErrorRate(genuine, skilled) : null,
            FarAtAccept = ErrorRates.FalseAcceptRate(impostor, model.AcceptThreshold),
            FarSkilledAtAccept = skilled.Count > 0 ? ErrorRates.FalseAcceptRate(skilled, model.AcceptThreshold) : null,
            FrrAtAccept = ErrorRates.FalseRejectRate(genuine, model.AcceptThreshold),
            GenuineAutoAcceptRate = 1 - ErrorRates.FalseRejectRate(genuine, model.AcceptThreshold),
            GenuineAutoRejectRate = ErrorRates.FalseRejectRate(genuine, model.RejectThreshold),
            ReviewRate = review / (double)scored.Count,
            MedianMsPerSignature = set.MillisecondsPerSignature.Count > 0 ? Statistics.Median(set.MillisecondsPerSignature) : double.NaN,
            GenuineTrials = genuine.Count,
            ImpostorTrials = impostor.Count,
            SkilledTrials = skilled.Count,
            RefusedImages = set.Refused.Count,
            Writers = set.Writers.Count,
            References = options.References,
            Media = options.Media.ToString().ToLowerInvariant(),
            Seed = options.Seed,
            Draws = options.Draws,
            Protocol = options.Texts is int n ? string.Create(CultureInfo.InvariantCulture, $"same-text ({n} texts)") : "writer",
            AcceptThreshold = model.AcceptThreshold,
            RejectThreshold = model.RejectThreshold,
            ModelSha256 = set.ModelSha256,
        };

        File.WriteAllText(Path.Combine(folder, "report.json"), JsonSerializer.Serialize(f, Json));
        File.WriteAllText(Path.Combine(folder, "report.md"), Markdown(f, options, set));
        var curves = new List<CurveSeries> { new("other writers (impostors)", Roc.Compute(genuine, impostor)) };
        if (skilled.Count > 0)
        {
            curves.Add(new CurveSeries("skilled forgeries", Roc.Compute(genuine, skilled)));
        }

        CombinedRocDetPlot.Render(Path.Combine(folder, "roc.png"),
            string.Create(CultureInfo.InvariantCulture, $"Signature verification, writers {options.FirstWriter}–{options.LastWriter}, {options.Media.ToString().ToLowerInvariant()}, {options.References} references: {genuine.Count} genuine / {impostor.Count} impostor / {skilled.Count} skilled"),
            curves,
            [new OperatingPoint("accept threshold", f.FarAtAccept, f.FrrAtAccept), new OperatingPoint("EER", f.Eer, f.Eer)]);
        return f;
    }

    private static string Markdown(Figures f, SignatureTrialOptions options, SignatureTrialSet set)
    {
        var md = new StringBuilder();
        CultureInfo c = CultureInfo.InvariantCulture;
        md.AppendLine("# Signature verification report").AppendLine();
        md.AppendLine(c, $"Data `{options.Data}`, writers {options.FirstWriter}–{options.LastWriter} ({f.Writers} found), media {f.Media}, {f.References} references per writer drawn with seed {f.Seed}.");
        md.AppendLine(c, $"Protocol: {f.Protocol}; {f.Draws} reference draw(s) per signatory.");
        md.AppendLine(options.Texts is int texts
            ? string.Create(c, $"Each writer wrote {texts} texts in turn (image K is text (K − 1) mod {texts}); a signatory is a writer signing one text: references and genuine questions are that writer's images of the text, impostors the other writers' images of the same text.")
            : "A signatory is a writer: references and genuine questions are drawn from all of the writer's images (in the shared set these differ in text: text-independent).");
        md.AppendLine(c, $"Embedding model SHA-256 `{f.ModelSha256}`; accept at p ≥ {f.AcceptThreshold:0.######}, reject below {f.RejectThreshold:0.######}.").AppendLine();
        md.AppendLine("| figure | value |").AppendLine("|---|---|");
        md.AppendLine(c, $"| EER (genuine vs other writers) | {f.Eer:P2} |");
        if (f.EerSkilled is { } es)
        {
            md.AppendLine(c, $"| EER (genuine vs skilled forgeries) | {es:P2} |");
        }

        md.AppendLine(c, $"| FAR at accept (other writers) | {f.FarAtAccept:P2} |");
        if (f.FarSkilledAtAccept is { } fs)
        {
            md.AppendLine(c, $"| FAR at accept (skilled forgeries) | {fs:P2} |");
        }

        md.AppendLine(c, $"| FRR at accept | {f.FrrAtAccept:P2} |");
        md.AppendLine(c, $"| genuine auto-accept | {f.GenuineAutoAcceptRate:P2} |");
        md.AppendLine(c, $"| genuine auto-reject | {f.GenuineAutoRejectRate:P2} |");
        md.AppendLine(c, $"| review rate (all questions) | {f.ReviewRate:P2} |");
        md.AppendLine(c, $"| median ms per signature (normalise + embed, one thread) | {f.MedianMsPerSignature:0.0} |");
        md.AppendLine(c, $"| trials genuine / impostor / skilled | {f.GenuineTrials} / {f.ImpostorTrials} / {f.SkilledTrials} |");
        md.AppendLine(c, $"| images without a usable signature | {f.RefusedImages} |").AppendLine();
        md.AppendLine("Genuine questions are the writer's images that were not drawn as references; impostors are every image of the other writers in the range (in the shared set they wrote the same names); skilled forgeries come from `writer-NNN/forged/`. ROC and DET: `roc.png`.");
        foreach ((string path, string reason) in set.Refused.Take(20))
        {
            md.AppendLine(c, $"- refused `{path}`: {reason}");
        }

        return md.ToString();
    }
}
