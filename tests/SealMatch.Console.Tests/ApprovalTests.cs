using Google.Protobuf;
using Microsoft.Playwright;
using SealMatch.Console.Tests.Infrastructure;
using SealMatch.Protos.V1;
using Xunit.Abstractions;

namespace SealMatch.Console.Tests;

/// <summary>The approvals screen's other decisions: rejecting a new submission with its reason, approving a requested unfreeze.</summary>
[Collection("console")]
public sealed class ApprovalTests(ConsoleServer server, ITestOutputHelper output) : ConsoleTest(server, output)
{
    [Fact]
    public async Task An_approver_rejects_a_new_submission_only_with_a_reason_and_the_reason_is_in_its_history()
    {
        string branch = NewBranch("RJ");
        (Clients clerk, _) = await As("clerk-rj-" + branch, branch, UserRole.SpecimenClerk);
        (_, string approverKey) = await As("approver-rj-" + branch, "HQ", UserRole.SpecimenApprover);
        Account account = await clerk.Accounts.CreateAccountAsync(new CreateAccountRequest
        {
            AccountNumber = "6222" + Guid.NewGuid().ToString("N")[..12],
            Name = "示例贸易有限公司",
            BranchCode = branch,
        });
        Specimen submitted = await clerk.Specimens.SubmitSpecimenAsync(new SubmitSpecimenRequest
        {
            AccountId = account.Id,
            Role = SpecimenRole.FinanceSeal,
            Image = ByteString.CopyFrom(SyntheticBank.Specimens[SpecimenRole.FinanceSeal]),
            EffectiveFrom = D(2026, 1, 1),
        });

        await using IBrowserContext browser = await Server.NewContextAsync();
        IPage page = await SignInAsync(browser, approverKey);
        await page.GotoAsync("console/approvals");
        await Assertions.Expect(page.GetByTestId("pending-" + submitted.Id)).ToContainTextAsync("approval of a new specimen");

        // Without a reason the rejection is refused, as through the API, and nothing changes.
        await page.GetByTestId("reject-" + submitted.Id).ClickAsync();
        await Assertions.Expect(page.GetByTestId("problem")).ToContainTextAsync("reason");
        await ShotAsync(page, "19-reject-reason-required");
        Assert.Equal(SpecimenStatus.PendingApproval, (await clerk.Specimens.ListSpecimensAsync(new ListSpecimensRequest { AccountId = account.Id })).Specimens[0].Status);

        const string reason = "Card scan is not the one on file: the seal was re-cut in 2025";
        await page.GetByTestId("reject-reason-" + submitted.Id).FillAsync(reason);
        await page.GetByTestId("reject-" + submitted.Id).ClickAsync();
        await Assertions.Expect(page.GetByTestId("notice")).ToContainTextAsync("is now rejected");
        await Assertions.Expect(page.GetByTestId("pending-" + submitted.Id)).ToHaveCountAsync(0);
        Specimen rejected = (await clerk.Specimens.ListSpecimensAsync(new ListSpecimensRequest { AccountId = account.Id, IncludeInactive = true })).Specimens[0];
        Assert.Equal(SpecimenStatus.Rejected, rejected.Status);

        // The account's specimens show the rejection, who made it and why.
        await page.GotoAsync("console/specimens?account=" + account.AccountNumber);
        await Assertions.Expect(page.GetByTestId("status-" + submitted.Id)).ToHaveTextAsync("rejected");
        ILocator history = page.GetByTestId("history-" + submitted.Id);
        await Assertions.Expect(history).ToContainTextAsync("approver-rj-" + branch);
        await Assertions.Expect(history).ToContainTextAsync(reason);
        await ShotAsync(page, "20-rejection-in-history");
    }

    [Fact]
    public async Task An_approver_approves_a_requested_unfreeze_and_the_specimen_is_active_again()
    {
        string branch = NewBranch("UF");
        (Clients clerk, _) = await As("clerk-uf-" + branch, branch, UserRole.SpecimenClerk);
        (Clients approver, string approverKey) = await As("approver-uf-" + branch, "HQ", UserRole.SpecimenApprover);
        Account account = await ReviewAccountAsync(clerk, approver, branch);
        Specimen finance = Assert.Single((await clerk.Specimens.ListSpecimensAsync(new ListSpecimensRequest { AccountId = account.Id })).Specimens);
        await clerk.Specimens.FreezeSpecimenAsync(new FreezeSpecimenRequest { SpecimenId = finance.Id, Reason = "Loss report 2026-201: seal missing after the office move" });
        const string reason = "Found in the archive room; loss report withdrawn";
        await clerk.Specimens.UnfreezeSpecimenAsync(new UnfreezeSpecimenRequest { SpecimenId = finance.Id, Reason = reason });

        await using IBrowserContext browser = await Server.NewContextAsync();
        IPage page = await SignInAsync(browser, approverKey);
        await page.GotoAsync("console/approvals");
        ILocator row = page.GetByTestId("pending-" + finance.Id);
        await Assertions.Expect(row).ToContainTextAsync("unfreeze (" + reason + ")");
        await Assertions.Expect(row).ToContainTextAsync("clerk-uf-" + branch);
        await page.GetByTestId("approve-" + finance.Id).ClickAsync();
        await Assertions.Expect(page.GetByTestId("notice")).ToContainTextAsync($"specimen {finance.Id} is now active");
        await Assertions.Expect(row).ToHaveCountAsync(0);
        await ShotAsync(page, "21-unfreeze-approved");

        Specimen after = (await clerk.Specimens.ListSpecimensAsync(new ListSpecimensRequest { AccountId = account.Id })).Specimens.Single(s => s.Id == finance.Id);
        Assert.Equal(SpecimenStatus.Active, after.Status);
        Assert.Null(after.PendingChange);

        await page.GotoAsync("console/specimens?account=" + account.AccountNumber);
        await Assertions.Expect(page.GetByTestId("status-" + finance.Id)).ToHaveTextAsync("active");
        await Assertions.Expect(page.GetByTestId("history-" + finance.Id)).ToContainTextAsync("approver-uf-" + branch);
    }
}
