using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SealMatch.Server.Security;

/// <summary>
/// How a client certificate names its credential: the SHA-256 of its DER encoding, as 64 lower-case
/// hex digits (stored in <c>credentials.CertificateSha256</c>).
/// </summary>
internal static class ClientCertificates
{
    public static string Sha256(X509Certificate2 certificate) =>
        Convert.ToHexStringLower(certificate.GetCertHash(HashAlgorithmName.SHA256));

    /// <summary>A thumbprint as an admin may paste it (upper or lower case, colons or spaces between bytes), normalised.</summary>
    public static bool TryParseSha256(string text, [NotNullWhen(true)] out string? sha256)
    {
        string hex = string.Concat(text.Where(c => c is not (':' or ' ' or '\t')));
        sha256 = hex.Length == 64 && hex.All(char.IsAsciiHexDigit) ? Convert.ToHexStringLower(Convert.FromHexString(hex)) : null;
        return sha256 is not null;
    }

    /// <summary>The thumbprint of the first certificate in a PEM text; null when there is none or it does not parse.</summary>
    public static string? Sha256FromPem(string pem)
    {
        try
        {
            using X509Certificate2 certificate = X509Certificate2.CreateFromPem(pem);
            return Sha256(certificate);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
