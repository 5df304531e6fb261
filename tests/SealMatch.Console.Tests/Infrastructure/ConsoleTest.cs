using Google.Protobuf;
using Microsoft.Playwright;
using SealMatch.Protos.V1;
using Xunit.Abstractions;

namespace SealMatch.Console.Tests.Infrastructure;

/// <summary>Helpers the console tests share: identities, a customer whose genuine slips go to review, sign-in, screenshots.</summary>
public abstract class ConsoleTest(ConsoleServer server, ITestOutputHelper output)
{
    protected ConsoleServer Server { get; } = server;

    protected ITestOutputHelper Output { get; } = output;

    protected static string NewBranch(string prefix) => prefix + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

    protected async Task<(Clients Clients, string Key)> As(string name, string branch, params UserRole[] roles)
    {
        string key = await Server.UserAsync(name, branch, roles);
        return (new Clients(Server.Channel(key)), key);
    }

    protected static Date D(int year, int month, int day) => new() { Year = year, Month = month, Day = day };

    /// <summary>
    /// An account in <paramref name="branch"/> whose rule needs its approved finance seal. The test
    /// host's accept threshold (0.999) is above what the genuine slip scores, so that slip goes to REVIEW.
    /// </summary>
    protected async Task<Account> ReviewAccountAsync(Clients clerk, Clients approver, string branch)
    {
        Account account = await clerk.Accounts.CreateAccountAsync(new CreateAccountRequest
        {
            AccountNumber = "6222" + Guid.NewGuid().ToString("N")[..12],
            Name = "示例贸易有限公司",
            BranchCode = branch,
        });
        Specimen finance = await clerk.Specimens.SubmitSpecimenAsync(new SubmitSpecimenRequest
        {
            AccountId = account.Id,
            Role = SpecimenRole.FinanceSeal,
            Image = ByteString.CopyFrom(SyntheticBank.Specimens[SpecimenRole.FinanceSeal]),
            EffectiveFrom = D(2026, 1, 1),
        });
        await approver.Specimens.ApproveSpecimenAsync(new ApproveSpecimenRequest { SpecimenId = finance.Id });
        var rule = new SigningRule { Name = "finance seal" };
        rule.RequiredRoles.Add(SpecimenRole.FinanceSeal);
        var rules = new SetSigningRulesRequest { AccountId = account.Id };
        rules.Rules.Add(rule);
        return await clerk.Accounts.SetSigningRulesAsync(rules);
    }

    protected static VerifySlipRequest Slip(string accountId, byte[] image, string key, long amount = 128_500_00) => new()
    {
        AccountId = accountId,
        SlipImage = ByteString.CopyFrom(image),
        SlipDate = D(2026, 6, 1),
        Amount = new Money { MinorUnits = amount, Currency = "CNY" },
        IdempotencyKey = key,
    };

    /// <summary>Signs in through the sign-in screen with <paramref name="apiKey"/>; returns the page.</summary>
    protected async Task<IPage> SignInAsync(IBrowserContext context, string apiKey, string shot = "")
    {
        IPage page = await context.NewPageAsync();
        page.Console += (_, m) => { if (m.Type is "error" or "warning") Output.WriteLine($"[browser {m.Type}] {m.Text}"); };
        page.Response += (_, r) => { if (r.Status >= 400) Output.WriteLine($"[http {r.Status}] {r.Url}"); };
        await page.GotoAsync("console/signin");
        if (shot.Length > 0)
        {
            await ShotAsync(page, shot);
        }

        await page.GetByLabel("API key").FillAsync(apiKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // Wait for the signed-in header itself (the sign-in page's bare layout has none), not for a load
        // state: the page's 'load' event is not what the console's readiness means, and on a loaded machine
        // it never came within 30 s (WaitForURL waits for it whenever the navigation has already committed).
        await Assertions.Expect(page.GetByTestId("who")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        return page;
    }

    /// <summary>A full-page screenshot under the test output's <c>screenshots/</c>.</summary>
    protected async Task ShotAsync(IPage page, string name)
    {
        string path = Path.Combine(ConsoleServer.ScreenshotFolder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Output.WriteLine($"screenshot {path}");
    }
}
