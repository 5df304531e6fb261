using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SealMatch.Domain.Accounts;

namespace SealMatch.Data.Accounts;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.ToTable("accounts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasMaxLength(64).ValueGeneratedNever();
        builder.Property(a => a.Number).HasMaxLength(64);
        builder.HasIndex(a => a.Number).IsUnique();
        builder.Property(a => a.Name).HasMaxLength(400);
        builder.Property(a => a.BranchCode).HasMaxLength(64);
        builder.HasIndex(a => a.BranchCode);
        builder.Property(a => a.RiskTier).HasConversion<string>().HasMaxLength(32);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(32);
        // The rules are read and replaced as a whole: a JSON text column.
        builder.Property(a => a.SigningPolicy).HasConversion(new SigningPolicyJsonConverter());
        builder.Property(a => a.SigningPolicySetBy).HasMaxLength(200);
        builder.Property(a => a.CreatedBy).HasMaxLength(200);
        builder.Property(a => a.ClosedBy).HasMaxLength(200);
        builder.Property(a => a.Version).IsConcurrencyToken();
    }
}
