using System.Text.Json;
using SealMatch.Engine.Models;

namespace SealMatch.Engine.Tests.Models;

/// <summary>
/// Every committed model (<c>models/*.onnx</c>) loads in ONNX Runtime, is the one embedded in the
/// engine, has a model card naming its SHA-256, and reproduces the outputs its training script
/// recorded for fixed inputs (<c>models/&lt;name&gt;.expected.json</c>) within the stated tolerance.
/// </summary>
public sealed class ModelConformanceTests
{
    private static readonly string ModelsDirectory = Path.Combine(AppContext.BaseDirectory, "models");

    public static TheoryData<string> CommittedModels()
    {
        var data = new TheoryData<string>();
        foreach (string name in CommittedNames())
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void The_engine_embeds_exactly_the_committed_models()
    {
        Assert.Equal(CommittedNames(), OnnxModel.EmbeddedNames());
    }

    [Theory]
    [MemberData(nameof(CommittedModels))]
    public void A_committed_model_reproduces_its_recorded_outputs(string name)
    {
        string onnxPath = Path.Combine(ModelsDirectory, name + ".onnx");
        string expectedPath = Path.Combine(ModelsDirectory, name + ".expected.json");
        Assert.True(File.Exists(expectedPath), $"{name}.onnx has no {name}.expected.json with recorded outputs.");
        using JsonDocument expected = JsonDocument.Parse(File.ReadAllText(expectedPath));
        JsonElement root = expected.RootElement;

        OnnxModel? model = OnnxModel.Embedded(name);
        Assert.NotNull(model);
        using OnnxModel fromFile = OnnxModel.FromFile(onnxPath);
        Assert.Equal(fromFile.Sha256, model.Sha256);
        Assert.Equal(root.GetProperty("sha256").GetString(), model.Sha256);

        long[] shape = [.. root.GetProperty("input_shape").EnumerateArray().Select(e => e.GetInt64())];
        double tolerance = root.GetProperty("tolerance").GetDouble();
        Assert.InRange(tolerance, 0, 1e-2);
        int cases = 0;
        foreach (JsonElement c in root.GetProperty("cases").EnumerateArray())
        {
            float[] input = Ramp(c.GetProperty("input").GetString()!, shape);
            float[] want = [.. c.GetProperty("output").EnumerateArray().Select(e => e.GetSingle())];
            float[] got = model.Run(input, shape);
            Assert.Equal(want.Length, got.Length);
            for (int i = 0; i < want.Length; i++)
            {
                Assert.True(
                    Math.Abs(want[i] - got[i]) <= tolerance * Math.Max(1, Math.Abs(want[i])),
                    $"{name}, case {c.GetProperty("input").GetString()}, output {i}: recorded {want[i]}, ONNX Runtime gave {got[i]} (tolerance {tolerance}).");
            }

            cases++;
        }

        Assert.True(cases >= 2, $"{name}.expected.json records {cases} case(s); at least two are required.");
    }

    [Theory]
    [MemberData(nameof(CommittedModels))]
    public void A_committed_model_has_a_card_naming_its_sha256(string name)
    {
        string card = Path.Combine(ModelsDirectory, name + ".md");
        Assert.True(File.Exists(card), $"{name}.onnx has no model card {name}.md.");
        using OnnxModel model = OnnxModel.FromFile(Path.Combine(ModelsDirectory, name + ".onnx"));
        Assert.Contains(model.Sha256, File.ReadAllText(card), StringComparison.Ordinal);
    }

    [Fact]
    public void The_ramp_input_is_the_one_the_training_scripts_use()
    {
        // x[i] = ((i * k) % 1000) / 1000, as float32: models/training writes expected.json with the same formula.
        float[] ramp = Ramp("ramp:7919", [1, 5]);
        Assert.Equal([0f, 0.919f, 0.838f, 0.757f, 0.676f], ramp);
    }

    private static List<string> CommittedNames() =>
        Directory.Exists(ModelsDirectory)
            ? [.. Directory.GetFiles(ModelsDirectory, "*.onnx").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)]
            : [];

    /// <summary>The fixed input <c>ramp:k</c>: x[i] = ((i·k) mod 1000) / 1000 over the flattened tensor.</summary>
    private static float[] Ramp(string spec, long[] shape)
    {
        Assert.StartsWith("ramp:", spec, StringComparison.Ordinal);
        long k = long.Parse(spec["ramp:".Length..], System.Globalization.CultureInfo.InvariantCulture);
        long n = shape.Aggregate(1L, (a, d) => a * d);
        var x = new float[n];
        for (long i = 0; i < n; i++)
        {
            x[i] = (float)((i * k % 1000) / 1000.0);
        }

        return x;
    }
}
