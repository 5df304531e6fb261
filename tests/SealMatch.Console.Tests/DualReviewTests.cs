using Microsoft.Playwright;
using SealMatch.Console.Tests.Infrastructure;
using SealMatch.Protos.V1;
using Xunit.Abstractions;

namespace SealMatch.Console.Tests;

/// <summary>换人复核 in the browser: two reviewers judge independently, a supervisor settles their disagreement.</summary>
[Collection("console")]
public sealed class DualReviewTests(ConsoleServer server, ITestOutputHelper output) : ConsoleTest(server, output)
{
    [Fact]
    public async Task Two_reviewers_disagree_and_the_supervisor_decides_the_escalated_case()
    {
        string branch = NewBranch("RV");
        (Clients clerk, _) = await As("clerk-" + branch, branch, UserRole.SpecimenClerk);
        (Clients approver, _) = await As("approver-" + branch, "HQ", UserRole.SpecimenApprover);
        (Clients teller, _) = await As("teller-" + branch, branch, UserRole.Teller);
        (Clients auditor, _) = await As("auditor-" + branch, "HQ", UserRole.Auditor);
        (_, string firstKey) = await As("reviewer-li", "HQ", UserRole.Reviewer);
        (_, string secondKey) = await As("reviewer-zhang", "HQ", UserRole.Reviewer);
        (_, string supervisorKey) = await As("supervisor-chen", "HQ", UserRole.ReviewSupervisor);
        Account account = await ReviewAccountAsync(clerk, approver, branch);
        Verification slip = await teller.Verifications.VerifySlipAsync(Slip(account.Id, SyntheticBank.GenuineSlip, "console-" + branch));
        Assert.Equal(Decision.Review, slip.Decision);

        // First reviewer: claims from the queue, looks at every view, judges GENUINE by keyboard.
        await using IBrowserContext firstBrowser = await Server.NewContextAsync();
        IPage first = await SignInAsync(firstBrowser, firstKey, "01-sign-in");
        await first.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Reviews" }).ClickAsync();
        await Assertions.Expect(first.GetByTestId("queue")).ToContainTextAsync(branch);
        await ShotAsync(first, "02-review-queue");
        await first.GetByLabel("Branch").FillAsync(branch);
        Task<IResponse> image = first.WaitForResponseAsync(r => r.Url.Contains("/console/images/", StringComparison.Ordinal));
        await first.GetByTestId("claim-next").ClickAsync();
        await Assertions.Expect(first.GetByTestId("case-state")).ToHaveTextAsync("claimed");
        IResponse imageResponse = await image;
        Assert.Equal(200, imageResponse.Status);
        Assert.Equal("no-store", await imageResponse.HeaderValueAsync("cache-control"));
        string caseUrl = first.Url;
        string caseId = caseUrl[(caseUrl.LastIndexOf('/') + 1)..];
        await Assertions.Expect(first.GetByTestId("amount")).ToHaveTextAsync("CNY 128,500.00");
        await Assertions.Expect(first.GetByTestId("difference-legend").First).ToContainTextAsync("GAINED");
        await Assertions.Expect(first.GetByTestId("reviews")).ToHaveCountAsync(0);
        await ShotAsync(first, "03-case-view");
        await first.GetByTestId("opacity-0").FillAsync("80");
        await first.GetByTestId("fold-0").FillAsync("35");
        await ShotAsync(first, "04-case-overlay-and-fold");

        // Zoom from the keyboard on one view: every view of the seal follows.
        await first.Locator(".views[data-sync='f0'] svg.view").First.FocusAsync();
        await first.Keyboard.PressAsync("+");
        await first.Keyboard.PressAsync("ArrowRight");
        string[] transforms = await first.Locator(".views[data-sync='f0'] g.zp").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('transform'))");
        Assert.True(transforms.Length >= 5, $"{transforms.Length} views");
        Assert.All(transforms, t => Assert.Equal(transforms[0], t));
        Assert.Contains("scale(1.25)", transforms[0], StringComparison.Ordinal);
        await first.Keyboard.PressAsync("0");
        await first.Locator("h1").FocusAsync();
        await first.Keyboard.PressAsync("g");
        await Assertions.Expect(first.GetByTestId("notice")).ToContainTextAsync("GENUINE review is recorded");
        await Assertions.Expect(first.GetByTestId("notice")).ToContainTextAsync("awaiting second review");

