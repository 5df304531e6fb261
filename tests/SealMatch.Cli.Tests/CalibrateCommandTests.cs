using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json;
using SealMatch.Cli.Commands;
using SealMatch.Engine.Comparison;

namespace SealMatch.Cli.Tests;

/// <summary><c>calibrate seals --challenger</c>: a fused model fitted for a challenger pair model on the same registered pairs.</summary>
public sealed class CalibrateCommandTests : IDisposable
{
    private static readonly string CommittedPairModel = Path.Combine(AppContext.BaseDirectory, "challenger", "seal-pair.onnx");
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sealmatch-calibrate-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_challenger_gets_its_own_fused_model_fitted_on_the_same_pairs()
    {
        // The committed network with an unknown protobuf field appended (field 99, varint 0), which ONNX
        // readers skip: the same logits as the embedded model under another SHA-256, so the challenger's
        // fused model must equal the embedded one's in everything but the SHA-256 it records.
        string challenger = Path.Combine(_folder, "challenger");
        Directory.CreateDirectory(challenger);
        string pairFile = Path.Combine(challenger, "seal-pair.onnx");
        File.WriteAllBytes(pairFile, [.. File.ReadAllBytes(CommittedPairModel), 0x98, 0x06, 0x00]);
        string challengerSha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(pairFile)));
        string committedSha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(CommittedPairModel)));
        Assert.NotEqual(committedSha, challengerSha);

        string classical = Path.Combine(_folder, "model.json"), fused = Path.Combine(_folder, "fused.json");
        int exit = await Run(["calibrate", "seals", "--seed", "31", "--genuine", "80", "--forged", "80",
            "--challenger", challenger, "--out", classical, "--fused-out", fused]);

        Assert.Equal(0, exit);
        Assert.True(File.Exists(classical));
        string challengerJson = File.ReadAllText(Path.Combine(challenger, "seal-score-model-fused.json"));
        string fusedJson = File.ReadAllText(fused);
        using (JsonDocument doc = JsonDocument.Parse(challengerJson))
        {
            Assert.Equal(challengerSha, doc.RootElement.GetProperty("pair_model_sha256").GetString(), ignoreCase: true);
        }

        Assert.NotEqual(fusedJson, challengerJson);
        Assert.Equal(fusedJson.Replace(committedSha, "", StringComparison.OrdinalIgnoreCase), challengerJson.Replace(challengerSha, "", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_missing_or_unusable_challenger_model_is_refused_before_anything_is_written()
    {
        string empty = Path.Combine(_folder, "empty"), garbage = Path.Combine(_folder, "garbage");
        Directory.CreateDirectory(empty);
        Directory.CreateDirectory(garbage);
        File.WriteAllText(Path.Combine(garbage, "seal-pair.onnx"), "not a model");
        string classical = Path.Combine(_folder, "model.json");

        foreach (string folder in new[] { empty, garbage })
        {
            int exit = await Run(["calibrate", "seals", "--seed", "31", "--genuine", "60", "--forged", "60", "--challenger", folder, "--out", classical]);
            Assert.Equal(2, exit);
            Assert.False(File.Exists(classical));
            Assert.False(File.Exists(Path.Combine(folder, "seal-score-model-fused.json")));
        }
    }

    [Fact]
    public async Task Thresholds_only_keeps_the_embedded_weights_and_records_the_evidence_an_accept_needs()
    {
        string classical = Path.Combine(_folder, "model.json"), fused = Path.Combine(_folder, "fused.json");
        int exit = await Run(["calibrate", "seals", "--seed", "31", "--genuine", "60", "--forged", "60",
            "--thresholds-only", "--accept-evidence", "0.9", "--out", classical, "--fused-out", fused]);

        Assert.Equal(0, exit);
        foreach ((string file, ScoreModel shipped) in new[] { (classical, ScoreModel.LoadClassical()!), (fused, ScoreModel.LoadFused()!) })
        {
            using FileStream stream = File.OpenRead(file);
            ScoreModel written = ScoreModel.Load(stream);
            Assert.Equal(shipped.Weights, written.Weights);
            Assert.Equal(shipped.Bias, written.Bias);
            Assert.Equal(shipped.PairModelSha256, written.PairModelSha256);
            Assert.Equal(0.9, written.MinimumEvidenceToAccept);
            Assert.Contains("weights kept", written.TrainedOn, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("-0.1")]
    public async Task An_evidence_outside_zero_to_one_is_refused_before_anything_runs(string evidence)
    {
        string classical = Path.Combine(_folder, "model.json");
        int exit = await Run(["calibrate", "seals", "--seed", "31", "--genuine", "60", "--forged", "60", "--accept-evidence", evidence, "--out", classical]);

        Assert.Equal(2, exit);
        Assert.False(File.Exists(classical));
    }

    [Fact]
    public async Task A_challenger_cannot_be_rethresholded_and_is_refused_before_anything_runs()
    {
        string classical = Path.Combine(_folder, "model.json");
        string challenger = Path.Combine(_folder, "challenger");
        Directory.CreateDirectory(challenger);

        // A usable challenger, so that only the combination with --thresholds-only can be what is refused.
        File.Copy(CommittedPairModel, Path.Combine(challenger, "seal-pair.onnx"));
        int exit = await Run(["calibrate", "seals", "--seed", "31", "--genuine", "60", "--forged", "60", "--thresholds-only", "--challenger", challenger, "--out", classical]);

        Assert.Equal(2, exit);
        Assert.False(File.Exists(classical));
    }

    [Fact]
    public async Task Too_small_a_set_is_refused_before_anything_runs()
    {
        string classical = Path.Combine(_folder, "model.json");
        int exit = await Run(["calibrate", "seals", "--seed", "31", "--genuine", "10", "--forged", "60", "--out", classical]);

        Assert.Equal(2, exit);
        Assert.False(File.Exists(classical));
    }

    private static Task<int> Run(string[] args) => new RootCommand { CalibrateCommands.Build() }.Parse(args).InvokeAsync();
}
