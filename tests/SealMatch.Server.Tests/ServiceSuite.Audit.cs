using System.Data.Common;
using System.Text;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SealMatch.Data;
using SealMatch.Protos.V1;
using SealMatch.Server.Tests.Infrastructure;
using DomainAudit = SealMatch.Domain.Audit;

namespace SealMatch.Server.Tests;

public abstract partial class ServiceSuite
{
    [SkippableFact]
    public async Task State_changes_and_image_reads_are_recorded_with_who_what_why_and_when()
    {
        SkipIfUnavailable();
        using Clients clerk = await Clerk();
        using Clients approver = await Approver();
        using Clients auditor = await Auditor();
        DateTimeOffset before = Host.Clock.GetUtcNow().AddSeconds(-1);

        Account account = await NewAccountAsync(clerk);
        Specimen submitted = await SubmitSealAsync(clerk, account.Id, SpecimenRole.FinanceSeal);
        await approver.Specimens.ApproveSpecimenAsync(new ApproveSpecimenRequest { SpecimenId = submitted.Id, ExpectedVersion = submitted.Version });
        await auditor.Specimens.GetSpecimenImageAsync(new GetSpecimenImageRequest { SpecimenId = submitted.Id, Purpose = "quarterly reconciliation" });
        await clerk.Specimens.FreezeSpecimenAsync(new FreezeSpecimenRequest { SpecimenId = submitted.Id, Reason = "card reported lost" });
        await clerk.Accounts.CloseAccountAsync(new CloseAccountRequest { AccountId = account.Id });
        // A refused change records nothing.
        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => clerk.Accounts.CloseAccountAsync(new CloseAccountRequest { AccountId = account.Id }).ResponseAsync);

        QueryAuditResponse accountEntries = await auditor.Audit.QueryAuditAsync(new QueryAuditRequest { Filter = new AuditFilter { TargetType = "account", TargetId = account.Id } });
        Assert.Equal(["account.create", "account.close"], accountEntries.Entries.Select(e => e.Action));
        AuditRecord created = accountEntries.Entries[0];
        Assert.Equal("clerk-a", created.ActorId);
        Assert.Equal("SpecimenClerk", created.Roles);
        Assert.Equal(Branch, created.BranchCode);
        Assert.Equal(string.Empty, created.Purpose);
        Assert.NotEqual(string.Empty, created.RequestId);
        Assert.InRange(created.At.ToDateTimeOffset(), before, Host.Clock.GetUtcNow().AddSeconds(1));

        QueryAuditResponse specimenEntries = await auditor.Audit.QueryAuditAsync(new QueryAuditRequest { Filter = new AuditFilter { TargetId = submitted.Id } });
        Assert.Equal(["specimen.submit", "specimen.approve", "specimen.image.read", "specimen.freeze"], specimenEntries.Entries.Select(e => e.Action));
        Assert.All(specimenEntries.Entries, e => Assert.Equal("specimen", e.TargetType));
        Assert.Equal(["clerk-a", "approver-a", "auditor", "clerk-a"], specimenEntries.Entries.Select(e => e.ActorId));
        AuditRecord read = specimenEntries.Entries[2];
        Assert.Equal("quarterly reconciliation", read.Purpose);
        Assert.Equal("Auditor", read.Roles);
        Assert.Equal("HQ", read.BranchCode);

        // Each entry points at the hash of the entry before it in the whole trail.
        Assert.True(specimenEntries.Entries.Zip(specimenEntries.Entries.Skip(1)).All(p => p.First.SequenceNumber < p.Second.SequenceNumber));

        // Filters by actor and action, paging by sequence number.
        QueryAuditResponse first = await auditor.Audit.QueryAuditAsync(new QueryAuditRequest { Filter = new AuditFilter { TargetId = submitted.Id }, PageSize = 3 });
        Assert.Equal(3, first.Entries.Count);
        Assert.Equal(first.Entries[2].SequenceNumber, first.NextAfterSequenceNumber);
        QueryAuditResponse rest = await auditor.Audit.QueryAuditAsync(new QueryAuditRequest { Filter = new AuditFilter { TargetId = submitted.Id }, PageSize = 3, AfterSequenceNumber = first.NextAfterSequenceNumber });
        Assert.Equal(["specimen.freeze"], rest.Entries.Select(e => e.Action));
        Assert.Equal(0, rest.NextAfterSequenceNumber);
        QueryAuditResponse reads = await auditor.Audit.QueryAuditAsync(new QueryAuditRequest { Filter = new AuditFilter { ActorId = "auditor", Action = "specimen.image.read", TargetId = submitted.Id } });
        Assert.Single(reads.Entries);
        QueryAuditResponse none = await auditor.Audit.QueryAuditAsync(new QueryAuditRequest
        {
            Filter = new AuditFilter { TargetId = submitted.Id, To = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(before) },
        });
        Assert.Empty(none.Entries);

