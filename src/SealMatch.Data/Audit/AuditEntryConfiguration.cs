using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SealMatch.Domain.Audit;

namespace SealMatch.Data.Audit;

/// <summary>
/// The append-only audit trail. The sequence number is the key (so unique in storage): two writers
/// that read the same last entry cannot both append after it. Rows are only ever inserted.
/// </summary>
internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.HasKey(e => e.SequenceNumber);
        builder.Property(e => e.SequenceNumber).ValueGeneratedNever();
        builder.Property(e => e.ActorId).HasMaxLength(200);
        builder.Property(e => e.Roles).HasMaxLength(400);
        builder.Property(e => e.BranchCode).HasMaxLength(64);
        builder.Property(e => e.Action).HasMaxLength(128);
        builder.Property(e => e.TargetType).HasMaxLength(64);
        builder.Property(e => e.TargetId).HasMaxLength(200);
        builder.Property(e => e.RequestId).HasMaxLength(200);
        builder.Property(e => e.ClientAddress).HasMaxLength(200);
        builder.Property(e => e.PreviousHash).HasMaxLength(64);
        builder.Property(e => e.Hash).HasMaxLength(64);
        builder.HasIndex(e => e.ActorId);
        builder.HasIndex(e => new { e.TargetType, e.TargetId });
        builder.HasIndex(e => e.At);
    }
}
