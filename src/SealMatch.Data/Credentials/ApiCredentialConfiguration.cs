using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SealMatch.Data.Credentials;

internal sealed class ApiCredentialConfiguration : IEntityTypeConfiguration<ApiCredential>
{
    public void Configure(EntityTypeBuilder<ApiCredential> builder)
    {
        // A credential is a key or a certificate, never both and never neither.
        builder.ToTable("credentials", t => t.HasCheckConstraint("CK_credentials_key_or_certificate",
            "(\"SecretHash\" IS NULL) <> (\"CertificateSha256\" IS NULL)"));
        builder.HasKey(c => c.KeyId);
        builder.Property(c => c.KeyId).HasMaxLength(32);
        builder.Property(c => c.User).HasMaxLength(200);
        builder.Property(c => c.Roles).HasMaxLength(400);
        builder.Property(c => c.Branch).HasMaxLength(64);
        builder.Property(c => c.SecretHash).HasMaxLength(32);
        builder.Property(c => c.CertificateSha256).HasMaxLength(64);
        builder.Property(c => c.CreatedBy).HasMaxLength(200);
        builder.Property(c => c.RevokedBy).HasMaxLength(200);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Ignore(c => c.RoleList);
        builder.HasIndex(c => c.User);
        // Also the look-up of a presented certificate; a revoked certificate cannot be registered again.
        builder.HasIndex(c => c.CertificateSha256).IsUnique();
    }
}