        // Second reviewer: sees nothing of the first review; FORGED without a comment is refused on screen.
        await using IBrowserContext secondBrowser = await Server.NewContextAsync(1920, 1080);
        IPage second = await SignInAsync(secondBrowser, secondKey);
        await second.GotoAsync("console/reviews");
        await second.GetByLabel("Branch").FillAsync(branch);
        await second.GetByTestId("claim-next").ClickAsync();
        await Assertions.Expect(second.GetByTestId("case-state")).ToHaveTextAsync("claimed");
        Assert.EndsWith(caseId, second.Url, StringComparison.Ordinal);
        await Assertions.Expect(second.GetByTestId("decide")).ToBeVisibleAsync();
        await Assertions.Expect(second.GetByTestId("reviews")).ToHaveCountAsync(0);
        Assert.DoesNotContain("reviewer-li", await second.ContentAsync(), StringComparison.Ordinal);
        await ShotAsync(second, "05-case-view-1920x1080");
        await second.GetByTestId("verdict-forged").ClickAsync();
        await Assertions.Expect(second.GetByTestId("problem")).ToContainTextAsync("comment");
        await ShotAsync(second, "06-second-review-comment-required");
        await second.GetByTestId("comment").FillAsync("Outer ring text spacing differs at 2 o'clock; strokes gained.");
        await second.GetByTestId("verdict-forged").ClickAsync();
        await Assertions.Expect(second.GetByTestId("notice")).ToContainTextAsync("escalated");

        // Supervisor: the escalated case shows both reviews; the decision needs a comment and is final.
        await using IBrowserContext supervisorBrowser = await Server.NewContextAsync();
        IPage supervisor = await SignInAsync(supervisorBrowser, supervisorKey);
        await supervisor.GotoAsync("console/reviews");
        await Assertions.Expect(supervisor.GetByTestId("escalated")).ToContainTextAsync(caseId);
        await ShotAsync(supervisor, "07-escalated-queue");
        await supervisor.GetByTestId("escalated").GetByRole(AriaRole.Link, new() { Name = caseId }).ClickAsync();
        await Assertions.Expect(supervisor.GetByTestId("reviews")).ToContainTextAsync("reviewer-li");
        await Assertions.Expect(supervisor.GetByTestId("reviews")).ToContainTextAsync("reviewer-zhang");
        await Assertions.Expect(supervisor.GetByTestId("reviews")).ToContainTextAsync("FORGED");
        await supervisor.GetByTestId("comment").FillAsync("Compared under magnification: the gained strokes are slip table lines; genuine.");
        await ShotAsync(supervisor, "08-supervisor-decides");
        await supervisor.GetByTestId("verdict-genuine").ClickAsync();
        await Assertions.Expect(supervisor.GetByTestId("notice")).ToContainTextAsync("decided");

        Verification settled = await teller.Verifications.GetVerificationAsync(new GetVerificationRequest { VerificationId = slip.Id });
        Assert.Equal(Decision.Accept, settled.Decision);
        Assert.Equal(VerificationStatus.Final, settled.Status);

        // Every look at the case's images is in the trail with its purpose, as through the API.
        QueryAuditResponse trail = await auditor.Audit.QueryAuditAsync(new QueryAuditRequest
        {
            Filter = new AuditFilter { TargetId = caseId, Action = "review.image.read" },
        });
        Assert.Equal(["reviewer-li", "reviewer-zhang", "supervisor-chen"], trail.Entries.Select(e => e.ActorId).ToArray());
        Assert.All(trail.Entries, e => Assert.Equal("review", e.Purpose));
    }
}
