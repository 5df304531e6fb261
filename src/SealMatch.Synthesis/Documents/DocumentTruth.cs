namespace SealMatch.Synthesis;

/// <summary>Kind of generated document.</summary>
public enum DocumentKind
{
    /// <summary>Cheque-like slip, about 175–200 × 70–95 mm.</summary>
    Cheque,

    /// <summary>Transfer-slip-like voucher, about 210 × 95–140 mm.</summary>
    TransferSlip,

    /// <summary>Specimen card (印鉴卡).</summary>
    SpecimenCard,
}

/// <summary>Where an impression was meant to go.</summary>
public enum SlotRole
{
    /// <summary>Inside the 出票人签章 box (overlapping its label text and lines).</summary>
    SignatureBox,

    /// <summary>Elsewhere on the slip.</summary>
    Elsewhere,

    /// <summary>Touching or overlapping another impression.</summary>
    TouchingOther,

    /// <summary>In a 预留印鉴 box of a specimen card.</summary>
    SpecimenBox,
}

/// <summary>A labelled region of a document in image pixels (after skew).</summary>
/// <param name="Kind">print, red-print, handwriting, signature, signature-box, specimen-box, form-rule.</param>
/// <param name="Text">Text content where there is one.</param>
/// <param name="Box">Axis-aligned bounding box in image pixels.</param>
public sealed record RegionTruth(string Kind, string Text, PixelBox Box);

/// <summary>Ground truth of one impression on a document.</summary>
/// <param name="Geometry">Position, rotation (design frame → image, counter-clockwise positive on screen, skew included), scale, footprint box, visible fraction.</param>
/// <param name="Label">Genuine, forged, bank stamp or other.</param>
/// <param name="Forgery">Forgery class when forged.</param>
/// <param name="Role">Intended slot.</param>
/// <param name="Style">Stamped or printed copy.</param>
/// <param name="ExpectedDesignId">Design expected at this slot (what a verifier should compare against).</param>
/// <param name="Changes">Recorded forgery changes.</param>
/// <param name="TouchingId">Id of the impression this one was placed to touch or overlap, if any.</param>
public sealed record DocumentImpressionTruth(
    ImpressionTruth Geometry,
    ImpressionLabel Label,
    ForgeryClass? Forgery,
    SlotRole Role,
    ImpressionStyle Style,
    string? ExpectedDesignId,
    IReadOnlyList<ForgeryChange> Changes,
    string? TouchingId);

/// <summary>
/// Ground truth of a generated document image. Pixel coordinates: x right, y down, pixel centres at
/// integers, in the final (skewed) image. <see cref="SkewDeg"/> is counter-clockwise positive on screen and
/// is already included in every impression's rotation and position.
/// </summary>
public sealed record DocumentTruth
{
    /// <summary>Document kind.</summary>
    public required DocumentKind Kind { get; init; }

    /// <summary>Image width, pixels.</summary>
    public required int Width { get; init; }

    /// <summary>Image height, pixels.</summary>
    public required int Height { get; init; }

    /// <summary>Resolution rendered at.</summary>
    public required int Dpi { get; init; }

    /// <summary>Whether the file carries the resolution (otherwise the caller must pass it).</summary>
    public required bool DpiInMetadata { get; init; }

    /// <summary>File format.</summary>
    public required ImageFormat Format { get; init; }

    /// <summary>Document size, mm.</summary>
    public required double WidthMm { get; init; }

    /// <summary>Document size, mm.</summary>
    public required double HeightMm { get; init; }

    /// <summary>Scanner skew, degrees.</summary>
    public required double SkewDeg { get; init; }

    /// <summary>All seal impressions (customer seals, forgeries and bank stamps).</summary>
    public required IReadOnlyList<DocumentImpressionTruth> Impressions { get; init; }

    /// <summary>Printed text, handwriting, signatures, red non-seal print and boxes.</summary>
    public required IReadOnlyList<RegionTruth> Regions { get; init; }

    /// <summary>Regions of one kind.</summary>
    public IEnumerable<RegionTruth> RegionsOf(string kind) => Regions.Where(r => r.Kind == kind);
}

/// <summary>An encoded document image with its ground truth.</summary>
public sealed class GeneratedDocument
{
    private readonly byte[] _file;

    internal GeneratedDocument(byte[] file, DocumentTruth truth)
    {
        _file = file;
        Truth = truth;
    }

    /// <summary>The encoded file (PNG or JPEG).</summary>
    public ReadOnlyMemory<byte> File => _file;

    /// <summary>Ground truth.</summary>
    public DocumentTruth Truth { get; }

    /// <summary>The file as a new array.</summary>
    public byte[] ToArray() => (byte[])_file.Clone();
}
