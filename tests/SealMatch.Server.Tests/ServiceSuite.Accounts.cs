using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SealMatch.Data;
using SealMatch.Protos.V1;
using SealMatch.Server.Tests.Infrastructure;

namespace SealMatch.Server.Tests;

public abstract partial class ServiceSuite
{
    [SkippableFact]
    public async Task Accounts_are_opened_read_within_their_branch_and_closed_once()
    {
        SkipIfUnavailable();
        using Clients clerk = await Clerk();
        using Clients teller = await Teller();
        using Clients otherTeller = await OtherBranchTeller();
        using Clients otherClerk = await OtherBranchClerk();
        using Clients auditor = await Auditor();

        Account account = await NewAccountAsync(clerk);
        Assert.Equal(AccountStatus.Open, account.Status);
        Assert.Equal("clerk-a", account.CreatedBy);
        Assert.Equal(account.Id, (await teller.Accounts.GetAccountAsync(new GetAccountRequest { AccountId = account.Id })).Id);
        Assert.Equal(account.Id, (await auditor.Accounts.GetAccountAsync(new GetAccountRequest { AccountId = account.Id })).Id);

        Google.Rpc.Status? denied = await RpcAssert.FailsOnFieldAsync(StatusCode.PermissionDenied, "account_id",
            () => otherTeller.Accounts.GetAccountAsync(new GetAccountRequest { AccountId = account.Id }).ResponseAsync);
        Assert.Equal("BRANCH_FORBIDDEN", RpcAssert.Reason(denied));
        await RpcAssert.FailsOnFieldAsync(StatusCode.PermissionDenied, "branch_code", () => NewAccountAsync(otherClerk, Branch));
        await RpcAssert.FailsOnFieldAsync(StatusCode.NotFound, "account_id",
            () => teller.Accounts.GetAccountAsync(new GetAccountRequest { AccountId = "acc_missing" }).ResponseAsync);
        await RpcAssert.FailsOnFieldAsync(StatusCode.InvalidArgument, "name",
            () => clerk.Accounts.CreateAccountAsync(new CreateAccountRequest { AccountNumber = "1", BranchCode = Branch }).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.AlreadyExists,
            () => clerk.Accounts.CreateAccountAsync(new CreateAccountRequest { AccountNumber = account.AccountNumber, Name = "x", BranchCode = Branch }).ResponseAsync);

        Account closed = await clerk.Accounts.CloseAccountAsync(new CloseAccountRequest { AccountId = account.Id });
        Assert.Equal(AccountStatus.Closed, closed.Status);
        Assert.True(closed.Version > account.Version);
        Google.Rpc.Status? again = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition,
            () => clerk.Accounts.CloseAccountAsync(new CloseAccountRequest { AccountId = account.Id }).ResponseAsync);
        Assert.Equal("ACCOUNT_CLOSED", RpcAssert.Reason(again));
        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => SubmitSealAsync(clerk, account.Id, SpecimenRole.FinanceSeal));
    }

    [SkippableFact]
    public async Task Signing_rules_with_amount_bands_are_validated_and_stored()
    {
        SkipIfUnavailable();
        using Clients clerk = await Clerk();
        Account account = await NewAccountAsync(clerk);

        var request = new SetSigningRulesRequest { AccountId = account.Id };
        request.Rules.Add(Rule("small", SpecimenRole.FinanceSeal, SpecimenRole.LegalRepresentativeSeal));
        request.Rules[0].AmountBand = new AmountBand { Currency = "CNY", MinMinorUnits = 0, MaxMinorUnits = 5_000_000 };
        request.Rules.Add(Rule("large", SpecimenRole.FinanceSeal, SpecimenRole.LegalRepresentativeSeal, SpecimenRole.Signatory));
        request.Rules[1].AmountBand = new AmountBand { Currency = "CNY", MinMinorUnits = 5_000_000 };
        request.Rules[1].AcceptThreshold = 0.99;
        Account updated = await clerk.Accounts.SetSigningRulesAsync(request);
        Assert.Equal(2, updated.SigningRules.Count);
        Assert.Equal("clerk-a", updated.SigningRulesSetBy);

        Account read = await clerk.Accounts.GetAccountAsync(new GetAccountRequest { AccountId = account.Id });
        Assert.Equal(request.Rules[1].RequiredRoles.Order(), read.SigningRules[1].RequiredRoles.Order());
        Assert.Equal(5_000_000, read.SigningRules[0].AmountBand.MaxMinorUnits);
        Assert.False(read.SigningRules[1].AmountBand.HasMaxMinorUnits);
        Assert.Equal(0.99, read.SigningRules[1].AcceptThreshold);

        var empty = new SetSigningRulesRequest { AccountId = account.Id };
        await RpcAssert.FailsOnFieldAsync(StatusCode.InvalidArgument, "rules", () => clerk.Accounts.SetSigningRulesAsync(empty).ResponseAsync);

        var badBand = request.Clone();
        badBand.Rules[1].AmountBand.MaxMinorUnits = 10;
        await RpcAssert.FailsOnFieldAsync(StatusCode.InvalidArgument, "rules[1].amount_band.max_minor_units", () => clerk.Accounts.SetSigningRulesAsync(badBand).ResponseAsync);

        var badThreshold = request.Clone();
        badThreshold.Rules[0].AcceptThreshold = 1.5;
        await RpcAssert.FailsOnFieldAsync(StatusCode.InvalidArgument, "rules[0].accept_threshold", () => clerk.Accounts.SetSigningRulesAsync(badThreshold).ResponseAsync);

        var badRole = request.Clone();
        badRole.Rules[0].RequiredRoles.Add(SpecimenRole.Unspecified);
        await RpcAssert.FailsOnFieldAsync(StatusCode.InvalidArgument, "rules[0].required_roles", () => clerk.Accounts.SetSigningRulesAsync(badRole).ResponseAsync);

        // Nothing half-written: the refused requests left the stored rules alone.
        Account after = await clerk.Accounts.GetAccountAsync(new GetAccountRequest { AccountId = account.Id });
        Assert.Equal(updated.Version, after.Version);
        Assert.Equal(2, after.SigningRules.Count);
    }

    [SkippableFact]
    public async Task A_stale_write_loses_to_the_concurrent_one_instead_of_overwriting_it()
    {
        SkipIfUnavailable();
        using Clients clerk = await Clerk();
        Account account = await NewAccountAsync(clerk);

        // Another instance read the account before this request changed it...
        using IServiceScope scope = Host.Services.CreateScope();
        SealMatchDbContext stale = scope.ServiceProvider.GetRequiredService<SealMatchDbContext>();
        Domain.Accounts.Account staleCopy = await stale.Accounts.SingleAsync(a => a.Id == account.Id);
        await SetRulesAsync(clerk, account.Id, Rule("any", SpecimenRole.CompanySeal));

        // ...and its write is refused by the version check.
        var actor = new Domain.Security.Actor("clerk-a", [Domain.Security.Role.SpecimenClerk], Branch);
        staleCopy.Close(actor, DateTimeOffset.UtcNow);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => stale.SaveChangesAsync());
        Account current = await clerk.Accounts.GetAccountAsync(new GetAccountRequest { AccountId = account.Id });
        Assert.Equal(AccountStatus.Open, current.Status);
        Assert.Single(current.SigningRules);
    }
}
