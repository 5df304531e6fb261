using Google.Protobuf;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SealMatch.Data;
using SealMatch.Protos.V1;
using SealMatch.Server.Tests.Infrastructure;

namespace SealMatch.Server.Tests;

using ReviewCase = SealMatch.Protos.V1.ReviewCase;
using Verification = SealMatch.Protos.V1.Verification;

/// <summary>
/// Dual review end to end. Each test works in a branch of its own and claims only that branch's
/// cases, so cases left by other tests never reach its reviewers.
/// </summary>
public abstract partial class ServiceSuite
{
    private static string NewReviewBranch() => "RV" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    /// <summary>
    /// An account in <paramref name="branch"/> with an approved finance seal; with <paramref name="signatureRequired"/>
    /// its rule also needs a signature no engine can score, so its genuine slips go to REVIEW.
    /// </summary>
    private async Task<Account> ReviewAccountAsync(string branch, bool signatureRequired = true)
    {
        using Clients clerk = await As("clerk-" + branch, branch, UserRole.SpecimenClerk);
        using Clients approver = await Approver();
        Account account = await NewAccountAsync(clerk, branch);
        Specimen finance = await SubmitSealAsync(clerk, account.Id, SpecimenRole.FinanceSeal, D(2026, 1, 1));
        await approver.Specimens.ApproveSpecimenAsync(new ApproveSpecimenRequest { SpecimenId = finance.Id, ExpectedVersion = finance.Version });
        if (!signatureRequired)
        {
            await SetRulesAsync(clerk, account.Id, Rule("finance", SpecimenRole.FinanceSeal));
            return account;
        }

        Specimen signature = await clerk.Specimens.SubmitSpecimenAsync(new SubmitSpecimenRequest
        {
            AccountId = account.Id,
            Role = SpecimenRole.Signatory,
            SignatoryName = "王五",
            Image = ByteString.CopyFrom(SyntheticBank.Signature("王五")),
            Dpi = 300,
            EffectiveFrom = D(2026, 1, 1),
        });
        await approver.Specimens.ApproveSpecimenAsync(new ApproveSpecimenRequest { SpecimenId = signature.Id });
        await SetRulesAsync(clerk, account.Id, Rule("finance+signature", SpecimenRole.FinanceSeal, SpecimenRole.Signatory));
        return account;
    }

    /// <summary>The branch's teller, who also holds the reviewer role: they must never review their own slips.</summary>
    private Task<Clients> ReviewingTeller(string branch) => As("teller-rev-" + branch, branch, UserRole.Teller, UserRole.Reviewer);

    private Task<Clients> Reviewer(string name, string branch) => As($"{name}-{branch}", "HQ", UserRole.Reviewer);

    private Task<Clients> Supervisor(string branch) => As("supervisor-" + branch, "HQ", UserRole.ReviewSupervisor);

    private static async Task<Verification> VerifyForReviewAsync(Clients teller, string accountId, string key)
    {
        Verification v = await teller.Verifications.VerifySlipAsync(Slip(accountId, SyntheticBank.GenuineSlip, key), Deadline);
        Assert.Equal(Decision.Review, v.Decision);
        Assert.Equal(VerificationStatus.AwaitingReview, v.Status);
        return v;
    }

    private static async Task<ReviewCase?> ClaimAsync(Clients reviewer, string branch) =>
        (await reviewer.Reviews.ClaimNextCaseAsync(new ClaimNextCaseRequest { BranchCode = branch }, Deadline)).Case;

    private static Task<ReviewCase> SubmitAsync(Clients reviewer, string caseId, ReviewVerdict verdict, string comment = "") =>
        reviewer.Reviews.SubmitReviewAsync(new SubmitReviewRequest { CaseId = caseId, Verdict = verdict, Comment = comment }, Deadline).ResponseAsync;

    private async Task<List<AuditEntryView>> AuditOfAsync(string targetId)
    {
        using IServiceScope scope = Host.Services.CreateScope();
        SealMatchDbContext db = scope.ServiceProvider.GetRequiredService<SealMatchDbContext>();
        return await db.AuditEntries.AsNoTracking().Where(e => e.TargetId == targetId).OrderBy(e => e.SequenceNumber)
            .Select(e => new AuditEntryView(e.ActorId, e.Action, e.Purpose)).ToListAsync();
    }

