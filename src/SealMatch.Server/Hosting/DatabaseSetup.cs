using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SealMatch.Data;

namespace SealMatch.Server.Hosting;

/// <summary>
/// The database provider and connection, from <c>Database:Provider</c> and <c>ConnectionStrings</c>.
/// On PostgreSQL, <c>Database:ApplicationRole</c> (optional) names a role the service works as after
/// migrating: the start-up step (as the connection's own user, the owner) grants it ordinary rights on
/// the tables but only SELECT and INSERT on the audit trail, and every later connection runs
/// <c>SET ROLE</c> to it.
/// </summary>
internal sealed record DatabaseSetup(DatabaseProvider Provider, string ConnectionString, string? ApplicationRole = null)
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
            string? role = configuration["Database:ApplicationRole"] is { Length: > 0 } r ? r : null;
            return new DatabaseSetup(DatabaseProvider.Postgres, cs, role);
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

    /// <summary>The service's own connections: on PostgreSQL with an application role, they switch to it.</summary>
    public void Configure(DbContextOptionsBuilder options)
    {
        ConfigureAsOwner(options);
        if (Provider == DatabaseProvider.Postgres && ApplicationRole is not null)
        {
            options.AddInterceptors(new SetRoleInterceptor(ApplicationRole));
        }
    }

    /// <summary>Connections as the connection string's user (migrations and grants).</summary>
    public void ConfigureAsOwner(DbContextOptionsBuilder options)
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

/// <summary>Switches every opened PostgreSQL connection to the application role.</summary>
internal sealed class SetRoleInterceptor(string role) : DbConnectionInterceptor
{
    private readonly string _statement = "SET ROLE " + PostgresRoles.Quote(role);

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using DbCommand command = connection.CreateCommand();
#pragma warning disable CA2100 // the role name is quoted as an identifier
        command.CommandText = _statement;
#pragma warning restore CA2100
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using DbCommand command = connection.CreateCommand();
#pragma warning disable CA2100 // the role name is quoted as an identifier
        command.CommandText = _statement;
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>What the application role may do: everything it needs on the tables, but only read and append the audit trail.</summary>
internal static class PostgresRoles
{
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static IReadOnlyList<string> GrantStatements(string role)
    {
        string r = Quote(role);
        return
        [
            $"GRANT USAGE ON SCHEMA public TO {r}",
            $"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {r}",
            $"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {r}",
            $"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON \"__EFMigrationsHistory\" FROM {r}",
            $"REVOKE UPDATE, DELETE, TRUNCATE ON audit_entries FROM {r}",
        ];
    }
}
