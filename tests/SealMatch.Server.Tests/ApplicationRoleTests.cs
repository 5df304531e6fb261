using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SealMatch.Data;
using SealMatch.Protos.V1;
using SealMatch.Server.Tests.Infrastructure;

namespace SealMatch.Server.Tests;

/// <summary>
/// <c>Database:ApplicationRole</c> on PostgreSQL: the service migrates as the owner, then works as a
/// role that may read and append the audit trail but is denied changing it (and cannot switch the
/// append-only trigger off).
/// </summary>
public sealed class ApplicationRoleTests(PostgresApplicationRoleHost host) : IClassFixture<PostgresApplicationRoleHost>
{
    [SkippableFact]
    public async Task The_service_works_as_the_application_role_which_is_denied_changes_to_the_audit_trail()
    {
        Skip.If(host.SkipReason is not null, host.SkipReason);
        using var clerk = new Clients(host.Channel(await host.UserAsync("clerk-r", "B1", UserRole.SpecimenClerk)));
        using var auditor = new Clients(host.Channel(await host.UserAsync("auditor-r", "HQ", UserRole.Auditor)));

        // Normal operation (inserts and updates elsewhere, appends to the trail) works under the role.
        Account account = await clerk.Accounts.CreateAccountAsync(new CreateAccountRequest
        {
            AccountNumber = "62220" + Guid.NewGuid().ToString("N")[..12],
            Name = "Role test",
            BranchCode = "B1",
            RiskTier = RiskTier.Standard,
        });
        await clerk.Accounts.CloseAccountAsync(new CloseAccountRequest { AccountId = account.Id });
        VerifyAuditChainResponse verified = await auditor.Audit.VerifyAuditChainAsync(new VerifyAuditChainRequest());
        Assert.True(verified.Intact, verified.FirstBreak?.Detail);
        Assert.True(verified.HeadSequenceNumber >= 2);
        long k = verified.HeadSequenceNumber;

        using IServiceScope scope = host.Services.CreateScope();
        SealMatchDbContext db = scope.ServiceProvider.GetRequiredService<SealMatchDbContext>();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using DbCommand who = db.Database.GetDbConnection().CreateCommand();
            who.CommandText = "SELECT current_user, (SELECT tableowner FROM pg_tables WHERE tablename = 'audit_entries')";
            await using (DbDataReader reader = await who.ExecuteReaderAsync())
            {
                Assert.True(await reader.ReadAsync());
                Assert.StartsWith("sealmatch_app_", reader.GetString(0), StringComparison.Ordinal);
                Assert.NotEqual(reader.GetString(0), reader.GetString(1));
            }

            string[] denied =
            [
                $"UPDATE audit_entries SET \"TargetId\" = 'forged' WHERE \"SequenceNumber\" = {k}",
                $"DELETE FROM audit_entries WHERE \"SequenceNumber\" = {k}",
                "TRUNCATE audit_entries",
                "SET session_replication_role = replica",
            ];
            foreach (string sql in denied)
            {
                PostgresException error = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync(sql));
                Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
                Assert.Contains("permission denied", error.MessageText, StringComparison.Ordinal);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        VerifyAuditChainResponse after = await auditor.Audit.VerifyAuditChainAsync(new VerifyAuditChainRequest());
        Assert.True(after.Intact, after.FirstBreak?.Detail);
        Assert.Equal(verified.HeadHash, after.HeadHash);
    }
}