    /// <summary>One observation of this host's <c>SealMatch.Reviews</c> gauges.</summary>
    private Dictionary<string, double> ReadReviewGauges()
    {
        object factory = Host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        var values = new Dictionary<string, double>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "SealMatch.Reviews" && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => values[instrument.Name] = value);
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => values[instrument.Name] = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return values;
    }

    private sealed record AuditEntryView(string ActorId, string Action, string? Purpose);

    [SkippableFact]
    public async Task Two_agreeing_reviews_decide_the_verification_blind_to_each_other_and_the_watch_ends()
    {
        SkipIfUnavailable();
        string branch = NewReviewBranch();
        Account account = await ReviewAccountAsync(branch);
        using Clients teller = await ReviewingTeller(branch);
        using Clients first = await Reviewer("rev-a", branch);
        using Clients second = await Reviewer("rev-b", branch);
        Verification genuine = await VerifyForReviewAsync(teller, account.Id, "dual-genuine");
        Verification forged = await VerifyForReviewAsync(teller, account.Id, "dual-forged");

        // The teller who submitted the slips is never offered them, even holding the reviewer role.
        Assert.Null(await ClaimAsync(teller, branch));

        using AsyncServerStreamingCall<Verification> watch = teller.Verifications.WatchVerification(
            new WatchVerificationRequest { VerificationId = genuine.Id }, Deadline);
        Task<List<Verification>> watched = Task.Run(async () =>
        {
            var seen = new List<Verification>();
            await foreach (Verification v in watch.ResponseStream.ReadAllAsync())
            {
                seen.Add(v);
            }

            return seen;
        });

        ReviewCase claimed = Assert.IsType<ReviewCase>(await ClaimAsync(first, branch));
        Assert.Equal(genuine.Id, claimed.VerificationId);
        Assert.Equal(ReviewCaseState.Claimed, claimed.State);
        Assert.True(claimed.HoldsPayment);
        Assert.Equal(ReviewReason.ReviewDecision, claimed.Reason);
        // A retried claim returns the case already held, not a second one.
        Assert.Equal(claimed.Id, (await ClaimAsync(first, branch))?.Id);

        ReviewCaseDetail detail = await first.Reviews.GetCaseAsync(new GetCaseRequest { CaseId = claimed.Id }, Deadline);
        Assert.Equal(genuine.Id, detail.Verification.Id);
        Assert.NotEmpty(detail.Verification.RuleEvaluations);
        Assert.Contains(detail.Images, i => i.Kind == ReviewImageKind.Impression && i.Png.Length > 100);
        Assert.Contains(detail.Images, i => i.Kind == ReviewImageKind.Specimen && i.Png.Length > 100);
        foreach (ReviewImageKind kind in new[] { ReviewImageKind.SideBySide, ReviewImageKind.Overlay, ReviewImageKind.Difference, ReviewImageKind.Fold })
        {
            ReviewImage picture = Assert.Single(detail.Images, i => i.Kind == kind);
            Assert.Equal(detail.Verification.Findings[picture.FindingIndex].SpecimenId, picture.SpecimenId);
            Assert.True(picture.Png.Span.StartsWith(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }), kind.ToString());
        }

        Assert.Empty(detail.Case.Reviews);
        ReviewCase afterFirst = await SubmitAsync(first, claimed.Id, ReviewVerdict.Genuine);
        Assert.Equal(ReviewCaseState.AwaitingSecondReview, afterFirst.State);
        Assert.Single(afterFirst.Reviews);

        // The first reviewer cannot take the second review: the queue offers them the next case instead.
        ReviewCase next = Assert.IsType<ReviewCase>(await ClaimAsync(first, branch));
        Assert.Equal(forged.Id, next.VerificationId);
        Assert.Equal(ReviewCaseState.Open, (await first.Reviews.ReleaseCaseAsync(new ReleaseCaseRequest { CaseId = next.Id }, Deadline)).State);

        // The second reviewer sees nothing of the first before judging.
        ReviewCase secondClaim = Assert.IsType<ReviewCase>(await ClaimAsync(second, branch));
        Assert.Equal(claimed.Id, secondClaim.Id);
        Assert.Empty(secondClaim.Reviews);
        ReviewCaseDetail blind = await second.Reviews.GetCaseAsync(new GetCaseRequest { CaseId = claimed.Id }, Deadline);
        Assert.Empty(blind.Case.Reviews);
        ReviewCase decided = await SubmitAsync(second, claimed.Id, ReviewVerdict.Genuine);
        Assert.Equal(ReviewCaseState.Decided, decided.State);
        Assert.Equal(Decision.Accept, decided.Outcome);
        Assert.Equal(2, decided.Reviews.Count);

        List<Verification> seen = await watched.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(Decision.Review, seen[0].Decision);
        Assert.Equal(Decision.Accept, seen[^1].Decision);
        Assert.Equal(VerificationStatus.Final, seen[^1].Status);
        Verification final = await teller.Verifications.GetVerificationAsync(new GetVerificationRequest { VerificationId = genuine.Id });
        Assert.Equal((Decision.Accept, VerificationStatus.Final), (final.Decision, final.Status));

        // Both FORGED: rejected.
        ReviewCase other = Assert.IsType<ReviewCase>(await ClaimAsync(first, branch));
        Assert.Equal(forged.Id, other.VerificationId);
        await SubmitAsync(first, other.Id, ReviewVerdict.Forged, "the inner ring is broken at 3 o'clock");
        Assert.Equal(other.Id, (await ClaimAsync(second, branch))?.Id);
        await RpcAssert.FailsOnFieldAsync(StatusCode.InvalidArgument, "comment", () => SubmitAsync(second, other.Id, ReviewVerdict.Forged));
        ReviewCase rejected = await SubmitAsync(second, other.Id, ReviewVerdict.Forged, "characters differ");
        Assert.Equal(Decision.Reject, rejected.Outcome);
        Verification refused = await teller.Verifications.GetVerificationAsync(new GetVerificationRequest { VerificationId = forged.Id });
        Assert.Equal((Decision.Reject, VerificationStatus.Final), (refused.Decision, refused.Status));
        Assert.Null(await ClaimAsync(second, branch));

        List<AuditEntryView> trail = await AuditOfAsync(claimed.Id);
        Assert.Contains(trail, e => e.Action == "review.image.read" && e.Purpose == "review" && e.ActorId == $"rev-b-{branch}");
        Assert.Equal(2, trail.Count(e => e.Action == "review.submit"));
    }

    [SkippableFact]
    public async Task Disagreement_escalates_to_a_supervisor_who_is_a_third_person()
    {
        SkipIfUnavailable();
        string branch = NewReviewBranch();
        Account account = await ReviewAccountAsync(branch);
        using Clients teller = await ReviewingTeller(branch);
        using Clients first = await Reviewer("rev-a", branch);
        // Holds both roles: having reviewed the case, they still cannot settle it.
        using Clients reviewingSupervisor = await As("rev-sup-" + branch, "HQ", UserRole.Reviewer, UserRole.ReviewSupervisor);
        using Clients supervisor = await Supervisor(branch);
        using Clients auditor = await Auditor();
        Verification v = await VerifyForReviewAsync(teller, account.Id, "escalate");

        ReviewCase c = Assert.IsType<ReviewCase>(await ClaimAsync(first, branch));
        await SubmitAsync(first, c.Id, ReviewVerdict.Genuine);
        Assert.Equal(c.Id, (await ClaimAsync(reviewingSupervisor, branch))?.Id);
        ReviewCase escalated = await SubmitAsync(reviewingSupervisor, c.Id, ReviewVerdict.CannotTell, "too faint to judge");
        Assert.Equal(ReviewCaseState.Escalated, escalated.State);
        Verification pending = await teller.Verifications.GetVerificationAsync(new GetVerificationRequest { VerificationId = v.Id });
        Assert.Equal(VerificationStatus.AwaitingReview, pending.Status);

        var decide = new DecideEscalatedRequest { CaseId = c.Id, Verdict = ReviewVerdict.Forged, Comment = "compared under magnification" };
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => first.Reviews.DecideEscalatedAsync(decide, Deadline).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => reviewingSupervisor.Reviews.DecideEscalatedAsync(decide, Deadline).ResponseAsync);
        await RpcAssert.FailsOnFieldAsync(StatusCode.InvalidArgument, "verdict", () => supervisor.Reviews.DecideEscalatedAsync(
            new DecideEscalatedRequest { CaseId = c.Id, Verdict = ReviewVerdict.CannotTell, Comment = "unsure" }, Deadline).ResponseAsync);

        ReviewCaseDetail overseen = await supervisor.Reviews.GetCaseAsync(new GetCaseRequest { CaseId = c.Id }, Deadline);
        Assert.Equal(2, overseen.Case.Reviews.Count);
        ReviewCase decided = await supervisor.Reviews.DecideEscalatedAsync(decide, Deadline);
        Assert.Equal(ReviewCaseState.Decided, decided.State);
        Assert.Equal(Decision.Reject, decided.Outcome);
        Assert.Equal($"supervisor-{branch}", decided.DecidedBy);
        Assert.Equal(ReviewKind.Supervisor, decided.Reviews[^1].Kind);
        // Final: no second decision, not even another supervisor's.
        using Clients otherSupervisor = await As("supervisor2-" + branch, "HQ", UserRole.ReviewSupervisor);
        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => otherSupervisor.Reviews.DecideEscalatedAsync(decide, Deadline).ResponseAsync);

        Verification final = await auditor.Verifications.GetVerificationAsync(new GetVerificationRequest { VerificationId = v.Id });
        Assert.Equal((Decision.Reject, VerificationStatus.Final), (final.Decision, final.Status));
        ListCasesResponse listed = await auditor.Reviews.ListCasesAsync(new ListCasesRequest { BranchCode = branch, State = ReviewCaseState.Decided });
        Assert.Equal(c.Id, Assert.Single(listed.Cases).Id);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => auditor.Reviews.ClaimNextCaseAsync(new ClaimNextCaseRequest(), Deadline).ResponseAsync);
    }

    [SkippableFact]
    public async Task An_expired_lease_returns_the_case_to_the_queue_and_the_old_holder_can_no_longer_submit()
    {
        SkipIfUnavailable();
        string branch = NewReviewBranch();
        Account account = await ReviewAccountAsync(branch);
        using Clients teller = await ReviewingTeller(branch);
        using Clients first = await Reviewer("rev-a", branch);
        using Clients second = await Reviewer("rev-b", branch);
        await VerifyForReviewAsync(teller, account.Id, "lease");

        ReviewCase held = Assert.IsType<ReviewCase>(await ClaimAsync(first, branch));
        Assert.Null(await ClaimAsync(second, branch));
        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition,
            () => second.Reviews.GetCaseAsync(new GetCaseRequest { CaseId = held.Id }, Deadline).ResponseAsync);

        Host.Clock.Advance(TimeSpan.FromMinutes(16));
        ListCasesResponse open = await second.Reviews.ListCasesAsync(new ListCasesRequest { BranchCode = branch, State = ReviewCaseState.Open });
        Assert.Equal(held.Id, Assert.Single(open.Cases).Id);
        ReviewCase taken = Assert.IsType<ReviewCase>(await ClaimAsync(second, branch));
        Assert.Equal(held.Id, taken.Id);
        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => SubmitAsync(first, held.Id, ReviewVerdict.Genuine));
        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition,
            () => first.Reviews.ReleaseCaseAsync(new ReleaseCaseRequest { CaseId = held.Id }, Deadline).ResponseAsync);

        ReviewCase released = await second.Reviews.ReleaseCaseAsync(new ReleaseCaseRequest { CaseId = held.Id }, Deadline);
        Assert.Equal(ReviewCaseState.Open, released.State);
        Assert.Equal(held.Id, (await ClaimAsync(first, branch))?.Id);
    }

    [SkippableFact]
    public async Task Concurrent_claims_never_hand_one_case_to_two_reviewers()
    {
        SkipIfUnavailable();
        await ClaimRaceAsync("concurrent", async (i, branch) => await Reviewer("rev-" + i, branch), assertClaimed: async (reviewer, branch, won) =>
        {
            ListCasesResponse claimed = await reviewer.Reviews.ListCasesAsync(new ListCasesRequest { BranchCode = branch, State = ReviewCaseState.Claimed });
            Assert.Equal(won.Select(c => c.Id).Order(), claimed.Cases.Select(c => c.Id).Order());

            // The queue gauges count these undecided cases and report a positive age.
            Dictionary<string, double> gauges = ReadReviewGauges();
            Assert.True(gauges["sealmatch.reviews.queue.length"] >= 3, $"queue length {gauges["sealmatch.reviews.queue.length"]}");
            Assert.True(gauges["sealmatch.reviews.oldest_case.age"] > 0);
        });
    }

    [SkippableFact]
    public async Task Reviewers_on_two_service_instances_sharing_the_database_never_get_the_same_case()
    {
        SkipIfUnavailable();

        // Half of the reviewers talk to a second server on the same database.
        await ClaimRaceAsync("two-instances", async (i, branch) =>
        {
            string key = await Host.UserAsync($"rev2i-{i}-{branch}", "HQ", UserRole.Reviewer);
            return new Clients(i % 2 == 0 ? Host.Channel(key) : Host.SecondInstanceChannel(key));
        });
    }

    /// <summary>
    /// Three cases awaiting review and eight reviewers claiming at the same moment: each case goes to
    /// exactly one reviewer, and the other five get nothing.
    /// </summary>
    private async Task ClaimRaceAsync(string name, Func<int, string, Task<Clients>> reviewer, Func<Clients, string, List<ReviewCase>, Task>? assertClaimed = null)
    {
        string branch = NewReviewBranch();
        Account account = await ReviewAccountAsync(branch);
        using Clients teller = await ReviewingTeller(branch);
        for (int i = 0; i < 3; i++)
        {
            await VerifyForReviewAsync(teller, account.Id, $"{name}-{i}");
        }

        Clients[] reviewers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => reviewer(i, branch)));
        try
        {
            ReviewCase?[] claims = await Task.WhenAll(reviewers.Select(r => ClaimAsync(r, branch)));
            List<ReviewCase> won = [.. claims.OfType<ReviewCase>()];
            Assert.Equal(3, won.Count);
            Assert.Equal(3, won.Select(c => c.Id).Distinct().Count());
            Assert.Equal(3, won.Select(c => c.LeaseHolder).Distinct().Count());
            if (assertClaimed is not null)
            {
                await assertClaimed(reviewers[0], branch, won);
            }
        }
        finally
        {
            foreach (Clients r in reviewers)
            {
                r.Dispose();
            }
        }
    }

    /// <summary>
    /// The synthetic slips do not reach ACCEPT on their own, so the sampled case is opened directly for a
    /// final verification (as <c>SlipVerifier</c> does for a sampled ACCEPT); everything after goes through the API.
    /// </summary>
    [SkippableFact]
    public async Task A_quality_sample_judged_forged_raises_an_alert_without_holding_the_payment()
    {
        SkipIfUnavailable();
        string branch = NewReviewBranch();
        using Clients clerk = await As("clerk-" + branch, branch, UserRole.SpecimenClerk);
        Account account = await NewAccountAsync(clerk, branch);
        using Clients teller = await ReviewingTeller(branch);
        using Clients first = await Reviewer("rev-a", branch);
        using Clients second = await Reviewer("rev-b", branch);
        Verification final = await teller.Verifications.VerifySlipAsync(Slip(account.Id, SyntheticBank.BlankPage(), "sampled", dpi: 300), Deadline);
        Assert.Equal(VerificationStatus.Final, final.Status);
        using (IServiceScope scope = Host.Services.CreateScope())
        {
            SealMatchDbContext db = scope.ServiceProvider.GetRequiredService<SealMatchDbContext>();
            db.ReviewCases.Add(Domain.Reviews.ReviewCase.Open("rvc_" + Guid.NewGuid().ToString("N"), final.Id, account.Id, branch,
                Domain.Reviews.ReviewReason.QualitySample, final.RequestedBy, Host.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        ReviewCase sample = Assert.IsType<ReviewCase>(await ClaimAsync(first, branch));
        Assert.Equal(final.Id, sample.VerificationId);
        Assert.Equal(ReviewReason.QualitySample, sample.Reason);
        Assert.False(sample.HoldsPayment);
        await SubmitAsync(first, sample.Id, ReviewVerdict.Forged, "not our customer's seal");
        Assert.Equal(sample.Id, (await ClaimAsync(second, branch))?.Id);
        ReviewCase judged = await SubmitAsync(second, sample.Id, ReviewVerdict.Forged, "forged");
        Assert.Equal(Decision.Reject, judged.Outcome);
        Assert.True(judged.Alert);

        // The payment went: the verification stays as it was, the alert is in the trail.
        Verification unchanged = await teller.Verifications.GetVerificationAsync(new GetVerificationRequest { VerificationId = final.Id });
        Assert.Equal(final, unchanged);
        Assert.Contains(await AuditOfAsync(sample.Id), e => e.Action == "review.alert");

        // The alert shows in the auditors' pass-rate report, on the account's row and in the CSV.
        using Clients auditor = await Auditor();
        PassRatesResponse rates = await auditor.Reports.PassRatesAsync(new PassRatesRequest(), Deadline);
        PassRateRow row = Assert.Single(rates.Rows, r => r.AccountId == account.Id);
        Assert.Equal((1, 1, 1, true), (row.Slips, row.QualitySamples, row.QualityAlerts, row.Alert));
        string csvRow = Assert.Single(rates.Csv.ToStringUtf8().Split("\r\n"), l => l.StartsWith(account.Id + ",", StringComparison.Ordinal));
        Assert.EndsWith(",1,1,true", csvRow, StringComparison.Ordinal);
    }
}
