namespace SealMatch.Engine.Imaging;

/// <summary>Why a scan was refused. Each maps to a precise status at the service boundary.</summary>
public enum ScanProblem
{
    /// <summary>No bytes were given.</summary>
    Empty,

    /// <summary>The file is larger than the configured byte limit.</summary>
    TooLarge,

    /// <summary>The image has more pixels than the configured limit.</summary>
    TooManyPixels,

    /// <summary>Not PNG, JPEG, TIFF or BMP.</summary>
    UnsupportedFormat,

    /// <summary>The header or the pixel data cannot be decoded.</summary>
    Corrupt,

    /// <summary>The resolution is below the minimum (seal detail would be lost).</summary>
    TooCoarse,

    /// <summary>The resolution is implausibly high for a document scan.</summary>
    TooFine,

    /// <summary>Neither the caller nor the file's metadata gives the resolution.</summary>
    ResolutionUnknown,

    /// <summary>The image is too small to hold a seal at its resolution.</summary>
    TooSmall,
}

/// <summary>A scan refused at the boundary, with the reason and the offending input field.</summary>
public sealed class ScanRejectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ScanRejectedException(ScanProblem problem, string field, string message)
        : base(message)
    {
        Problem = problem;
        Field = field;
    }

    /// <summary>Creates an exception with a generic message (for serialisers and tooling).</summary>
    public ScanRejectedException()
        : this(ScanProblem.Corrupt, "image", "The scan was refused.")
    {
    }

    /// <summary>Creates an exception with a message (for serialisers and tooling).</summary>
    public ScanRejectedException(string message)
        : this(ScanProblem.Corrupt, "image", message)
    {
    }

    /// <summary>Creates an exception wrapping another.</summary>
    public ScanRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problem = ScanProblem.Corrupt;
        Field = "image";
    }

    /// <summary>Why the scan was refused.</summary>
    public ScanProblem Problem { get; }

    /// <summary>The request field at fault: <c>image</c> or <c>dpi</c>.</summary>
    public string Field { get; } = "image";
}
