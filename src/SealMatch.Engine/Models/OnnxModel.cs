using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.ML.OnnxRuntime;

namespace SealMatch.Engine.Models;

/// <summary>
/// One learned model (trained under <c>models/training</c>, exported to ONNX) and its ONNX Runtime
/// session. The engine ships every committed <c>models/*.onnx</c> as an embedded resource;
/// <see cref="Embedded"/> opens each at most once per process and shares that session between
/// threads (<see cref="InferenceSession"/> runs are thread-safe). Inputs and outputs go through the
/// <see cref="OrtValue"/> API over managed buffers, so a run copies nothing but the output.
/// </summary>
/// <remarks>
/// Every model has one float32 input named <c>input</c> (batch dimension first, dynamic) and one
/// float32 output. <see cref="Sha256"/> identifies the exact file; the service records it with
/// each decision the model took part in.
/// </remarks>
public sealed class OnnxModel : IDisposable
{
    /// <summary>Prefix of the embedded resources holding the models.</summary>
    public const string ResourcePrefix = "SealMatch.Models.";

    private static readonly ConcurrentDictionary<string, Lazy<OnnxModel?>> Shared = new(StringComparer.Ordinal);

    private readonly InferenceSession _session;
    private readonly string _inputName;
    private readonly string _outputName;

    private OnnxModel(string name, byte[] bytes, int intraOpThreads)
    {
        Name = name;
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        SizeBytes = bytes.Length;
        using var options = new SessionOptions
        {
            IntraOpNumThreads = intraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        try
        {
            _session = new InferenceSession(bytes, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"Model '{name}' is not a valid ONNX model: {e.Message}", e);
        }

        if (_session.InputMetadata.Count != 1 || _session.OutputMetadata.Count < 1)
        {
            _session.Dispose();
            throw new InvalidDataException($"Model '{name}' must have exactly one input and at least one output.");
        }

        _inputName = _session.InputMetadata.Keys.First();
        _outputName = _session.OutputMetadata.Keys.First();
        InputShape = [.. _session.InputMetadata[_inputName].Dimensions.Select(d => (long)d)];
    }

    /// <summary>The model's name: its file name under <c>models/</c> without <c>.onnx</c>.</summary>
    public string Name { get; }

    /// <summary>Lower-case hex SHA-256 of the ONNX file; recorded with every decision the model took part in.</summary>
    public string Sha256 { get; }

    /// <summary>Size of the ONNX file in bytes.</summary>
    public int SizeBytes { get; }

    /// <summary>The input's shape as declared by the model; -1 marks a dynamic dimension (the batch).</summary>
    public IReadOnlyList<long> InputShape { get; }

    /// <summary>
    /// The process-wide model named <paramref name="name"/> (<c>models/&lt;name&gt;.onnx</c> at build
    /// time), opened on first use with one intra-op thread; null when the engine was built without it.
    /// </summary>
    /// <exception cref="InvalidDataException">The embedded file is not a usable model.</exception>
    public static OnnxModel? Embedded(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return Shared.GetOrAdd(name, n => new Lazy<OnnxModel?>(() => LoadEmbedded(n), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    /// <summary>Names of the models embedded in the engine.</summary>
    public static IReadOnlyList<string> EmbeddedNames() =>
        [.. typeof(OnnxModel).Assembly.GetManifestResourceNames()
            .Where(r => r.StartsWith(ResourcePrefix, StringComparison.Ordinal) && r.EndsWith(".onnx", StringComparison.Ordinal))
            .Select(r => r[ResourcePrefix.Length..^".onnx".Length])
            .Order(StringComparer.Ordinal)];

    /// <summary>Opens a model file (tools and tests); the caller disposes it.</summary>
    /// <exception cref="InvalidDataException">The file is not a usable model.</exception>
    public static OnnxModel FromFile(string path, int intraOpThreads = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new OnnxModel(Path.GetFileNameWithoutExtension(path), File.ReadAllBytes(path), intraOpThreads);
    }

    /// <summary>Opens a model from its bytes; the caller disposes it.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a usable model.</exception>
    public static OnnxModel FromBytes(string name, byte[] bytes, int intraOpThreads = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(bytes);
        return new OnnxModel(name, bytes, intraOpThreads);
    }

    /// <summary>
    /// Runs the model on one input tensor of the given shape and returns its first output, flattened.
    /// Thread-safe.
    /// </summary>
    /// <exception cref="ArgumentException">The input's length does not match the shape, or the shape
    /// does not fit the model's declared input.</exception>
    public float[] Run(ReadOnlySpan<float> input, ReadOnlySpan<long> shape) => Run(input.ToArray(), shape);

    /// <summary>
    /// Runs the model on <paramref name="input"/> in place (ONNX Runtime reads the pinned array; it is
    /// not copied or changed) and returns its first output, flattened. Thread-safe.
    /// </summary>
    /// <exception cref="ArgumentException">The input's length does not match the shape, or the shape
    /// does not fit the model's declared input.</exception>
    public float[] Run(float[] input, ReadOnlySpan<long> shape)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Run(input.AsMemory(), shape);
    }

    /// <summary>
    /// Runs the model on <paramref name="input"/> in place (for instance a slice of a pooled buffer; it is
    /// neither copied nor changed) and returns its first output, flattened. Thread-safe.
    /// </summary>
    /// <exception cref="ArgumentException">The input's length does not match the shape, or the shape
    /// does not fit the model's declared input.</exception>
    public float[] Run(Memory<float> input, ReadOnlySpan<long> shape)
    {
        long count = 1;
        foreach (long d in shape)
        {
            if (d <= 0)
            {
                throw new ArgumentException("Every dimension must be positive.", nameof(shape));
            }

            count *= d;
        }

        if (count != input.Length)
        {
            throw new ArgumentException($"The input holds {input.Length} values; the shape needs {count}.", nameof(input));
        }

        if (shape.Length != InputShape.Count)
        {
            throw new ArgumentException($"Model '{Name}' takes a rank-{InputShape.Count} input; got rank {shape.Length}.", nameof(shape));
        }

        for (int i = 0; i < shape.Length; i++)
        {
            if (InputShape[i] > 0 && InputShape[i] != shape[i])
            {
                throw new ArgumentException($"Model '{Name}' needs dimension {i} = {InputShape[i]}; got {shape[i]}.", nameof(shape));
            }
        }

        // OrtValue over the managed memory: ONNX Runtime reads it pinned, in place.
        using OrtValue value = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input, shape.ToArray());
        using var runOptions = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> outputs = _session.Run(runOptions, [_inputName], [value], [_outputName]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();

    private static OnnxModel? LoadEmbedded(string name)
    {
        using Stream? stream = typeof(OnnxModel).Assembly.GetManifestResourceStream(ResourcePrefix + name + ".onnx");
        if (stream is null)
        {
            return null;
        }

        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return new OnnxModel(name, memory.ToArray(), intraOpThreads: 1);
    }
}
