using System.Globalization;
using SealMatch.Engine.Imaging;

namespace SealMatch.Evaluation.Signatures;

/// <summary>Which images of a writer take part: the shared set's paper scans (1–10) or every image.</summary>
public enum SignatureMedia
{
    /// <summary>Images numbered 1–10 (written on paper and scanned, in the shared set's numbering).</summary>
    Paper,

    /// <summary>Every image.</summary>
    All,
}

/// <summary>One signature image of a folder laid out <c>writer-NNN/K.png|jpg|tif</c> (+ <c>forged/*</c>).</summary>
/// <param name="Writer">The writer's number (NNN).</param>
/// <param name="Path">Full path of the image.</param>
/// <param name="Number">K when the file name is a number, else null.</param>
/// <param name="Forged">True for a skilled forgery of the writer's signature (under <c>forged/</c>).</param>
public sealed record SignatureSample(int Writer, string Path, int? Number, bool Forged)
{
    /// <summary>The path under the corpus root (for writing prepared copies with the same layout).</summary>
    public string RelativePath(string root) => System.IO.Path.GetRelativePath(root, Path);
}

/// <summary>A folder of signatures by writer: genuine images and optional skilled forgeries.</summary>
public sealed class SignatureCorpus
{
    private static readonly string[] Extensions = [".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp"];

    private SignatureCorpus(string root, IReadOnlyList<SignatureSample> samples)
    {
        Root = root;
        Samples = samples;
    }

    /// <summary>The corpus folder.</summary>
    public string Root { get; }

    /// <summary>Every image, ordered by writer, then forged last, then number or name.</summary>
    public IReadOnlyList<SignatureSample> Samples { get; }

    /// <summary>The writers' numbers, ascending.</summary>
    public IReadOnlyList<int> Writers => [.. Samples.Select(s => s.Writer).Distinct().Order()];

    /// <summary>Reads the layout of <paramref name="root"/> (no image is decoded).</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static SignatureCorpus Open(string root)
    {
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"No folder {root}.");
        }

        var samples = new List<SignatureSample>();
        foreach (string dir in Directory.EnumerateDirectories(root, "writer-*"))
        {
            string name = System.IO.Path.GetFileName(dir);
            if (!int.TryParse(name["writer-".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out int writer))
            {
                continue;
            }

            samples.AddRange(Images(dir).Select(f => new SignatureSample(writer, f, Number(f), false)));
            string forged = System.IO.Path.Combine(dir, "forged");
            if (Directory.Exists(forged))
            {
                samples.AddRange(Images(forged).Select(f => new SignatureSample(writer, f, Number(f), true)));
            }
        }

        return new SignatureCorpus(root, [.. samples
            .OrderBy(s => s.Writer).ThenBy(s => s.Forged).ThenBy(s => s.Number ?? int.MaxValue).ThenBy(s => s.Path, StringComparer.Ordinal)]);
    }

    /// <summary>Whether a genuine sample belongs to the media selection (forgeries always do).</summary>
    public static bool InMedia(SignatureSample sample, SignatureMedia media)
    {
        ArgumentNullException.ThrowIfNull(sample);
        return sample.Forged || media == SignatureMedia.All || sample.Number is >= 1 and <= 10;
    }

    /// <summary>
    /// Decodes a signature image. The resolution is irrelevant to signature preprocessing (it works in
    /// relative sizes), and phone captures carry arbitrary metadata, so the lowest accepted one is stated.
    /// </summary>
    /// <exception cref="ScanRejectedException">The file is not a usable image.</exception>
    public static ScanImage Load(string path) => ScanImage.Load(File.ReadAllBytes(path), dpi: ScanLimits.Default.MinDpi);

    private static IEnumerable<string> Images(string dir) =>
        Directory.EnumerateFiles(dir).Where(f => Extensions.Contains(System.IO.Path.GetExtension(f).ToLowerInvariant()));

    private static int? Number(string path) =>
        int.TryParse(System.IO.Path.GetFileNameWithoutExtension(path), NumberStyles.None, CultureInfo.InvariantCulture, out int k) ? k : null;
}
