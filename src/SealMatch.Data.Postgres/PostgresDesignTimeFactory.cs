using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SealMatch.Data.Postgres;

/// <summary>
/// Lets dotnet-ef build the model for PostgreSQL without the host or a server:
/// <c>dotnet ef migrations add NAME --project src/SealMatch.Data.Postgres</c>.
/// </summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<SealMatchDbContext>
{
    public SealMatchDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SealMatchDbContext>()
            .UseNpgsql("Host=localhost;Database=sealmatch_design", o => o.MigrationsAssembly(typeof(PostgresDesignTimeFactory).Assembly.GetName().Name))
            .Options);
}
