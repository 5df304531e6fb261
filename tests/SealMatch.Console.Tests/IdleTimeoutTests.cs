using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SealMatch.Console.Tests.Infrastructure;
using SealMatch.Protos.V1;
using Xunit.Abstractions;

namespace SealMatch.Console.Tests;

/// <summary>The session ends after the configured time without activity, in an open page and for a new request.</summary>
[Collection("console-idle")]
public sealed class IdleTimeoutTests(IdleConsoleServer server, ITestOutputHelper output) : ConsoleTest(server, output)
{
    [Fact]
    public async Task An_idle_session_ends_and_asks_to_sign_in_again()
    {
        (_, string reviewerKey) = await As("reviewer-idle", "HQ", UserRole.Reviewer);
        await using IBrowserContext browser = await Server.NewContextAsync();
        IPage page = await SignInAsync(browser, reviewerKey);
        await page.GotoAsync("console/reviews");
        await Assertions.Expect(page.GetByTestId("claim-next")).ToBeVisibleAsync();

        // Nothing done for longer than Console:IdleMinutes (6 s): the open page is signed out.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("expired=1"), new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("period without activity");
        await page.GotoAsync("console/reviews");
        Assert.Contains("/console/signin", page.Url, StringComparison.Ordinal);
    }
}
