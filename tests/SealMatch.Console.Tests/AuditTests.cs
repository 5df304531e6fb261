using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SealMatch.Console.Tests.Infrastructure;
using SealMatch.Data;
using SealMatch.Protos.V1;
using Xunit.Abstractions;

namespace SealMatch.Console.Tests;

/// <summary>Auditors in the browser: the chain verified (and where it breaks), the trail searched and downloaded, the reports.</summary>
[Collection("console")]
public sealed class AuditTests(ConsoleServer server, ITestOutputHelper output) : ConsoleTest(server, output)
{
    [Fact]
    public async Task An_auditor_verifies_the_chain_sees_where_it_breaks_and_downloads_the_trail()
    {
        string branch = NewBranch("AU");
        (Clients clerk, _) = await As("clerk-au-" + branch, branch, UserRole.SpecimenClerk);
        (Clients approver, _) = await As("approver-au-" + branch, "HQ", UserRole.SpecimenApprover);
        (Clients teller, _) = await As("teller-au-" + branch, branch, UserRole.Teller);
        (_, string auditorKey) = await As("auditor-au-" + branch, "HQ", UserRole.Auditor);
        Account account = await ReviewAccountAsync(clerk, approver, branch);
        await teller.Verifications.VerifySlipAsync(Slip(account.Id, SyntheticBank.GenuineSlip, "audit-" + branch));

        await using IBrowserContext browser = await Server.NewContextAsync();
        IPage page = await SignInAsync(browser, auditorKey);
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Audit trail" }).ClickAsync();
        await page.GetByTestId("verify-chain").ClickAsync();
        await Assertions.Expect(page.GetByTestId("chain-result")).ToContainTextAsync("Intact");
        await page.GetByTestId("filter-target").FillAsync(account.Id);
        await page.GetByTestId("search").ClickAsync();
        await Assertions.Expect(page.GetByTestId("entries")).ToContainTextAsync("account.set_signing_rules");
        await ShotAsync(page, "14-audit-chain-intact");

        string href = (await page.GetByTestId("export-csv").GetAttributeAsync("href"))!;
        IAPIResponse direct = await page.APIRequest.GetAsync(href);
        Assert.Equal(200, direct.Status);
        Assert.StartsWith("text/csv", direct.Headers["content-type"], StringComparison.Ordinal);
        Assert.Equal("no-store", direct.Headers["cache-control"]);
        IDownload download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-csv").ClickAsync());
        string csv = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.StartsWith("sequence_number,at,actor_id", csv, StringComparison.Ordinal);
        Assert.Contains(account.Id, csv, StringComparison.Ordinal);

        // Someone with database access rewrites an entry: verification names the entry where the chain breaks.
        (long sequence, string? purpose) = await TamperAsync(account.Id);
        try
        {
            await page.GetByTestId("verify-chain").ClickAsync();
            await Assertions.Expect(page.GetByTestId("chain-result")).ToContainTextAsync($"BROKEN at entry #{sequence}");
            await page.GetByTestId("show-break").ClickAsync();
            await Assertions.Expect(page.Locator("tr.break")).ToContainTextAsync(sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await ShotAsync(page, "15-audit-chain-broken");
        }
        finally
        {
            await RestoreAsync(sequence, purpose);
        }

        await page.GetByTestId("verify-chain").ClickAsync();
        await Assertions.Expect(page.GetByTestId("chain-result")).ToContainTextAsync("Intact");

        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Reports" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("pass-rates")).ToContainTextAsync(account.AccountNumber);
        await Assertions.Expect(page.GetByTestId("volumes")).ToBeVisibleAsync();
        await ShotAsync(page, "16-reports");
    }

    /// <summary>Changes the purpose of the account's first entry behind the service's back (the append-only trigger dropped first).</summary>
    private async Task<(long Sequence, string? Purpose)> TamperAsync(string targetId)
    {
        using IServiceScope scope = Server.Services.CreateScope();
        SealMatchDbContext db = scope.ServiceProvider.GetRequiredService<SealMatchDbContext>();
        var entry = await db.AuditEntries.AsNoTracking().Where(e => e.TargetId == targetId).OrderBy(e => e.SequenceNumber)
            .Select(e => new { e.SequenceNumber, e.Purpose }).FirstAsync();
        await db.Database.ExecuteSqlRawAsync("DROP TRIGGER IF EXISTS audit_entries_no_update;");
        await db.Database.ExecuteSqlAsync($"UPDATE audit_entries SET Purpose = {"harmless, honest"} WHERE SequenceNumber = {entry.SequenceNumber};");
        return (entry.SequenceNumber, entry.Purpose);
    }

    private async Task RestoreAsync(long sequence, string? purpose)
    {
        using IServiceScope scope = Server.Services.CreateScope();
        SealMatchDbContext db = scope.ServiceProvider.GetRequiredService<SealMatchDbContext>();
        await db.Database.ExecuteSqlAsync($"UPDATE audit_entries SET Purpose = {purpose} WHERE SequenceNumber = {sequence};");
        await db.Database.ExecuteSqlRawAsync(
            "CREATE TRIGGER IF NOT EXISTS audit_entries_no_update BEFORE UPDATE ON audit_entries BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;");
    }
}
