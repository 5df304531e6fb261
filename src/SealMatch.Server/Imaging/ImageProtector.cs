using System.Security.Cryptography;
using System.Text;

namespace SealMatch.Server.Imaging;

/// <summary>
/// Encrypts images and specimen templates at rest with AES-256-GCM. Each blob is bound to what it
/// is (the associated data, e.g. <c>specimen-image:ID</c>) so a blob copied to another row does not decrypt.
/// Layout: format byte (1), nonce (12), tag (16), ciphertext.
/// </summary>
internal sealed class ImageProtector
{
    private const byte Format = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key;

    public ImageProtector(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != 32)
        {
            throw new ArgumentException("The encryption key must be 32 bytes (AES-256).", nameof(key));
        }

        _key = key;
    }

    public byte[] Protect(ReadOnlySpan<byte> plaintext, string purpose)
    {
        byte[] blob = new byte[1 + NonceSize + TagSize + plaintext.Length];
        blob[0] = Format;
        Span<byte> nonce = blob.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plaintext, blob.AsSpan(1 + NonceSize + TagSize), blob.AsSpan(1 + NonceSize, TagSize), Encoding.UTF8.GetBytes(purpose));
        return blob;
    }

    /// <exception cref="CryptographicException">The blob was altered, belongs elsewhere or the key is wrong.</exception>
    public byte[] Unprotect(ReadOnlySpan<byte> blob, string purpose)
    {
        if (blob.Length < 1 + NonceSize + TagSize || blob[0] != Format)
        {
            throw new CryptographicException("Not an encrypted SealMatch blob.");
        }

        byte[] plaintext = new byte[blob.Length - 1 - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(blob.Slice(1, NonceSize), blob[(1 + NonceSize + TagSize)..], blob.Slice(1 + NonceSize, TagSize), plaintext, Encoding.UTF8.GetBytes(purpose));
        return plaintext;
    }
}
