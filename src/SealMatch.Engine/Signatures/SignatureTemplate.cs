using System.Buffers.Binary;
using System.Security.Cryptography;

namespace SealMatch.Engine.Signatures;

/// <summary>
/// One reference (or questioned) signature as the engine compares it: its embedding, the SHA-256 of
/// the model that computed it and the preprocessing version. Embeddings from another model or
/// preprocessing are not comparable: recompute them from the stored image.
/// </summary>
/// <remarks>
/// Serialised form (<see cref="Serialise"/>): magic <c>SMSIG</c>, format version (1 byte),
/// preprocessing version (int32), model SHA-256 (32 bytes), dimension (int32), the embedding
/// (float32 each), then the first 8 bytes of the SHA-256 of everything before them. Little-endian.
/// </remarks>
public sealed class SignatureTemplate
{
    private const byte FormatVersion = 1;
    private const int ChecksumLength = 8;
    private static readonly byte[] Magic = "SMSIG"u8.ToArray();

    private readonly float[] _embedding;

    /// <summary>Creates a template from an embedding (copied).</summary>
    /// <exception cref="ArgumentException">The embedding is empty or not finite, or the SHA-256 is not 64 hex digits.</exception>
    public SignatureTemplate(ReadOnlySpan<float> embedding, string modelSha256, int featureVersion)
    {
        ArgumentNullException.ThrowIfNull(modelSha256);
        if (embedding.IsEmpty || !AllFinite(embedding))
        {
            throw new ArgumentException("The embedding is empty or holds a non-finite value.", nameof(embedding));
        }

        if (modelSha256.Length != 64 || !modelSha256.All(Uri.IsHexDigit))
        {
            throw new ArgumentException("The model SHA-256 must be 64 hex digits.", nameof(modelSha256));
        }

        _embedding = embedding.ToArray();
        ModelSha256 = modelSha256.ToLowerInvariant();
        FeatureVersion = featureVersion;
    }

    /// <summary>The L2-normalised embedding.</summary>
    public ReadOnlySpan<float> Embedding => _embedding;

    /// <summary>Lower-case hex SHA-256 of the embedding model's ONNX file.</summary>
    public string ModelSha256 { get; }

    /// <summary>The preprocessing version (<see cref="SignatureImage.PreprocessingVersion"/>) the embedding was computed with.</summary>
    public int FeatureVersion { get; }

    /// <summary>Serialises the template (see remarks for the layout).</summary>
    public byte[] Serialise()
    {
        int body = Magic.Length + 1 + 4 + 32 + 4 + 4 * _embedding.Length;
        var data = new byte[body + ChecksumLength];
        Span<byte> span = data;
        Magic.CopyTo(span);
        int at = Magic.Length;
        span[at++] = FormatVersion;
        BinaryPrimitives.WriteInt32LittleEndian(span[at..], FeatureVersion);
        at += 4;
        Convert.FromHexString(ModelSha256).CopyTo(span[at..]);
        at += 32;
        BinaryPrimitives.WriteInt32LittleEndian(span[at..], _embedding.Length);
        at += 4;
        foreach (float v in _embedding)
        {
            BinaryPrimitives.WriteSingleLittleEndian(span[at..], v);
            at += 4;
        }

        SHA256.HashData(span[..body])[..ChecksumLength].CopyTo(span[body..]);
        return data;
    }

    /// <summary>Reads a serialised template.</summary>
    /// <exception cref="InvalidDataException">The data is truncated, corrupted, or not a signature template.</exception>
    public static SignatureTemplate Deserialise(ReadOnlySpan<byte> data)
    {
        const int Header = 5 + 1 + 4 + 32 + 4;
        if (data.Length < Header + ChecksumLength || !data[..Magic.Length].SequenceEqual(Magic))
        {
            throw new InvalidDataException("Not a SealMatch signature template.");
        }

        int body = data.Length - ChecksumLength;
        if (!SHA256.HashData(data[..body])[..ChecksumLength].AsSpan().SequenceEqual(data[body..]))
        {
            throw new InvalidDataException("The signature template is corrupted (checksum mismatch).");
        }

        int at = Magic.Length;
        byte format = data[at++];
        if (format != FormatVersion)
        {
            throw new InvalidDataException($"Signature template format {format} is not supported (expected {FormatVersion}).");
        }

        int featureVersion = BinaryPrimitives.ReadInt32LittleEndian(data[at..]);
        at += 4;
        string sha = Convert.ToHexStringLower(data.Slice(at, 32));
        at += 32;
        int dimension = BinaryPrimitives.ReadInt32LittleEndian(data[at..]);
        at += 4;
        if (dimension <= 0 || (long)dimension * 4 != body - at)
        {
            throw new InvalidDataException($"The signature template declares {dimension} values but holds {(body - at) / 4}.");
        }

        var embedding = new float[dimension];
        for (int i = 0; i < dimension; i++, at += 4)
        {
            embedding[i] = BinaryPrimitives.ReadSingleLittleEndian(data[at..]);
        }

        if (!AllFinite(embedding))
        {
            throw new InvalidDataException("The signature template holds a non-finite value.");
        }

        return new SignatureTemplate(embedding, sha, featureVersion);
    }

    private static bool AllFinite(ReadOnlySpan<float> values)
    {
        foreach (float v in values)
        {
            if (!float.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }
}
