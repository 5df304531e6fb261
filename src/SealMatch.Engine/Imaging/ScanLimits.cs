namespace SealMatch.Engine.Imaging;

/// <summary>Limits applied to every scan before decoding. Defaults follow the service's policy.</summary>
public sealed record ScanLimits
{
    /// <summary>Largest accepted file, in bytes (default 40 MB).</summary>
    public long MaxBytes { get; init; } = 40L * 1024 * 1024;

    /// <summary>Largest accepted image, in pixels (default 80 megapixels).</summary>
    public long MaxPixels { get; init; } = 80_000_000;

    /// <summary>Lowest accepted resolution (default 150 dpi); coarser scans lose the detail that tells forgeries apart.</summary>
    public double MinDpi { get; init; } = 150;

    /// <summary>Highest accepted resolution (default 1200 dpi).</summary>
    public double MaxDpi { get; init; } = 1200;

    /// <summary>The default limits.</summary>
    public static ScanLimits Default { get; } = new();
}
