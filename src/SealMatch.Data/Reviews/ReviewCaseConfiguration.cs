using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SealMatch.Data.Verifications;
using SealMatch.Domain.Reviews;

namespace SealMatch.Data.Reviews;

/// <summary>
/// The <see cref="ReviewCase"/> aggregate as it is. <see cref="ReviewCase.Version"/> is the concurrency
/// token: of two concurrent claims (or any two transitions) on one case only the first saves.
/// </summary>
internal sealed class ReviewCaseConfiguration : IEntityTypeConfiguration<ReviewCase>
{
    public void Configure(EntityTypeBuilder<ReviewCase> builder)
    {
        builder.ToTable("review_cases");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasMaxLength(64).ValueGeneratedNever();
        builder.Property(c => c.VerificationId).HasMaxLength(64);
        builder.HasOne<SlipVerification>().WithMany().HasForeignKey(c => c.VerificationId).OnDelete(DeleteBehavior.Restrict);
        // One case per verification.
        builder.HasIndex(c => c.VerificationId).IsUnique();
        builder.Property(c => c.AccountId).HasMaxLength(64);
        builder.Property(c => c.BranchCode).HasMaxLength(32);
        builder.Property(c => c.Reason).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.SubmittedBy).HasMaxLength(200);
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.LeaseHolder).HasMaxLength(200);
        builder.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.DecidedBy).HasMaxLength(200);
        builder.Property(c => c.Version).IsConcurrencyToken();
        // The queue: claimable states, oldest first.
        builder.HasIndex(c => new { c.State, c.OpenedAt });
        builder.HasIndex(c => new { c.BranchCode, c.OpenedAt });
        builder.Ignore(c => c.HoldsPayment);
        builder.Ignore(c => c.RaisesAlert);
        builder.HasMany(c => c.Reviews).WithOne().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(c => c.Reviews).HasField("_reviews").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

/// <summary>Review records: appended, never changed.</summary>
internal sealed class ReviewConfiguration : IEntityTypeConfiguration<Review>
{
    public void Configure(EntityTypeBuilder<Review> builder)
    {
        builder.ToTable("reviews");
        builder.HasKey(r => r.Id);
        // Assigned by the domain; a new record found beside a tracked case is an insert.
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.CaseId).HasMaxLength(64);
        builder.HasIndex(r => new { r.CaseId, r.Sequence }).IsUnique();
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.ReviewerId).HasMaxLength(200);
        builder.HasIndex(r => r.ReviewerId);
        builder.Property(r => r.Verdict).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Comment).HasMaxLength(4000);
    }
}
