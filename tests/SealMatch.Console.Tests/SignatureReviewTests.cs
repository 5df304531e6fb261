using Google.Protobuf;
using Microsoft.Playwright;
using SealMatch.Console.Tests.Infrastructure;
using SealMatch.Protos.V1;
using Xunit.Abstractions;

namespace SealMatch.Console.Tests;

/// <summary>A review case whose slip carries a handwritten signature beside the seals: the case view shows it as a signature.</summary>
[Collection("console")]
public sealed class SignatureReviewTests(ConsoleServer server, ITestOutputHelper output) : ConsoleTest(server, output)
{
    private const string SignatoryName = "王涛";

    [SkippableFact]
    public async Task A_signature_finding_is_shown_with_its_signatory_its_own_thresholds_and_the_reference_beside_it()
    {
        Skip.If(SignatureSamples.SkipReason is not null, SignatureSamples.SkipReason);
        string branch = NewBranch("SG");
        (Clients clerk, _) = await As("clerk-" + branch, branch, UserRole.SpecimenClerk);
        (Clients approver, _) = await As("approver-" + branch, "HQ", UserRole.SpecimenApprover);
        (Clients teller, _) = await As("teller-" + branch, branch, UserRole.Teller);
        (_, string reviewerKey) = await As("reviewer-sig-" + branch, "HQ", UserRole.Reviewer);
        Account account = await ReviewAccountAsync(clerk, approver, branch);

        // Three references of the signatory (tablet and two phones), each approved by another person.
        foreach (int image in SignatureSamples.WangTaoReferences)
        {
            Specimen submitted = await clerk.Specimens.SubmitSpecimenAsync(new SubmitSpecimenRequest
            {
                AccountId = account.Id,
                Role = SpecimenRole.Signatory,
                SignatoryName = SignatoryName,
                Image = ByteString.CopyFrom(SignatureSamples.Image(SignatureSamples.Writer, image)),
                Dpi = 150,
                EffectiveFrom = D(2020, 1, 1),
            });
            await approver.Specimens.ApproveSpecimenAsync(new ApproveSpecimenRequest { SpecimenId = submitted.Id, ExpectedVersion = submitted.Version });
        }

        // The finance seal (never accepted by this host's threshold) and the signatory: the slip goes to review.
        var rule = new SigningRule { Name = "finance seal and signatory" };
        rule.RequiredRoles.Add(SpecimenRole.FinanceSeal);
        rule.RequiredRoles.Add(SpecimenRole.Signatory);
        var rules = new SetSigningRulesRequest { AccountId = account.Id };
        rules.Rules.Add(rule);
        await clerk.Accounts.SetSigningRulesAsync(rules);

        // The signatory's own 王涛 on paper, pasted onto the genuine slip; its region given in the request.
        (byte[] png, int x, int y, int width, int height) = SignatureSamples.Sign(SyntheticBank.GenuineSlip,
            SignatureSamples.Image(SignatureSamples.Writer, SignatureSamples.WangTaoPaper));
        VerifySlipRequest request = Slip(account.Id, png, "signed-" + branch);
        request.Dpi = 300;
        request.SignatureRegions.Add(new Box { X = x - 20, Y = y - 20, Width = width + 40, Height = height + 40 });
        Verification slip = await teller.Verifications.VerifySlipAsync(request);
        Assert.Equal(Decision.Review, slip.Decision);
        Finding signature = Assert.Single(slip.Findings, f => f.Kind == EvidenceKind.Signature);
        Assert.NotEmpty(signature.SpecimenId);
        int index = slip.Findings.IndexOf(signature);
        int seals = slip.Findings.Count(f => f.Kind != EvidenceKind.Signature);
        Output.WriteLine($"signature p={signature.Probability:0.000} (accept ≥ {slip.SignatureAcceptThreshold:0.000}, reject < {slip.SignatureRejectThreshold:0.000}), {seals} seal findings");

        await using IBrowserContext browser = await Server.NewContextAsync();
        IPage page = await SignInAsync(browser, reviewerKey);
        await page.GotoAsync("console/reviews");
        await page.GetByLabel("Branch").FillAsync(branch);
        await page.GetByTestId("claim-next").ClickAsync();
        await Assertions.Expect(page.GetByTestId("case-state")).ToHaveTextAsync("claimed");

        // The heading names the signatory and the region; the probability is judged against the signature thresholds.
        ILocator section = page.GetByTestId("finding-" + index);
        await Assertions.Expect(page.GetByTestId("signature-heading-" + index)).ToHaveTextAsync($"Signature 1: {SignatoryName} (signature_regions[0])");
        string threshold = slip.SignatureAcceptThreshold.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
        string reject = slip.SignatureRejectThreshold.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
        await Assertions.Expect(page.GetByTestId("signature-score-" + index)).ToContainTextAsync($"signature thresholds (accept ≥ {threshold}, reject < {reject})");
        await Assertions.Expect(page.GetByTestId("signature-thresholds")).ToContainTextAsync("accept ≥ " + threshold);
        await Assertions.Expect(page.GetByTestId("models")).ToContainTextAsync("signature-embedding");

        // The questioned signature and the reference, both loaded and at the same height; none of the seal-only views.
        ILocator questioned = page.GetByTestId("questioned-signature-" + index);
        ILocator reference = page.GetByTestId("reference-signature-" + index);
        await Assertions.Expect(questioned).ToBeVisibleAsync();
        await Assertions.Expect(reference).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.finding.signature img')].every(i => i.complete && i.naturalWidth > 0)");
        LocatorBoundingBoxResult q = (await questioned.BoundingBoxAsync())!;
        LocatorBoundingBoxResult r = (await reference.BoundingBoxAsync())!;
        Assert.True(Math.Abs(q.Height - r.Height) < 1, $"questioned {q.Width}×{q.Height}, reference {r.Width}×{r.Height}");
        Assert.True(Math.Abs(q.Y - r.Y) < 1, $"questioned at y={q.Y}, reference at y={r.Y}: not side by side");
        await Assertions.Expect(section.Locator("svg.view")).ToHaveCountAsync(0);
        string text = await section.InnerTextAsync();
        Assert.DoesNotContain(" mm", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Overlay", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Fold", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Difference", text, StringComparison.Ordinal);

        // The seals of the same slip are numbered on their own and keep their views.
        if (seals > 0)
        {
            await Assertions.Expect(page.Locator("section.finding:not(.signature) h2").First).ToContainTextAsync("Seal 1:");
        }

        await section.ScrollIntoViewIfNeededAsync();
        await ShotAsync(page, "17-case-signature");
        await section.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(ConsoleServer.ScreenshotFolder, "18-case-signature-finding.png") });
    }
}
