using SealMatch.Engine.Models;

namespace SealMatch.Engine.Tests.Models;

/// <summary>The ONNX Runtime plumbing, on a hand-made model whose outputs are known exactly.</summary>
public sealed class OnnxModelTests
{
    private static readonly string TinyPath = Path.Combine(AppContext.BaseDirectory, "Models", "tiny-relu.onnx");

    // relu(x · W + b) with W and b from make_tiny_relu.py.
    private static readonly float[,] W = { { 1, -1, 0.5f }, { 0.25f, 2, -1 }, { -0.5f, 0, 1 }, { 1, 1, 1 } };
    private static readonly float[] B = [0.1f, -0.2f, 0.3f];

    [Fact]
    public void Runs_a_batch_and_returns_the_flattened_output()
    {
        using OnnxModel model = OnnxModel.FromFile(TinyPath);
        float[] input = [1, 2, 3, 4, -1, 0, 0.5f, 2];
        float[] output = model.Run(input, [2, 4]);
        Assert.True(Close(Expected(input, 2), output), string.Join(", ", output));
        Assert.Equal("tiny-relu", model.Name);
        Assert.Equal([-1L, 4L], model.InputShape);
    }

    [Fact]
    public void Records_the_sha256_of_the_file()
    {
        using OnnxModel model = OnnxModel.FromFile(TinyPath);
        string expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(TinyPath)));
        Assert.Equal(expected, model.Sha256);
        Assert.Equal(64, model.Sha256.Length);
    }

    [Fact]
    public void Refuses_an_input_that_does_not_fit_the_shape_or_the_model()
    {
        using OnnxModel model = OnnxModel.FromFile(TinyPath);
        Assert.Throws<ArgumentException>(() => model.Run(new float[7], [2, 4]));
        Assert.Throws<ArgumentException>(() => model.Run(new float[6], [2, 3]));
        Assert.Throws<ArgumentException>(() => model.Run(new float[8], [2, 2, 2]));
        Assert.Throws<ArgumentException>(() => model.Run(new float[4], [0, 4]));
    }

    [Fact]
    public void Refuses_bytes_that_are_not_a_model()
    {
        Assert.Throws<InvalidDataException>(() => OnnxModel.FromBytes("junk", [1, 2, 3, 4, 5]));
    }

    [Fact]
    public void One_session_serves_many_threads_with_identical_results()
    {
        using OnnxModel model = OnnxModel.FromFile(TinyPath);
        var failures = 0;
        Parallel.For(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            float[] input = [i, -i / 2f, 1, i % 7];
            // ONNX Runtime may sum in another order than the reference: equal up to float rounding.
            if (!Close(Expected(input, 1), model.Run(input, [1, 4])))
            {
                Interlocked.Increment(ref failures);
            }
        });
        Assert.Equal(0, failures);
    }

    [Fact]
    public void An_unknown_embedded_model_is_null_and_a_known_one_is_shared()
    {
        Assert.Null(OnnxModel.Embedded("no-such-model"));
        foreach (string name in OnnxModel.EmbeddedNames())
        {
            Assert.Same(OnnxModel.Embedded(name), OnnxModel.Embedded(name));
        }
    }

    private static bool Close(float[] want, float[] got) =>
        want.Length == got.Length && want.Zip(got).All(p => Math.Abs(p.First - p.Second) <= 1e-5f * Math.Max(1, Math.Abs(p.First)));

    private static float[] Expected(float[] input, int batch)
    {
        var result = new float[batch * 3];
        for (int n = 0; n < batch; n++)
        {
            for (int j = 0; j < 3; j++)
            {
                float z = B[j];
                for (int k = 0; k < 4; k++)
                {
                    z += input[(n * 4) + k] * W[k, j];
                }

                result[(n * 3) + j] = Math.Max(0, z);
            }
        }

        return result;
    }
}
