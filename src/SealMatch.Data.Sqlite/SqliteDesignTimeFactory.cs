using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SealMatch.Data.Sqlite;

/// <summary>
/// Lets dotnet-ef build the model for SQLite without the host:
/// <c>dotnet ef migrations add NAME --project src/SealMatch.Data.Sqlite</c>.
/// </summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SealMatchDbContext>
{
    public SealMatchDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SealMatchDbContext>()
            .UseSqlite("Data Source=design-time.db", o => o.MigrationsAssembly(typeof(SqliteDesignTimeFactory).Assembly.GetName().Name))
            .Options);
}
