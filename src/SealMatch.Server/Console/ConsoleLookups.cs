using Microsoft.EntityFrameworkCore;
using SealMatch.Data;
using SealMatch.Domain.Specimens;

namespace SealMatch.Server.WebConsole;

/// <summary>
/// Read-only look-ups the API leaves to the caller (which account has this number; which accounts have
/// specimens waiting for approval). They only find ids: every screen then reads and changes through
/// the services, which apply the branch scoping and the rules.
/// </summary>
internal sealed class ConsoleLookups(IServiceScopeFactory scopes)
{
    /// <summary>The id of the account with this number or id; null when none.</summary>
    public async Task<string?> AccountIdAsync(string numberOrId, CancellationToken cancellationToken = default)
    {
        string key = numberOrId.Trim();
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        SealMatchDbContext db = scope.ServiceProvider.GetRequiredService<SealMatchDbContext>();
        return await db.Accounts.AsNoTracking().Where(a => a.Number == key || a.Id == key).Select(a => a.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Accounts with a specimen pending approval or a pending change, oldest submission first (at most <paramref name="limit"/>).</summary>
    public async Task<List<string>> AccountsAwaitingApprovalAsync(int limit = 50, CancellationToken cancellationToken = default)
    {
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        SealMatchDbContext db = scope.ServiceProvider.GetRequiredService<SealMatchDbContext>();
        List<(string AccountId, DateTimeOffset At)> waiting = (await db.Specimens.AsNoTracking()
            .Where(s => s.Status == SpecimenStatus.PendingApproval || s.PendingChange != null)
            .Select(s => new { s.AccountId, s.SubmittedAt })
            .ToListAsync(cancellationToken)).Select(x => (x.AccountId, x.SubmittedAt)).ToList();
        return [.. waiting.GroupBy(x => x.AccountId).OrderBy(g => g.Min(x => x.At)).Select(g => g.Key).Take(limit)];
    }
}
