using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SealMatch.Domain.Specimens;

namespace SealMatch.Data.Specimens;

internal sealed class SpecimenMaterialConfiguration : IEntityTypeConfiguration<SpecimenMaterial>
{
    public void Configure(EntityTypeBuilder<SpecimenMaterial> builder)
    {
        builder.ToTable("specimen_materials");
        builder.HasKey(m => m.SpecimenId);
        builder.Property(m => m.SpecimenId).HasMaxLength(64);
        builder.HasOne<Specimen>().WithOne().HasForeignKey<SpecimenMaterial>(m => m.SpecimenId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(m => m.ContentType).HasMaxLength(64);
        builder.Property(m => m.ImageSha256).HasMaxLength(64);
        builder.Property(m => m.Ink).HasMaxLength(16);
        builder.Property(m => m.Shape).HasMaxLength(16);
        builder.Property(m => m.EngineVersion).HasMaxLength(32);
    }
}

internal sealed class SpecimenImageAccessConfiguration : IEntityTypeConfiguration<SpecimenImageAccess>
{
    public void Configure(EntityTypeBuilder<SpecimenImageAccess> builder)
    {
        builder.ToTable("specimen_image_accesses");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.SpecimenId).HasMaxLength(64);
        builder.Property(a => a.AccountId).HasMaxLength(64);
        builder.Property(a => a.ActorId).HasMaxLength(200);
        builder.Property(a => a.Purpose).HasMaxLength(2000);
        builder.HasIndex(a => a.SpecimenId);
    }
}
