using System.CommandLine;
using System.Text.Json;
using SealMatch.Cli.Commands;

namespace SealMatch.Cli.Tests;

/// <summary><c>eval seals --challenger</c>: a second pair model scored on the same registered pairs.</summary>
public sealed class EvalCommandTests : IDisposable
{
    private static readonly string CommittedChallenger = Path.Combine(AppContext.BaseDirectory, "challenger");
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sealmatch-eval-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_challenger_identical_to_the_embedded_models_scores_exactly_like_the_fused_model()
    {
        string output = Path.Combine(_folder, "report");
        int exit = await Run(["eval", "seals", "--seed", "23", "--genuine", "3", "--forged", "5", "--workers", "1", "--challenger", CommittedChallenger, "--out", output]);

        Assert.Equal(0, exit);
        JsonElement[] models = ComparedModels(output);
        Assert.Equal(["classical", "fused", "challenger"], models.Select(m => m.GetProperty("model").GetString()));
        JsonElement fused = models[1], challenger = models[2];
        Assert.Equal(fused.GetProperty("pair_model_sha256").GetString(), challenger.GetProperty("pair_model_sha256").GetString());
        foreach (string figure in new[] { "eer", "far_at_accept", "genuine_auto_accept_rate", "genuine_auto_reject_rate", "review_rate" })
        {
            Assert.Equal(fused.GetProperty(figure).GetDouble(), challenger.GetProperty(figure).GetDouble());
        }

        // The classical model ignores the pair logit: on these pairs it decides differently from the
        // fused one, so the challenger's figures above were not just the classical ones.
        Assert.NotEqual(models[0].GetProperty("accept_threshold").GetDouble(), challenger.GetProperty("accept_threshold").GetDouble());
    }

    [Fact]
    public async Task A_compared_score_model_is_reported_under_its_file_name_on_the_same_impressions()
    {
        // The embedded fused model itself, under another name: its figures must be the fused model's.
        Directory.CreateDirectory(_folder);
        string copy = Path.Combine(_folder, "refit.json");
        File.Copy(Path.Combine(CommittedChallenger, "seal-score-model-fused.json"), copy);
        string output = Path.Combine(_folder, "report");
        int exit = await Run(["eval", "seals", "--seed", "23", "--genuine", "3", "--forged", "5", "--workers", "1", "--compare", copy, "--out", output]);

        Assert.Equal(0, exit);
        JsonElement[] models = ComparedModels(output);
        Assert.Equal(["classical", "fused", "refit"], models.Select(m => m.GetProperty("model").GetString()));
        foreach (string figure in new[] { "eer", "far_at_accept", "genuine_auto_accept_rate", "review_rate", "accept_threshold" })
        {
            Assert.Equal(models[1].GetProperty(figure).GetDouble(), models[2].GetProperty(figure).GetDouble());
        }
    }

    [Fact]
    public async Task A_compared_file_that_is_not_a_score_model_or_was_fitted_with_another_pair_model_is_refused()
    {
        Directory.CreateDirectory(_folder);
        string garbage = Path.Combine(_folder, "garbage.json"), foreign = Path.Combine(_folder, "foreign.json");
        File.WriteAllText(garbage, "{\"not\": \"a model\"}");
        string json = File.ReadAllText(Path.Combine(CommittedChallenger, "seal-score-model-fused.json"));
        using (JsonDocument doc = JsonDocument.Parse(json))
        {
            File.WriteAllText(foreign, json.Replace(doc.RootElement.GetProperty("pair_model_sha256").GetString()!, new string('0', 64), StringComparison.Ordinal));
        }

        foreach (string file in new[] { garbage, foreign, Path.Combine(_folder, "absent.json") })
        {
            string output = Path.Combine(_folder, "report");
            int exit = await Run(["eval", "seals", "--seed", "23", "--genuine", "1", "--forged", "1", "--compare", file, "--out", output]);
            Assert.Equal(2, exit);
            Assert.False(Directory.Exists(output));
        }
    }

    [Fact]
    public async Task A_challenger_score_model_fitted_with_another_pair_model_is_refused()
    {
        string challenger = Path.Combine(_folder, "challenger");
        Directory.CreateDirectory(challenger);
        File.Copy(Path.Combine(CommittedChallenger, "seal-pair.onnx"), Path.Combine(challenger, "seal-pair.onnx"));
        string json = File.ReadAllText(Path.Combine(CommittedChallenger, "seal-score-model-fused.json"));
        using (JsonDocument doc = JsonDocument.Parse(json))
        {
            string sha = doc.RootElement.GetProperty("pair_model_sha256").GetString()!;
            File.WriteAllText(Path.Combine(challenger, "seal-score-model-fused.json"), json.Replace(sha, new string('0', 64), StringComparison.Ordinal));
        }

        int exit = await Run(["eval", "seals", "--seed", "23", "--genuine", "1", "--forged", "1", "--challenger", challenger, "--out", Path.Combine(_folder, "report")]);

        Assert.NotEqual(0, exit);
        Assert.False(Directory.Exists(Path.Combine(_folder, "report")));
    }

    [Fact]
    public async Task A_challenger_folder_without_the_model_files_is_refused()
    {
        Directory.CreateDirectory(_folder);
        int exit = await Run(["eval", "seals", "--seed", "23", "--genuine", "1", "--forged", "1", "--challenger", _folder, "--out", Path.Combine(_folder, "report")]);

        Assert.NotEqual(0, exit);
        Assert.False(Directory.Exists(Path.Combine(_folder, "report")));
    }

    [Fact]
    public async Task Classes_deal_every_forged_impression_to_the_classes_named()
    {
        string output = Path.Combine(_folder, "f1");
        int exit = await Run(["eval", "seals", "--seed", "23", "--genuine", "2", "--forged", "4", "--workers", "1", "--classes", "F1", "--out", output]);

        Assert.Equal(0, exit);
        using JsonDocument report = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json")));
        JsonElement byClass = report.RootElement.GetProperty("forged_by_class");
        Assert.Equal(4, byClass.GetProperty("F1").GetInt32());
        foreach (string other in new[] { "F2", "F3", "F4", "F5" })
        {
            Assert.True(!byClass.TryGetProperty(other, out JsonElement n) || n.GetInt32() == 0, other);
        }
    }

    [Fact]
    public async Task An_unknown_class_is_refused_before_anything_runs()
    {
        string output = Path.Combine(_folder, "bad");
        int exit = await Run(["eval", "seals", "--seed", "23", "--genuine", "1", "--forged", "1", "--classes", "F9", "--out", output]);

        Assert.Equal(2, exit);
        Assert.False(Directory.Exists(output));
    }

    /// <summary>The models of report.json's <c>fusion_comparison</c>, in order.</summary>
    private static JsonElement[] ComparedModels(string output)
    {
        using JsonDocument report = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json")));
        return [.. report.RootElement.GetProperty("fusion_comparison").EnumerateArray().Select(m => m.Clone())];
    }

    private static Task<int> Run(string[] args) => new RootCommand { EvalCommands.Build() }.Parse(args).InvokeAsync();
}
