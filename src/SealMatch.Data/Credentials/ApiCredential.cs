namespace SealMatch.Data.Credentials;

/// <summary>
/// A credential bound to a user, a role set and a branch: either an API key (only a keyed SHA-256
/// hash of its secret is stored; the key itself is shown once when it is created) or a registered
/// client certificate (only the SHA-256 thumbprint of its DER encoding is stored). Exactly one of
/// <see cref="SecretHash"/> and <see cref="CertificateSha256"/> is set.
/// </summary>
public sealed class ApiCredential
{
    /// <summary>Public identifier of the credential (for a key, the part between <c>smk_</c> and the secret).</summary>
    public required string KeyId { get; init; }

    /// <summary>The person or system the key belongs to.</summary>
    public required string User { get; init; }

    /// <summary>Role names (e.g. <c>TELLER</c>), comma-separated.</summary>
    public required string Roles { get; init; }

    /// <summary>Branch the holder works for; tellers and clerks see only its accounts.</summary>
    public required string Branch { get; init; }

    /// <summary>HMAC-SHA256 of the secret keyed with the key id; null for a client certificate.</summary>
    public byte[]? SecretHash { get; init; }

    /// <summary>Lower-case hex SHA-256 of the client certificate's DER encoding; null for an API key.</summary>
    public string? CertificateSha256 { get; init; }

    /// <summary>When the key was made (UTC).</summary>
    public required DateTime CreatedAt { get; init; }

    /// <summary>Who made it (<c>bootstrap</c> for the first admin).</summary>
    public required string CreatedBy { get; init; }

    /// <summary>When the key was revoked (UTC), or null while valid.</summary>
    public DateTime? RevokedAt { get; set; }

    /// <summary>Who revoked it.</summary>
    public string? RevokedBy { get; set; }

    /// <summary>Optimistic concurrency token.</summary>
    public long Version { get; set; }

    /// <summary>The roles as a list.</summary>
    public IReadOnlyList<string> RoleList => Roles.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
