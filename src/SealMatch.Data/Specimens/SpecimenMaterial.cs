namespace SealMatch.Data.Specimens;

/// <summary>
/// What a specimen is made of: the original image as submitted and, for seals, the engine's
/// normalised template (<c>SealTemplate.Serialise</c>), both encrypted at rest (AES-GCM, bound to the
/// specimen id). Written once with the submission; never changed.
/// </summary>
public sealed class SpecimenMaterial
{
    public required string SpecimenId { get; init; }

    /// <summary>The encrypted original file.</summary>
    public required byte[] EncryptedImage { get; init; }

    /// <summary>
    /// Lower-case hex SHA-256 of the original file's plaintext bytes, taken at submission, so that
    /// reconciliation can prove the decrypted image is the one submitted. Null for rows stored before
    /// the hash was recorded.
    /// </summary>
    public string? ImageSha256 { get; init; }

    /// <summary>MIME type of the original file.</summary>
    public required string ContentType { get; init; }

    /// <summary>Resolution the image was read at.</summary>
    public required double Dpi { get; init; }

    /// <summary>The specimen's region on a specimen card, when it came from one (x, y, width, height).</summary>
    public int? RegionX { get; init; }

    public int? RegionY { get; init; }

    public int? RegionWidth { get; init; }

    public int? RegionHeight { get; init; }

    /// <summary>The encrypted serialised seal template; null for signatures (not scored yet).</summary>
    public byte[]? EncryptedTemplate { get; init; }

    /// <summary>Seal ink, shape and size from the template (readable without decrypting it).</summary>
    public string? Ink { get; init; }

    public string? Shape { get; init; }

    public double? WidthMm { get; init; }

    public double? HeightMm { get; init; }

    /// <summary>Engine and feature versions that made the template.</summary>
    public string? EngineVersion { get; init; }

    public int? FeatureVersion { get; init; }

    /// <summary>The template's descriptor vector (not secret on its own, kept in clear for search), as little-endian floats.</summary>
    public byte[]? Descriptor { get; init; }
}

/// <summary>A recorded look at a specimen image: who, when, for what purpose.</summary>
public sealed class SpecimenImageAccess
{
    public required Guid Id { get; init; }

    public required string SpecimenId { get; init; }

    public required string AccountId { get; init; }

    public required string ActorId { get; init; }

    public required string Purpose { get; init; }

    public required DateTime At { get; init; }
}
