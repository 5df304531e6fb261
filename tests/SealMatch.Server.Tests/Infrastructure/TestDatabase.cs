namespace SealMatch.Server.Tests.Infrastructure;

/// <summary>A database for one test host: settings for the provider, and clean-up.</summary>
public abstract class TestDatabase
{
    /// <summary>Why it cannot be used here (e.g. no PostgreSQL configured); null when it can.</summary>
    public string? SkipReason { get; protected set; }

    /// <summary>Database settings for the provider, or null (and <see cref="SkipReason"/> set) when unavailable.</summary>
    public abstract Task<Dictionary<string, string?>?> PrepareAsync();

    public virtual Task DropAsync() => Task.CompletedTask;
}

/// <summary>SQLite in a temporary file.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sealmatch-tests-" + Guid.NewGuid().ToString("N"));

    public override Task<Dictionary<string, string?>?> PrepareAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.FromResult<Dictionary<string, string?>?>(new()
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Sqlite"] = $"Data Source={Path.Combine(_folder, "sealmatch.db")}",
        });
    }

    public override Task DropAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind does no harm.
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// PostgreSQL from <c>SEALMATCH_TEST_POSTGRES</c> (a connection string to a server where the user may
/// create databases): a fresh database per run, dropped afterwards. Skipped when the variable is unset.
/// With <paramref name="applicationRole"/>, also a fresh NOLOGIN role the service works as
/// (<c>Database:ApplicationRole</c>), dropped afterwards.
/// </summary>
public sealed class PostgresTestDatabase(string? applicationRole = null) : TestDatabase
{
    public const string Variable = "SEALMATCH_TEST_POSTGRES";
    private string? _adminConnection;
    private string? _database;

    public override async Task<Dictionary<string, string?>?> PrepareAsync()
    {
        _adminConnection = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(_adminConnection))
        {
            SkipReason = $"PostgreSQL suite skipped: set {Variable} to a connection string (e.g. Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres); .ci/run does.";
            return null;
        }

        _database = "sealmatch_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new Npgsql.NpgsqlConnection(_adminConnection))
        {
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand($"CREATE DATABASE {_database}", connection);
            await command.ExecuteNonQueryAsync();
            if (applicationRole is not null)
            {
                await using var role = new Npgsql.NpgsqlCommand($"CREATE ROLE {applicationRole} NOLOGIN", connection);
                await role.ExecuteNonQueryAsync();
            }
        }

        var builder = new Npgsql.NpgsqlConnectionStringBuilder(_adminConnection) { Database = _database };
        Dictionary<string, string?> settings = new()
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Postgres"] = builder.ConnectionString,
        };
        if (applicationRole is not null)
        {
            settings["Database:ApplicationRole"] = applicationRole;
        }

        return settings;
    }

    public override async Task DropAsync()
    {
        if (_adminConnection is null || _database is null)
        {
            return;
        }

        Npgsql.NpgsqlConnection.ClearAllPools();
        await using var connection = new Npgsql.NpgsqlConnection(_adminConnection);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
        if (applicationRole is not null)
        {
            await using var role = new Npgsql.NpgsqlCommand($"DROP ROLE IF EXISTS {applicationRole}", connection);
            await role.ExecuteNonQueryAsync();
        }
    }
}
