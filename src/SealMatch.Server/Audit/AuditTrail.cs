using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using SealMatch.Data;
using SealMatch.Domain.Audit;
using SealMatch.Domain.Security;

namespace SealMatch.Server.Audit;

/// <summary>
/// Saves a unit of work together with the audit entry that records it, in one transaction: the change
/// and its entry commit together or not at all.
/// </summary>
/// <remarks>
/// Appenders are serialised before they read the last entry: on PostgreSQL by a transaction-scoped
/// advisory lock (across every instance sharing the database), on SQLite by <c>BEGIN IMMEDIATE</c>
/// (Microsoft.Data.Sqlite's default), which takes the write lock at once. Should a writer still lose the
/// race for a sequence number (the key), the call fails with <see cref="AuditAppendConflictException"/>
/// (ABORTED) and nothing of it is saved.
/// </remarks>
internal sealed class AuditTrail(SealMatchDbContext db, TimeProvider clock, IHttpContextAccessor http)
{
    /// <summary>The advisory lock key of the audit trail: "SMAUDIT1" as a 64-bit number.</summary>
    internal const long AppendLockKey = 0x534D_4155_4449_5431;

    /// <summary>Saves the pending changes of <paramref name="db"/> and one entry recording them.</summary>
    public async Task SaveChangesAsync(Actor actor, string action, string targetType, string targetId, string? purpose, CancellationToken cancellationToken)
    {
        AuditEntry? appended = null;
        try
        {
            await using IDbContextTransaction transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AppendLockKey})", cancellationToken);
            }

            AuditEntry? last = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.SequenceNumber).FirstOrDefaultAsync(cancellationToken);
            HttpContext? request = http.HttpContext;
            appended = AuditChain.Append(last, actor, action, targetType, targetId, purpose,
                request?.TraceIdentifier, request?.Connection.RemoteIpAddress?.ToString(), clock.GetUtcNow());
            db.AuditEntries.Add(appended);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (appended is not null && e is not DbUpdateConcurrencyException)
        {
            // The transaction is rolled back here; nothing of the unit of work was saved. A concurrency
            // failure is the caller's own row changing (inserting the entry cannot cause one), so it is
            // passed on as it is: checking the sequence number after the rollback could find a later
            // request's entry there and misname it an audit conflict.
            db.Entry(appended).State = EntityState.Detached;
            long taken = appended.SequenceNumber;
            if (await db.AuditEntries.AsNoTracking().AnyAsync(x => x.SequenceNumber == taken, cancellationToken))
            {
                throw new AuditAppendConflictException(e);
            }

            throw;
        }
        catch when (appended is not null)
        {
            db.Entry(appended).State = EntityState.Detached;
            throw;
        }
    }
}

/// <summary>A concurrent writer took the next audit sequence number; the caller retries the whole call.</summary>
internal sealed class AuditAppendConflictException(Exception inner)
    : Exception("Another request was recorded at the same time; retry.", inner);
