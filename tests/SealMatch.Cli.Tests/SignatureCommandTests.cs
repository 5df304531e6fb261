using System.Runtime.CompilerServices;
using System.Text.Json;
using SealMatch.Cli.Commands;

namespace SealMatch.Cli.Tests;

/// <summary>
/// <c>signatures prepare</c>, <c>calibrate signatures</c> and <c>eval signatures</c> on a handful of
/// real signatures copied from the shared set (../shared/data/signatures/cross-media-zh), with another
/// writer's images posing as skilled forgeries.
/// </summary>
public sealed class SignatureCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("sig-cli-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>The shared set, found above the test's source file (builds may put binaries elsewhere) or its binaries.</summary>
    private static string SharedSet([CallerFilePath] string source = "")
    {
        foreach (string start in (string[])[Path.GetDirectoryName(source) ?? ".", AppContext.BaseDirectory])
        {
            for (DirectoryInfo? d = new(start); d is not null; d = d.Parent)
            {
                string candidate = Path.Combine(d.FullName, "shared", "data", "signatures", "cross-media-zh");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException("shared/data/signatures/cross-media-zh is not above the test's folder.");
    }

    /// <summary>Writers 1–3 with paper images 1–10; writer 1 gets writer 4's paper images as forgeries.</summary>
    private string TinyCorpus()
    {
        string shared = SharedSet();
        string data = Path.Combine(_root, "data");
        foreach (int w in (int[])[1, 2, 3])
        {
            string to = Path.Combine(data, $"writer-{w:D3}");
            Directory.CreateDirectory(to);
            foreach (string f in Directory.EnumerateFiles(Path.Combine(shared, $"writer-{w:D3}")).Where(f => int.Parse(Path.GetFileNameWithoutExtension(f), System.Globalization.CultureInfo.InvariantCulture) <= 10))
            {
                File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
            }
        }

        string forged = Path.Combine(data, "writer-001", "forged");
        Directory.CreateDirectory(forged);
        foreach (string f in Directory.EnumerateFiles(Path.Combine(shared, "writer-004")).Where(f => int.Parse(Path.GetFileNameWithoutExtension(f), System.Globalization.CultureInfo.InvariantCulture) <= 4))
        {
            File.Copy(f, Path.Combine(forged, "f" + Path.GetFileName(f)));
        }

        return data;
    }

    [Fact]
    public void Calibrate_then_eval_writes_every_report_key_with_skilled_figures()
    {
        string data = TinyCorpus();
        string model = Path.Combine(_root, "model.json");
        string report = Path.Combine(_root, "report");

        int calibrated = EvalSignaturesCommand.BuildCalibrate().Parse(["--data", data, "--writers", "1-3", "--references", "3", "--media", "paper", "--draws", "4", "--out", model, "--workers", "2"]).Invoke();
        Assert.Equal(0, calibrated);
        int evaluated = EvalSignaturesCommand.BuildEval().Parse(["--data", data, "--writers", "1-3", "--references", "3", "--media", "paper", "--seed", "9", "--score-model", model, "--out", report, "--workers", "2"]).Invoke();
        Assert.Equal(0, evaluated);

        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(report, "report.json")));
        JsonElement r = doc.RootElement;
        foreach (string key in (string[])["eer", "eer_skilled", "far_at_accept", "far_skilled_at_accept", "frr_at_accept", "genuine_auto_accept_rate", "review_rate", "median_ms_per_signature"])
        {
            Assert.True(r.TryGetProperty(key, out JsonElement v) && v.ValueKind == JsonValueKind.Number, key);
        }

        Assert.Equal(3 * 7, r.GetProperty("genuine_trials").GetInt32());
        Assert.Equal(3 * 20, r.GetProperty("impostor_trials").GetInt32());
        Assert.Equal(4, r.GetProperty("skilled_trials").GetInt32());
        Assert.True(r.GetProperty("median_ms_per_signature").GetDouble() > 0);
        Assert.True(File.Exists(Path.Combine(report, "roc.png")));
        Assert.True(File.Exists(Path.Combine(report, "report.md")));
    }

    [Fact]
    public void Prepare_writes_the_same_layout_as_canvases()
    {
        string data = TinyCorpus();
        string prepared = Path.Combine(_root, "prepared");
        int exit = SignaturesCommands.Build().Parse(["prepare", "--data", data, "--out", prepared, "--media", "paper"]).Invoke();

        Assert.Equal(0, exit);
        Assert.Equal(30, Directory.EnumerateFiles(prepared, "*.png", SearchOption.AllDirectories).Count(f => !f.Contains("forged", StringComparison.Ordinal)));
        Assert.Equal(4, Directory.EnumerateFiles(Path.Combine(prepared, "writer-001", "forged")).Count());
    }

    [Theory]
    [InlineData("61-70", true, 61, 70)]
    [InlineData("5", true, 5, 5)]
    [InlineData("70-61", false, 0, 0)]
    [InlineData("a-b", false, 0, 0)]
    public void Writer_ranges_parse(string text, bool ok, int first, int last)
    {
        Assert.Equal(ok, EvalSignaturesCommand.TryParseRange(text, out int a, out int b));
        if (ok)
        {
            Assert.Equal((first, last), (a, b));
        }
    }
}