        // The export carries the same entries as CSV.
        string csv = await ExportAsync(auditor, new AuditFilter { TargetId = submitted.Id });
        string[] lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("sequence_number,at,actor_id,", lines[0], StringComparison.Ordinal);
        Assert.Equal(5, lines.Length);
        Assert.Contains(",quarterly reconciliation,", lines[3], StringComparison.Ordinal);
        Assert.EndsWith(read.Hash, lines[3], StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_chain_is_intact_after_a_workload_and_tampering_with_rows_is_found_where_it_happened()
    {
        SkipIfUnavailable();
        using Clients clerk = await Clerk();
        using Clients approver = await Approver();
        using Clients auditor = await Auditor();
        using Clients admin = new(Host.Channel(Host.AdminKey));

        Account account = await NewAccountAsync(clerk);
        Specimen a = await SubmitSealAsync(clerk, account.Id, SpecimenRole.FinanceSeal);
        Specimen b = await SubmitSealAsync(clerk, account.Id, SpecimenRole.LegalRepresentativeSeal);
        await approver.Specimens.ApproveSpecimenAsync(new ApproveSpecimenRequest { SpecimenId = a.Id, ExpectedVersion = a.Version });
        await approver.Specimens.RejectSpecimenAsync(new RejectSpecimenRequest { SpecimenId = b.Id, ExpectedVersion = b.Version, Reason = "blurred" });
        // Concurrent appenders each get their own place in the chain.
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => NewAccountAsync(clerk)));

        VerifyAuditChainResponse intact = await admin.Audit.VerifyAuditChainAsync(new VerifyAuditChainRequest());
        Assert.True(intact.Intact, intact.FirstBreak?.Detail);
        long last = intact.HeadSequenceNumber;
        Assert.Equal(last, intact.EntriesVerified);
        Assert.True(last >= 10);
        long k = (await auditor.Audit.QueryAuditAsync(new QueryAuditRequest { Filter = new AuditFilter { TargetId = a.Id, Action = "specimen.approve" } })).Entries.Single().SequenceNumber;
        Assert.True(k < last);

        // An edited field.
        await TamperAsync(
            $"UPDATE audit_entries SET \"TargetId\" = 'spc_forged' WHERE \"SequenceNumber\" = {k}",
            $"UPDATE audit_entries SET \"TargetId\" = '{a.Id}' WHERE \"SequenceNumber\" = {k}",
            auditor, k, k, AuditBreakKind.HashMismatch);

        // An edited time (one microsecond later).
        DomainAudit.AuditEntry original = await ReadEntryAsync(k);
        await TamperWithTimeAsync(k, original.At.AddTicks(10));
        await ExpectBreakAsync(auditor, k, k, AuditBreakKind.HashMismatch);
        await TamperWithTimeAsync(k, original.At);
        Assert.True((await auditor.Audit.VerifyAuditChainAsync(new VerifyAuditChainRequest())).Intact);

        // A deleted row: the next one is found where k was expected.
        await ExecuteAsync($"DELETE FROM audit_entries WHERE \"SequenceNumber\" = {k}");
        await ExpectBreakAsync(auditor, k + 1, k, AuditBreakKind.SequenceGap);
        await InsertAsync(original);
        Assert.True((await auditor.Audit.VerifyAuditChainAsync(new VerifyAuditChainRequest())).Intact);

        // Two rows swapped: the row now numbered k does not follow k-1.
        string swap = $"UPDATE audit_entries SET \"SequenceNumber\" = -1 WHERE \"SequenceNumber\" = {k};"
            + $"UPDATE audit_entries SET \"SequenceNumber\" = {k} WHERE \"SequenceNumber\" = {k + 1};"
            + $"UPDATE audit_entries SET \"SequenceNumber\" = {k + 1} WHERE \"SequenceNumber\" = -1;";
        await TamperAsync(swap, swap, auditor, k, k, AuditBreakKind.PreviousHashMismatch);

        // A forged row appended with a made-up hash, and one inserted in the middle with a correct hash of its own.
        DomainAudit.AuditEntry head = await ReadEntryAsync(last);
        await InsertAsync(DomainAudit.AuditEntry.Restore(last + 1, "mallory", "Admin", "HQ", "credential.create", "credential", "key_x", null,
            DateTimeOffset.UtcNow, null, null, head.Hash, new string('a', 64)));
        await ExpectBreakAsync(auditor, last + 1, last + 1, AuditBreakKind.HashMismatch);
        await ExecuteAsync($"DELETE FROM audit_entries WHERE \"SequenceNumber\" = {last + 1}");

