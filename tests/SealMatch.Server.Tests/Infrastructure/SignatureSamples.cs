using System.Runtime.CompilerServices;
using SkiaSharp;

namespace SealMatch.Server.Tests.Infrastructure;

/// <summary>
/// Real handwritten signatures from the shared development set (<c>../shared/data/signatures/cross-media-zh</c>),
/// and slips that carry one: the synthetic genuine slip with a
/// signature pasted into a free area, at a known box.
/// </summary>
public static class SignatureSamples
{
    /// <summary>The writer whose signatures are the specimens (a writer held out from training).</summary>
    public const int Writer = 61;

    /// <summary>Another writer of the same name: a same-text impostor.</summary>
    public const int Impostor = 62;

    /// <summary>
    /// The writer's 王涛 on paper. Each writer of the set wrote ten names, once per medium (image K is
    /// name (K − 1) mod 10): images 1, 11, 21 and 31 are all 王涛.
    /// </summary>
    public const int WangTaoPaper = 1;

    /// <summary>The writer's 王涛 on a tablet and on two phones: the references.</summary>
    public static IReadOnlyList<int> WangTaoReferences { get; } = [11, 21, 31];

    private static readonly Lazy<string?> Root = new(FindRoot);

    /// <summary>Why the signature tests cannot run here, or null.</summary>
    public static string? SkipReason => Root.Value is null
        ? "The shared signature set (../shared/data/signatures/cross-media-zh) is not beside the repository; set SEALMATCH_SHARED_DIR."
        : null;

    /// <summary>Image <paramref name="image"/> (1–40) of a writer, as captured.</summary>
    public static byte[] Image(int writer, int image)
    {
        string dir = Path.Combine(Root.Value ?? throw new InvalidOperationException(SkipReason), $"writer-{writer:D3}");
        string file = Directory.GetFiles(dir, $"{image}.*").Single();
        return File.ReadAllBytes(file);
    }

    /// <summary>
    /// <paramref name="slip"/> (PNG/JPEG) with <paramref name="signature"/> pasted in the lower right box,
    /// scaled to 40 mm wide at 300 dpi, multiplied onto the paper as ink is; returns the PNG and the
    /// signature's box in pixels.
    /// </summary>
    public static (byte[] Png, int X, int Y, int Width, int Height) Sign(byte[] slip, byte[] signature)
    {
        using SKBitmap page = SKBitmap.Decode(slip) ?? throw new ArgumentException("Not an image.", nameof(slip));
        using SKBitmap sig = SKBitmap.Decode(signature) ?? throw new ArgumentException("Not an image.", nameof(signature));
        int width = (int)Math.Round(40 / 25.4 * 300);
        int height = (int)Math.Round(width * (double)sig.Height / sig.Width);
        // Into the empty right half of the lower box (the bank's stamp area of the synthetic slip),
        // clear of the seals and the printed lines.
        int x = (int)(page.Width * 0.53);
        int y = (int)(page.Height * 0.64);
        using var canvas = new SKCanvas(page);
        using var paint = new SKPaint { BlendMode = SKBlendMode.Multiply };
        using SKImage image = SKImage.FromBitmap(sig);
        canvas.DrawImage(image, new SKRect(x, y, x + width, y + height), new SKSamplingOptions(SKFilterMode.Linear), paint);
        canvas.Flush();
        using SKData png = page.Encode(SKEncodedImageFormat.Png, 100);
        // Resolution metadata is lost by SkiaSharp's encoder: callers pass dpi 300 in the request.
        return (png.ToArray(), x, y, width, height);
    }

    private static string? FindRoot()
    {
        const string relative = "shared/data/signatures/cross-media-zh";
        if (Environment.GetEnvironmentVariable("SEALMATCH_SHARED_DIR") is { Length: > 0 } env
            && Directory.Exists(Path.Combine(env, "data/signatures/cross-media-zh")))
        {
            return Path.Combine(env, "data/signatures/cross-media-zh");
        }

        // Beside the checkout also when the build output is elsewhere (--artifacts-path /tmp/…).
        foreach (string start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory, SourceDirectory() })
        {
            for (DirectoryInfo? d = new(start); d is not null; d = d.Parent)
            {
                string candidate = Path.Combine(d.FullName, relative);
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path) ?? Environment.CurrentDirectory;
}
