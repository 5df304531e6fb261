using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace SealMatch.Server.Security;

/// <summary>
/// The API key format <c>smk_&lt;keyid&gt;_&lt;secret&gt;</c> (both parts lower-case hex) and its storage
/// hash: HMAC-SHA256 of the secret keyed with the key id, compared in constant time.
/// </summary>
internal static class ApiKey
{
    private const string Prefix = "smk_";
    private const int KeyIdBytes = 8;
    private const int SecretBytes = 32;

    /// <summary>Makes a new key: its id, the token to hand out once, and the hash to store.</summary>
    public static (string KeyId, string Token, byte[] Hash) Create()
    {
        string keyId = NewKeyId();
        string secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SecretBytes));
        return (keyId, $"{Prefix}{keyId}_{secret}", Hash(keyId, secret));
    }

    /// <summary>A fresh public credential id (also used for certificate credentials).</summary>
    public static string NewKeyId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(KeyIdBytes));

    /// <summary>Splits a presented token into key id and secret; false when it is not of our format.</summary>
    public static bool TryParse(string token, [NotNullWhen(true)] out string? keyId, [NotNullWhen(true)] out string? secret)
    {
        keyId = null;
        secret = null;
        if (!token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        ReadOnlySpan<char> rest = token.AsSpan(Prefix.Length);
        int separator = rest.IndexOf('_');
        if (separator != KeyIdBytes * 2 || rest.Length - separator - 1 != SecretBytes * 2
            || !IsHex(rest[..separator]) || !IsHex(rest[(separator + 1)..]))
        {
            return false;
        }

        keyId = rest[..separator].ToString();
        secret = rest[(separator + 1)..].ToString();
        return true;
    }

    /// <summary>The stored hash of a secret.</summary>
    public static byte[] Hash(string keyId, string secret) =>
        HMACSHA256.HashData(Encoding.ASCII.GetBytes(keyId), Encoding.ASCII.GetBytes(secret));

    /// <summary>Whether a presented secret matches the stored hash (constant time).</summary>
    public static bool Matches(string keyId, string secret, byte[] storedHash) =>
        CryptographicOperations.FixedTimeEquals(Hash(keyId, secret), storedHash);

    private static bool IsHex(ReadOnlySpan<char> s)
    {
        foreach (char c in s)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
