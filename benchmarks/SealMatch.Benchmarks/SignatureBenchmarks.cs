using BenchmarkDotNet.Attributes;
using OpenCvSharp;
using SealMatch.Engine.Imaging;
using SealMatch.Engine.Signatures;

namespace SealMatch.Benchmarks;

/// <summary>
/// Per-signature cost on one core: normalising a 600 × 260 signature scan (seeded pen strokes on a
/// shaded paper with a box line), and embedding the normalised canvas with the committed model
/// (target: ≤ 10 ms). Decoding-free: the scan is built in memory once.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class SignatureBenchmarks
{
    private ScanImage? _scan;
    private SignatureImage? _image;
    private SignatureEngine? _engine;

    [GlobalSetup]
    public void Setup()
    {
        Cv2.SetNumThreads(1); // one core: OpenCV's own workers off; the ONNX session already runs one intra-op thread
        _engine = SignatureEngine.Default ?? throw new InvalidOperationException("The engine was built without models/signature-embedding.onnx.");
        const int W = 600, H = 260;
        using var bgr = new Mat(H, W, MatType.CV_8UC3);
        var random = new Random(20261125);
        for (int y = 0; y < H; y++)
        {
            for (int x = 0; x < W; x++)
            {
                byte shade = (byte)(225 + 25 * x / W); // a phone photo's uneven light
                bgr.Set(y, x, new Vec3b(shade, (byte)(shade + 3), (byte)(shade + 5)));
            }
        }

        Cv2.Line(bgr, new Point(0, H - 20), new Point(W - 1, H - 18), new Scalar(60, 60, 60), 2);
        for (int stroke = 0; stroke < 9; stroke++)
        {
            var points = new List<Point>();
            double x = 60 + stroke * 55 + random.Next(20), y = 60 + random.Next(120);
            for (int i = 0; i < 25; i++)
            {
                x += random.NextDouble() * 8 - 2;
                y += random.NextDouble() * 16 - 8;
                points.Add(new Point((int)x, (int)Math.Clamp(y, 20, H - 40)));
            }

            Cv2.Polylines(bgr, [points], false, new Scalar(120, 40, 25), 4, LineTypes.AntiAlias);
        }

        bgr.GetArray(out Vec3b[] pixels);
        byte[] bytes = [.. pixels.SelectMany(p => new[] { p.Item0, p.Item1, p.Item2 })];
        _scan = ScanImage.FromBgr(bytes, W, H, 300);
        _image = SignaturePreprocessor.Prepare(_scan);
    }

    [GlobalCleanup]
    public void Cleanup() => _scan?.Dispose();

    /// <summary>Background, lines, crop, canvas and contrast.</summary>
    [Benchmark(Baseline = true)]
    public SignatureImage Preprocess() => SignaturePreprocessor.Prepare(_scan!);

    /// <summary>The ONNX embedding of a normalised canvas.</summary>
    [Benchmark]
    public float[] Embed() => _engine!.Embed(_image!);

    /// <summary>Both: what enrolling a reference or preparing a questioned signature costs.</summary>
    [Benchmark]
    public SignatureTemplate PreprocessAndEmbed() => _engine!.CreateTemplate(_scan!);
}
