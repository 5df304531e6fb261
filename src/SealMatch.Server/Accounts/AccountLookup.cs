using Microsoft.EntityFrameworkCore;
using SealMatch.Data;
using SealMatch.Domain.Accounts;
using SealMatch.Domain.Security;
using SealMatch.Server.Errors;

namespace SealMatch.Server.Accounts;

/// <summary>Loads an account the actor may see: NOT_FOUND when absent, PERMISSION_DENIED for another branch's.</summary>
internal static class AccountLookup
{
    public static async Task<Account> FindVisibleAsync(this SealMatchDbContext db, string accountId, Actor actor, string field, CancellationToken cancellationToken)
    {
        string id = ProtoMapping.RequiredId(accountId, field);
        Account account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == id, cancellationToken)
            ?? throw new ResourceNotFoundException("account", id, field);
        actor.EnsureCanAccessBranch(account.BranchCode, field);
        return account;
    }
}
