using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json;
using SealMatch.Cli.Commands;

namespace SealMatch.Cli.Tests;

/// <summary><c>calibrate seals --pair-model</c>: the fused model fitted with a challenger pair model file.</summary>
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
    public async Task The_fused_model_records_the_pair_model_file_it_was_fitted_with()
    {
        // A copy with an unknown protobuf field appended (field 99, varint 0), which ONNX readers skip: the
        // same network under another SHA-256 than the embedded one, so the fused model can only carry that
        // SHA-256 if the file given was the one used.
        string pairFile = Path.Combine(_folder, "seal-pair.onnx");
        Directory.CreateDirectory(_folder);
        File.WriteAllBytes(pairFile, [.. File.ReadAllBytes(CommittedPairModel), 0x98, 0x06, 0x00]);
        string expected = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(pairFile)));
        string committed = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(CommittedPairModel)));
        Assert.NotEqual(committed, expected);

        string classical = Path.Combine(_folder, "model.json"), fused = Path.Combine(_folder, "fused.json");
        int exit = await Run(["calibrate", "seals", "--seed", "31", "--genuine", "80", "--forged", "80",
            "--pair-model", pairFile, "--out", classical, "--fused-out", fused]);

        Assert.Equal(0, exit);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(fused));
        Assert.Equal(expected, doc.RootElement.GetProperty("pair_model_sha256").GetString(), ignoreCase: true);
        Assert.True(File.Exists(classical));
    }

    [Fact]
    public async Task A_missing_or_unusable_pair_model_file_is_refused_before_anything_is_written()
    {
        Directory.CreateDirectory(_folder);
        string garbage = Path.Combine(_folder, "garbage.onnx");
        File.WriteAllText(garbage, "not a model");
        string classical = Path.Combine(_folder, "model.json");

        foreach (string file in new[] { Path.Combine(_folder, "absent.onnx"), garbage })
        {
            int exit = await Run(["calibrate", "seals", "--seed", "31", "--genuine", "60", "--forged", "60", "--pair-model", file, "--out", classical]);
            Assert.NotEqual(0, exit);
            Assert.False(File.Exists(classical));
        }
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
