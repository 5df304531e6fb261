using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SealMatch.Domain.Accounts;

namespace SealMatch.Data.Verifications;

internal sealed class SlipVerificationConfiguration : IEntityTypeConfiguration<SlipVerification>
{
    public void Configure(EntityTypeBuilder<SlipVerification> builder)
    {
        builder.ToTable("verifications");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).HasMaxLength(64).ValueGeneratedNever();
        builder.Property(v => v.AccountId).HasMaxLength(64);
        builder.HasOne<Account>().WithMany().HasForeignKey(v => v.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(v => v.IdempotencyKey).HasMaxLength(128);
        // A retry with the same key finds the stored verification; concurrent duplicates lose on this index.
        builder.HasIndex(v => new { v.AccountId, v.IdempotencyKey }).IsUnique();
        builder.Property(v => v.RequestHash).HasMaxLength(32);
        builder.Property(v => v.RequestedBy).HasMaxLength(200);
        builder.Property(v => v.Currency).HasMaxLength(3);
        builder.Property(v => v.Decision).HasMaxLength(16);
        builder.Property(v => v.Status).HasMaxLength(32);
        builder.Property(v => v.ReasonCodes).HasMaxLength(1000);
        builder.Property(v => v.EngineVersion).HasMaxLength(32);
        builder.Property(v => v.Version).IsConcurrencyToken();
    }
}
