using OpenCvSharp;

namespace SealMatch.Engine;

/// <summary>
/// Developer diagnostics: when the environment variable <c>SEALMATCH_DEBUG_DIR</c> names a folder,
/// intermediate images are written there. Off (and free) otherwise; never enabled in production.
/// </summary>
internal static class Diagnostics
{
    private static readonly string? Folder = Environment.GetEnvironmentVariable("SEALMATCH_DEBUG_DIR") is { Length: > 0 } folder ? folder : null;
    private static int _counter;

    public static bool Enabled => Folder is not null;

    public static void Log(string message)
    {
        if (Folder is null)
        {
            return;
        }

        Directory.CreateDirectory(Folder);
        File.AppendAllText(Path.Combine(Folder, "log.txt"), message + Environment.NewLine);
    }

    public static void Dump(string name, Mat image)
    {
        if (Folder is null)
        {
            return;
        }

        Directory.CreateDirectory(Folder);
        int n = Interlocked.Increment(ref _counter);
        using var normalised = new Mat();
        if (image.Depth() == MatType.CV_32F)
        {
            Cv2.Normalize(image, normalised, 0, 255, NormTypes.MinMax, (int)MatType.CV_8U);
        }
        else
        {
            image.CopyTo(normalised);
        }

        normalised.SaveImage(Path.Combine(Folder, $"{n:D4}-{name}.png"));
    }
}
