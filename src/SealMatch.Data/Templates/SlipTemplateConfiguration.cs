using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SealMatch.Domain.Templates;

namespace SealMatch.Data.Templates;

internal sealed class SlipTemplateConfiguration : IEntityTypeConfiguration<SlipTemplate>
{
    public void Configure(EntityTypeBuilder<SlipTemplate> builder)
    {
        builder.ToTable("slip_templates");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasMaxLength(64).ValueGeneratedNever();
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.HasIndex(t => t.Name).IsUnique();
        builder.Property(t => t.Description).HasMaxLength(2000);
        // A template is read and written as a whole and never changes: its regions are one JSON text column.
        builder.Property(t => t.Regions)
            .HasConversion(new TemplateRegionsJsonConverter(), new ValueComparer<IReadOnlyList<TemplateRegion>>(
                (a, b) => a!.SequenceEqual(b!),
                regions => regions.Aggregate(0, (hash, r) => HashCode.Combine(hash, r)),
                regions => regions.ToList().AsReadOnly()))
            .IsRequired();
        builder.Property(t => t.CreatedBy).HasMaxLength(200);
    }
}
