using Google.Protobuf;
using Microsoft.Playwright;
using SealMatch.Console.Tests.Infrastructure;
using SealMatch.Protos.V1;
using Xunit.Abstractions;

namespace SealMatch.Console.Tests;

/// <summary>Specimens under four eyes in the browser: submit from a card, approval by another person, freeze after a loss report.</summary>
[Collection("console")]
public sealed class SpecimenTests(ConsoleServer server, ITestOutputHelper output) : ConsoleTest(server, output)
{
    [Fact]
    public async Task A_clerk_submits_from_a_card_scan_cannot_approve_it_and_an_approver_does()
    {
        string branch = NewBranch("SP");
        // The clerk also holds the approver role: four eyes must still stop them approving their own work.
        (Clients clerk, string clerkKey) = await As("clerk-wang-" + branch, branch, UserRole.SpecimenClerk, UserRole.SpecimenApprover);
        (_, string approverKey) = await As("approver-zhao-" + branch, "HQ", UserRole.SpecimenApprover);
        Account account = await clerk.Accounts.CreateAccountAsync(new CreateAccountRequest
        {
            AccountNumber = "6222" + Guid.NewGuid().ToString("N")[..12],
            Name = "杭州示例建设有限责任公司",
            BranchCode = branch,
        });
        string card = Path.Combine(Path.GetTempPath(), $"card-{branch}.png");
        await File.WriteAllBytesAsync(card, SyntheticBank.SpecimenCard);

        await using IBrowserContext clerkBrowser = await Server.NewContextAsync();
        IPage page = await SignInAsync(clerkBrowser, clerkKey);
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Specimens" }).ClickAsync();
        await page.GetByTestId("account-query").FillAsync(account.AccountNumber);
        await page.GetByTestId("find-account").ClickAsync();
        await Assertions.Expect(page.GetByTestId("account")).ToContainTextAsync(account.AccountNumber);
        await page.GetByTestId("card-file").SetInputFilesAsync(card);
        await Assertions.Expect(page.GetByTestId("candidate-0")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await page.GetByTestId("role").SelectOptionAsync(nameof(SpecimenRole.CompanySeal));
        await page.GetByTestId("effective-from").FillAsync("2026-01-01");
        await ShotAsync(page, "09-specimen-card-regions");
        await page.GetByTestId("submit-specimen").ClickAsync();
        await Assertions.Expect(page.GetByTestId("notice")).ToContainTextAsync("waits for another person's approval", new() { Timeout = 60_000 });
        Specimen submitted = Assert.Single((await clerk.Specimens.ListSpecimensAsync(new ListSpecimensRequest { AccountId = account.Id })).Specimens);
        Assert.Equal(SpecimenStatus.PendingApproval, submitted.Status);
        await Assertions.Expect(page.GetByTestId("status-" + submitted.Id)).ToHaveTextAsync("pending approval");
        await ShotAsync(page, "10-specimens-of-account");

        // Their own submission is listed, marked, and the approval is refused with the rule's reason.
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Approvals" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("self-" + submitted.Id)).ToContainTextAsync("four eyes");
        await page.GetByTestId("approve-" + submitted.Id).ClickAsync();
        await Assertions.Expect(page.GetByTestId("problem")).ToContainTextAsync("Four eyes: nobody may approve a specimen they submitted");
        await ShotAsync(page, "11-self-approval-refused");
        Assert.Equal(SpecimenStatus.PendingApproval, (await clerk.Specimens.ListSpecimensAsync(new ListSpecimensRequest { AccountId = account.Id })).Specimens[0].Status);

        await using IBrowserContext approverBrowser = await Server.NewContextAsync();
        IPage approver = await SignInAsync(approverBrowser, approverKey);
        await approver.GotoAsync("console/approvals");
        await Assertions.Expect(approver.GetByTestId("pending-" + submitted.Id)).ToContainTextAsync("clerk-wang-" + branch);
        await approver.GetByTestId("approve-" + submitted.Id).ClickAsync();
        await Assertions.Expect(approver.GetByTestId("notice")).ToContainTextAsync("is now active");
        Specimen approved = (await clerk.Specimens.ListSpecimensAsync(new ListSpecimensRequest { AccountId = account.Id })).Specimens[0];
        Assert.Equal(SpecimenStatus.Active, approved.Status);
        Assert.Equal("approver-zhao-" + branch, approved.ApprovedBy);
    }

    [Fact]
    public async Task A_freeze_confirmed_in_the_console_makes_the_next_verification_reject()
    {
        string branch = NewBranch("FZ");
        (Clients clerk, string clerkKey) = await As("clerk-fz-" + branch, branch, UserRole.SpecimenClerk);
        (Clients approver, _) = await As("approver-fz-" + branch, "HQ", UserRole.SpecimenApprover);
        (Clients teller, _) = await As("teller-fz-" + branch, branch, UserRole.Teller);
        Account account = await ReviewAccountAsync(clerk, approver, branch);
        Verification before = await teller.Verifications.VerifySlipAsync(Slip(account.Id, SyntheticBank.GenuineSlip, "before-" + branch));
        Assert.NotEqual(Decision.Reject, before.Decision);
        Specimen finance = (await clerk.Specimens.ListSpecimensAsync(new ListSpecimensRequest { AccountId = account.Id })).Specimens
            .Single(s => s.Role == SpecimenRole.FinanceSeal);

        await using IBrowserContext browser = await Server.NewContextAsync();
        IPage page = await SignInAsync(browser, clerkKey);
        await page.GotoAsync("console/specimens?account=" + account.AccountNumber);
        await Assertions.Expect(page.GetByTestId("status-" + finance.Id)).ToHaveTextAsync("active");
        await page.GetByTestId("freeze-" + finance.Id).ClickAsync();
        await Assertions.Expect(page.GetByTestId("freeze-confirm-button")).ToBeDisabledAsync();
        await page.GetByTestId("freeze-reason").FillAsync("Loss report 2026-114: finance seal stolen with the safe");
        await ShotAsync(page, "12-freeze-confirmation");
        await page.GetByTestId("freeze-confirm-button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("status-" + finance.Id)).ToHaveTextAsync("frozen");
        await ShotAsync(page, "13-specimen-frozen");

        Verification after = await teller.Verifications.VerifySlipAsync(Slip(account.Id, SyntheticBank.GenuineSlip, "after-" + branch));
        Assert.Equal(Decision.Reject, after.Decision);
        Assert.Contains(after.Reasons, r => r.Code == ReasonCode.SpecimenFrozen);

        // Unfreezing is only a request until a second person approves it: the specimen stays frozen.
        await page.GetByTestId("change-" + finance.Id).ClickAsync();
        await page.GetByTestId("change-reason").FillAsync("The seal was found; the police report is closed");
        await page.GetByTestId("change-confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("status-" + finance.Id)).ToHaveTextAsync("frozen · unfreeze requested");
    }
}