        await ExecuteAsync($"UPDATE audit_entries SET \"SequenceNumber\" = \"SequenceNumber\" + 1000000 WHERE \"SequenceNumber\" >= {k}");
        DomainAudit.AuditEntry beforeK = await ReadEntryAsync(k - 1);
        var draft = DomainAudit.AuditEntry.Restore(k, "mallory", "Admin", "HQ", "credential.create", "credential", "key_x", null,
            DomainAudit.AuditChain.Normalize(DateTimeOffset.UtcNow), null, null, beforeK.Hash, string.Empty);
        string forgedHash = DomainAudit.AuditChain.ComputeHash(beforeK.Hash, draft);
        await InsertAsync(DomainAudit.AuditEntry.Restore(k, "mallory", "Admin", "HQ", "credential.create", "credential", "key_x", null,
            draft.At, null, null, beforeK.Hash, forgedHash));
        await ExecuteAsync($"UPDATE audit_entries SET \"SequenceNumber\" = \"SequenceNumber\" - 1000000 + 1 WHERE \"SequenceNumber\" >= 1000000");
        // The forged row itself chains correctly; the row it displaced does not point at it.
        await ExpectBreakAsync(auditor, k + 1, k + 1, AuditBreakKind.PreviousHashMismatch);
        await ExecuteAsync($"DELETE FROM audit_entries WHERE \"SequenceNumber\" = {k}");
        await ExecuteAsync($"UPDATE audit_entries SET \"SequenceNumber\" = \"SequenceNumber\" + 1000000 WHERE \"SequenceNumber\" > {k}");
        await ExecuteAsync($"UPDATE audit_entries SET \"SequenceNumber\" = \"SequenceNumber\" - 1000000 - 1 WHERE \"SequenceNumber\" > 1000000");

