using Microsoft.EntityFrameworkCore;
using SealMatch.Data.Credentials;
using SealMatch.Data.Specimens;
using SealMatch.Data.Verifications;
using SealMatch.Domain.Accounts;
using SealMatch.Domain.Audit;
using SealMatch.Domain.Reviews;
using SealMatch.Domain.Specimens;
using SealMatch.Domain.Templates;

namespace SealMatch.Data;

/// <summary>
/// The service's database. The domain aggregates (<see cref="Account"/>, <see cref="Specimen"/>) are
/// mapped as they are; each row that can change carries a <c>Version</c> concurrency token, so several
/// service instances can share one PostgreSQL: a lost update fails with
/// <see cref="DbUpdateConcurrencyException"/> instead of overwriting.
/// </summary>
public sealed class SealMatchDbContext(DbContextOptions<SealMatchDbContext> options) : DbContext(options)
{
    public DbSet<ApiCredential> Credentials => Set<ApiCredential>();

    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<Specimen> Specimens => Set<Specimen>();

    public DbSet<SpecimenEvent> SpecimenEvents => Set<SpecimenEvent>();

    public DbSet<SpecimenMaterial> SpecimenMaterials => Set<SpecimenMaterial>();

    public DbSet<SpecimenImageAccess> SpecimenImageAccesses => Set<SpecimenImageAccess>();

    public DbSet<SlipVerification> Verifications => Set<SlipVerification>();

    /// <summary>Dual review cases, each with its <see cref="ReviewCase.Reviews"/> records.</summary>
    public DbSet<ReviewCase> ReviewCases => Set<ReviewCase>();

    public DbSet<Review> Reviews => Set<Review>();

    /// <summary>The audit trail: appended to, never updated or deleted (see <see cref="AuditChain"/>).</summary>
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>Slip templates: named seal and signature regions of known slip layouts; never changed once created.</summary>
    public DbSet<SlipTemplate> SlipTemplates => Set<SlipTemplate>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SealMatchDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // All instants are UTC. SQLite can neither order nor compare DateTimeOffset and forgets a
        // DateTime's kind, so instants are stored as UTC DateTime and marked UTC on read.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// Rows whose <c>long Version</c> the code did not advance itself get the next one. (The domain
    /// aggregates advance their own <c>int Version</c> on every transition.)
    /// </summary>
    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Modified && entry.Metadata.FindProperty("Version") is { IsConcurrencyToken: true } property
                && property.ClrType == typeof(long))
            {
                var version = entry.Property(property.Name);
                if (Equals(version.CurrentValue, version.OriginalValue))
                {
                    version.CurrentValue = (long)version.OriginalValue! + 1;
                }
            }
        }
    }
}
