using System.Security.Cryptography;

namespace SealMatch.Server.Imaging;

/// <summary>The digest stored with an image to prove later that the decrypted bytes are those submitted.</summary>
internal static class ImageHash
{
    /// <summary>Lower-case hex SHA-256 of the plaintext bytes.</summary>
    public static string Sha256Hex(ReadOnlySpan<byte> plaintext) =>
        Convert.ToHexStringLower(SHA256.HashData(plaintext));
}
