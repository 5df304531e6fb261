using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SealMatch.Data;

namespace SealMatch.Server.Hosting;

/// <summary>The database provider and connection, from <c>Database:Provider</c> and <c>ConnectionStrings</c>.</summary>
internal sealed record DatabaseSetup(DatabaseProvider Provider, string ConnectionString)
{
    public const string SqliteMigrations = "SealMatch.Data.Sqlite";
    public const string PostgresMigrations = "SealMatch.Data.Postgres";

    public static DatabaseSetup From(IConfiguration configuration)
    {
        string provider = configuration["Database:Provider"] ?? "Sqlite";
        if (provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase) || provider.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase))
        {
            string cs = configuration.GetConnectionString("Postgres") is { Length: > 0 } c ? c
                : throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Postgres is empty.");
            return new DatabaseSetup(DatabaseProvider.Postgres, cs);
        }

        if (!provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Database:Provider must be Sqlite or Postgres, not '{provider}'.");
        }

        return new DatabaseSetup(DatabaseProvider.Sqlite, configuration.GetConnectionString("Sqlite") is { Length: > 0 } s ? s : "Data Source=sealmatch.db");
    }

    /// <summary>Where a generated development key is kept: beside the SQLite file, else in the working directory.</summary>
    public string DevelopmentKeyPath
    {
        get
        {
            if (Provider == DatabaseProvider.Sqlite)
            {
                string dataSource = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
                if (!string.IsNullOrEmpty(dataSource) && !dataSource.Equals(":memory:", StringComparison.Ordinal))
                {
                    return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(dataSource)) ?? ".", "sealmatch-dev.key");
                }
            }

            return Path.GetFullPath("sealmatch-dev.key");
        }
    }

    public void Configure(DbContextOptionsBuilder options)
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            options.UseNpgsql(ConnectionString, o => o.MigrationsAssembly(PostgresMigrations));
        }
        else
        {
            options.UseSqlite(ConnectionString, o => o.MigrationsAssembly(SqliteMigrations));
        }
    }
}

internal enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
