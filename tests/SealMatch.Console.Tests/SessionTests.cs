using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SealMatch.Console.Tests.Infrastructure;
using SealMatch.Protos.V1;
using Xunit.Abstractions;

namespace SealMatch.Console.Tests;

/// <summary>Sign-in, the session cookie, the headers, and roles enforced as on the API.</summary>
[Collection("console")]
public sealed class SessionTests(ConsoleServer server, ITestOutputHelper output) : ConsoleTest(server, output)
{
    [Fact]
    public async Task Screens_need_a_session_and_an_unknown_key_is_refused_in_words()
    {
        await using IBrowserContext browser = await Server.NewContextAsync();
        IPage page = await browser.NewPageAsync();
        IResponse? response = await page.GotoAsync("console/reviews");
        Assert.Contains("/console/signin", page.Url, StringComparison.Ordinal);
        Assert.NotNull(response);
        Assert.Equal("no-store", await response.HeaderValueAsync("cache-control"));
        string? csp = await response.HeaderValueAsync("content-security-policy");
        Assert.NotNull(csp);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);

        await page.GetByLabel("API key").FillAsync("smk_0123456789abcdef_" + new string('0', 64));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("problem")).ToContainTextAsync("not accepted");
        await ShotAsync(page, "00-sign-in-refused");

        // A form posted without the anti-forgery token is refused.
        IFormData form = page.APIRequest.CreateFormData();
        form.Set("apiKey", "x");
        IAPIResponse forged = await page.APIRequest.PostAsync("console/session/signin", new() { Form = form });
        Assert.Equal(400, forged.Status);
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_and_same_site_and_roles_apply_as_on_the_api()
    {
        string branch = NewBranch("SE");
        (_, string tellerKey) = await As("teller-se-" + branch, branch, UserRole.Teller);
        await using IBrowserContext browser = await Server.NewContextAsync();
        IPage page = await SignInAsync(browser, tellerKey);
        BrowserContextCookiesResult cookie = Assert.Single(await browser.CookiesAsync(), c => c.Name == "SealMatchConsole");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);

        // A teller has no review role: the screen shows the service's refusal, not a stack trace.
        await page.GotoAsync("console/reviews");
        await Assertions.Expect(page.GetByTestId("problem")).ToContainTextAsync("Not allowed");
        Assert.DoesNotContain("   at ", await page.ContentAsync(), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        // The address, polled: not WaitForURL, which waits for a 'load' event when the navigation has already
        // committed, and that event did not always come within 30 s on a loaded machine.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("signedOut"), new() { Timeout = 30_000 });
        await page.GotoAsync("console/reviews");
        Assert.Contains("/console/signin", page.Url, StringComparison.Ordinal);
    }
}