        VerifyAuditChainResponse restored = await auditor.Audit.VerifyAuditChainAsync(new VerifyAuditChainRequest());
        Assert.True(restored.Intact, restored.FirstBreak?.Detail);
        Assert.Equal(last, restored.HeadSequenceNumber);
        Assert.Equal(intact.HeadHash, restored.HeadHash);
    }

    [SkippableFact]
    public async Task The_service_connection_can_append_to_the_audit_trail_but_not_change_or_delete_rows()
    {
        SkipIfUnavailable();
        using Clients clerk = await Clerk();
        using Clients auditor = await Auditor();

        // Normal operation appends.
        Account account = await NewAccountAsync(clerk);
        long k = (await auditor.Audit.QueryAuditAsync(new QueryAuditRequest { Filter = new AuditFilter { TargetId = account.Id, Action = "account.create" } })).Entries.Single().SequenceNumber;
        DomainAudit.AuditEntry original = await ReadEntryAsync(k);

        // The service's own connection (the DbContext it uses) cannot rewrite or remove a row.
        using (IServiceScope scope = Host.Services.CreateScope())
        {
            SealMatchDbContext db = scope.ServiceProvider.GetRequiredService<SealMatchDbContext>();
            string[] refused =
            [
                $"UPDATE audit_entries SET \"TargetId\" = 'forged' WHERE \"SequenceNumber\" = {k}",
                $"DELETE FROM audit_entries WHERE \"SequenceNumber\" = {k}",
                .. db.Database.IsNpgsql() ? ["TRUNCATE audit_entries"] : Array.Empty<string>(),
            ];
            foreach (string sql in refused)
            {
                DbException error = await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync(sql));
                Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
            }

            DbException viaLinq = await Assert.ThrowsAnyAsync<DbException>(() =>
                db.AuditEntries.Where(e => e.SequenceNumber == k).ExecuteDeleteAsync());
            Assert.Contains("append-only", viaLinq.Message, StringComparison.Ordinal);
        }

        DomainAudit.AuditEntry after = await ReadEntryAsync(k);
        Assert.Equal(original.TargetId, after.TargetId);
        Assert.Equal(original.Hash, after.Hash);

        // Appending still works, and the chain is whole.
        await NewAccountAsync(clerk);
        VerifyAuditChainResponse verified = await auditor.Audit.VerifyAuditChainAsync(new VerifyAuditChainRequest());
        Assert.True(verified.Intact, verified.FirstBreak?.Detail);
        Assert.True(verified.HeadSequenceNumber > k);
    }

    private static async Task<string> ExportAsync(Clients auditor, AuditFilter filter)
    {
        using AsyncServerStreamingCall<ExportAuditChunk> call = auditor.Audit.ExportAudit(new ExportAuditRequest { Filter = filter });
        var csv = new StringBuilder();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            csv.Append(call.ResponseStream.Current.Csv.ToStringUtf8());
        }

        return csv.ToString();
    }

    private async Task TamperAsync(string tamper, string undo, Clients auditor, long at, long expected, AuditBreakKind kind)
    {
        await ExecuteAsync(tamper);
        await ExpectBreakAsync(auditor, at, expected, kind);
        await ExecuteAsync(undo);
        VerifyAuditChainResponse after = await auditor.Audit.VerifyAuditChainAsync(new VerifyAuditChainRequest());
        Assert.True(after.Intact, after.FirstBreak?.Detail);
    }

    private static async Task ExpectBreakAsync(Clients auditor, long at, long expected, AuditBreakKind kind)
    {
        VerifyAuditChainResponse result = await auditor.Audit.VerifyAuditChainAsync(new VerifyAuditChainRequest());
        Assert.False(result.Intact);
        Assert.Equal(at, result.FirstBreak.SequenceNumber);
        Assert.Equal(expected, result.FirstBreak.ExpectedSequenceNumber);
        Assert.Equal(kind, result.FirstBreak.Kind);
        Assert.Equal(expected - 1, result.EntriesVerified);
        Assert.Equal(expected - 1, result.HeadSequenceNumber);
    }

    /// <summary>Changes rows past the append-only guard (see <see cref="AsAttackerAsync"/>).</summary>
    private Task ExecuteAsync(string sql) => AsAttackerAsync(async db =>
    {
        foreach (string statement in sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            await db.Database.ExecuteSqlRawAsync(statement);
        }
    });

    /// <summary>
    /// Runs <paramref name="tamper"/> with the append-only triggers out of the way, as only an attacker
    /// beyond the service could: a PostgreSQL superuser (session_replication_role = replica skips
    /// ordinary triggers), or someone with write access to the SQLite file (drops the triggers and
    /// puts them back). The hash chain exists to catch exactly this.
    /// </summary>
    private async Task AsAttackerAsync(Func<SealMatchDbContext, Task> tamper)
    {
        using IServiceScope scope = Host.Services.CreateScope();
        SealMatchDbContext db = scope.ServiceProvider.GetRequiredService<SealMatchDbContext>();
        await db.Database.OpenConnectionAsync();
        try
        {
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlRawAsync("SET session_replication_role = replica");
                try
                {
                    await tamper(db);
                }
                finally
                {
                    await db.Database.ExecuteSqlRawAsync("SET session_replication_role = DEFAULT");
                }

                return;
            }

            const string Triggers = "FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_entries' ORDER BY name";
            List<string> names = await db.Database.SqlQueryRaw<string>("SELECT name AS Value " + Triggers).ToListAsync();
            List<string> definitions = await db.Database.SqlQueryRaw<string>("SELECT sql AS Value " + Triggers).ToListAsync();
            Assert.NotEmpty(names);
            foreach (string name in names)
            {
                string drop = "DROP TRIGGER \"" + name + "\"";
                await db.Database.ExecuteSqlRawAsync(drop);
            }

            try
            {
                await tamper(db);
            }
            finally
            {
                foreach (string definition in definitions)
                {
                    await db.Database.ExecuteSqlRawAsync(definition);
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<DomainAudit.AuditEntry> ReadEntryAsync(long sequenceNumber)
    {
        using IServiceScope scope = Host.Services.CreateScope();
        SealMatchDbContext db = scope.ServiceProvider.GetRequiredService<SealMatchDbContext>();
        return await db.AuditEntries.AsNoTracking().SingleAsync(e => e.SequenceNumber == sequenceNumber);
    }

    /// <summary>Writes a row directly, bypassing the service (as someone with database access could).</summary>
    private async Task InsertAsync(DomainAudit.AuditEntry entry)
    {
        using IServiceScope scope = Host.Services.CreateScope();
        SealMatchDbContext db = scope.ServiceProvider.GetRequiredService<SealMatchDbContext>();
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync();
    }

    private Task TamperWithTimeAsync(long sequenceNumber, DateTimeOffset at) => AsAttackerAsync(db =>
        db.AuditEntries.Where(e => e.SequenceNumber == sequenceNumber).ExecuteUpdateAsync(s => s.SetProperty(e => e.At, at)));
}
