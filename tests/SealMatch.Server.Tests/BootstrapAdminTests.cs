using SealMatch.Server.Hosting;
using SealMatch.Server.Tests.Infrastructure;

namespace SealMatch.Server.Tests;

public sealed class BootstrapAdminTests
{
    [Fact]
    public async Task Creates_the_first_admin_once_and_refuses_afterwards()
    {
        string folder = Path.Combine(Path.GetTempPath(), "sealmatch-bootstrap-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        string[] settings =
        [
            "--Database:Provider=Sqlite",
            $"--ConnectionStrings:Sqlite=Data Source={Path.Combine(folder, "sealmatch.db")}",
            $"--Encryption:Key={ServiceHost.TestEncryptionKey}",
            "--Logging:LogLevel:Default=Warning",
        ];
        try
        {
            TextWriter original = Console.Out;
            var output = new StringWriter();
            Console.SetOut(output);
            int first;
            int second;
            try
            {
                first = await BootstrapAdmin.RunAsync(["--user", "root", "--branch", "HQ", .. settings]);
                second = await BootstrapAdmin.RunAsync(["--user", "root2", "--branch", "HQ", .. settings]);
            }
            finally
            {
                Console.SetOut(original);
            }

            Assert.Equal(0, first);
            Assert.Equal(1, second);
            Assert.Matches(@"smk_[0-9a-f]{16}_[0-9a-f]{64}", output.ToString());
            Assert.Equal(2, await BootstrapAdmin.RunAsync(["--user", "root"]));

            // The first credential is in the audit trail, like every later one.
            await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(folder, "sealmatch.db")}");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT * FROM audit_entries";
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<Dictionary<string, object>>();
            while (await reader.ReadAsync())
            {
                rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, reader.GetValue, StringComparer.OrdinalIgnoreCase));
            }

            Dictionary<string, object> entry = Assert.Single(rows);
            Assert.Equal("credential.create", entry["Action"]);
            Assert.Equal("bootstrap", entry["ActorId"]);
            Assert.Equal("bootstrap-admin", entry["Purpose"]);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
