using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using SealMatch.Data;
using SealMatch.Domain.Accounts;
using SealMatch.Domain.Security;
using SealMatch.Server.Audit;
using SealMatch.Server.Errors;
using SealMatch.Server.Security;
using Proto = SealMatch.Protos.V1;

namespace SealMatch.Server.Accounts;

/// <summary>Accounts and their signing rules.</summary>
internal sealed class AccountService(SealMatchDbContext db, AuditTrail audit, TimeProvider clock) : Proto.AccountService.AccountServiceBase
{
    private const string Readers = $"{UserRoles.Teller},{UserRoles.SpecimenClerk},{UserRoles.SpecimenApprover},{UserRoles.Reviewer},{UserRoles.ReviewSupervisor},{UserRoles.Auditor},{UserRoles.Admin}";
    private const string Managers = $"{UserRoles.SpecimenClerk},{UserRoles.Admin}";

    [Authorize(Roles = Managers)]
    public override async Task<Proto.Account> CreateAccount(Proto.CreateAccountRequest request, ServerCallContext context)
    {
        Actor actor = context.GetActor();
        var account = Account.Open(ProtoMapping.NewId("acc"), request.AccountNumber, request.Name, request.BranchCode,
            AccountMapping.ToDomain(request.RiskTier), actor, clock.GetUtcNow());
        if (await db.Accounts.AnyAsync(a => a.Number == account.Number, context.CancellationToken))
        {
            throw new RpcException(new Status(StatusCode.AlreadyExists, "An account with this number exists."));
        }

        db.Accounts.Add(account);
        await audit.SaveChangesAsync(actor, AuditActions.AccountCreate, AuditTargets.Account, account.Id, null, context.CancellationToken);
        return AccountMapping.ToProto(account);
    }

    [Authorize(Roles = Readers)]
    public override async Task<Proto.Account> GetAccount(Proto.GetAccountRequest request, ServerCallContext context)
    {
        Account account = await db.FindVisibleAsync(request.AccountId, context.GetActor(), "account_id", context.CancellationToken);
        return AccountMapping.ToProto(account);
    }

    [Authorize(Roles = Managers)]
    public override async Task<Proto.Account> SetSigningRules(Proto.SetSigningRulesRequest request, ServerCallContext context)
    {
        Actor actor = context.GetActor();
        Account account = await db.FindVisibleAsync(request.AccountId, actor, "account_id", context.CancellationToken);
        SigningPolicy policy = SigningPolicy.Create(request.Rules.Select(AccountMapping.ToDomain));
        account.SetSigningPolicy(policy, actor, clock.GetUtcNow());
        await audit.SaveChangesAsync(actor, AuditActions.AccountSetSigningRules, AuditTargets.Account, account.Id, null, context.CancellationToken);
        return AccountMapping.ToProto(account);
    }

    [Authorize(Roles = Managers)]
    public override async Task<Proto.Account> CloseAccount(Proto.CloseAccountRequest request, ServerCallContext context)
    {
        Actor actor = context.GetActor();
        Account account = await db.FindVisibleAsync(request.AccountId, actor, "account_id", context.CancellationToken);
        account.Close(actor, clock.GetUtcNow());
        await audit.SaveChangesAsync(actor, AuditActions.AccountClose, AuditTargets.Account, account.Id, null, context.CancellationToken);
        return AccountMapping.ToProto(account);
    }
}
