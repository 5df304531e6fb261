using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SealMatch.Domain.Accounts;
using SealMatch.Domain.Specimens;

namespace SealMatch.Data.Specimens;

internal sealed class SpecimenConfiguration : IEntityTypeConfiguration<Specimen>
{
    public void Configure(EntityTypeBuilder<Specimen> builder)
    {
        builder.ToTable("specimens");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(64).ValueGeneratedNever();
        builder.Property(s => s.AccountId).HasMaxLength(64);
        builder.HasOne<Account>().WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.AccountId);
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(s => s.Role).HasConversion<string>().HasMaxLength(48);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(s => s.SignatoryName).HasMaxLength(200);
        builder.Property(s => s.SubmittedBy).HasMaxLength(200);
        builder.Property(s => s.ApprovedBy).HasMaxLength(200);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.OwnsOne(s => s.PendingChange, p =>
        {
            p.Property(c => c.Kind).HasConversion<string>().HasMaxLength(32).HasColumnName("pending_kind");
            p.Property(c => c.RequestedBy).HasMaxLength(200).HasColumnName("pending_requested_by");
            p.Property(c => c.RequestedAt).HasColumnName("pending_requested_at");
            p.Property(c => c.Reason).HasMaxLength(2000).HasColumnName("pending_reason");
            p.Property(c => c.EffectiveTo).HasColumnName("pending_effective_to");
        });
        builder.Navigation(s => s.PendingChange).IsRequired(false);
        builder.HasMany(s => s.History).WithOne().HasForeignKey(e => e.SpecimenId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(s => s.History).HasField("_history").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class SpecimenEventConfiguration : IEntityTypeConfiguration<SpecimenEvent>
{
    public void Configure(EntityTypeBuilder<SpecimenEvent> builder)
    {
        builder.ToTable("specimen_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.SpecimenId).HasMaxLength(64);
        builder.HasIndex(e => new { e.SpecimenId, e.Sequence }).IsUnique();
        builder.Property(e => e.ActorId).HasMaxLength(200);
        builder.Property(e => e.Action).HasConversion<string>().HasMaxLength(48);
        builder.Property(e => e.StatusAfter).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.Reason).HasMaxLength(2000);
    }
}
