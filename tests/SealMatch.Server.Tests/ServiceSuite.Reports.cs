using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SealMatch.Data;
using SealMatch.Protos.V1;
using SealMatch.Server.Tests.Infrastructure;

namespace SealMatch.Server.Tests;

using ReviewCase = SealMatch.Protos.V1.ReviewCase;
using Verification = SealMatch.Protos.V1.Verification;

/// <summary>
/// The oversight reports over a situation built through the API in a branch of its own, compared with
/// the ground truth constructed. (The synthetic slips never reach ACCEPT on their own, so the scenario
/// has REJECT and REVIEW slips only.)
/// </summary>
public abstract partial class ServiceSuite
{
    [SkippableFact]
    public async Task Reports_match_the_ground_truth_of_a_seeded_scenario()
    {
        SkipIfUnavailable();
        DateTimeOffset start = Host.Clock.GetUtcNow().AddSeconds(-1);
        string branch = "RP" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        using Clients clerk = await As("clerk-" + branch, branch, UserRole.SpecimenClerk);
        using Clients teller = await ReviewingTeller(branch);
        using Clients r1 = await Reviewer("rep-1", branch);
        using Clients r2 = await Reviewer("rep-2", branch);
        using Clients r3 = await Reviewer("rep-3", branch);
        using Clients supervisor = await Supervisor(branch);
        using Clients auditor = await Auditor();

        // Account A: three slips to review, one blank (REJECT). Account B: five blank slips (REJECT).
        Account a = await ReviewAccountAsync(branch);
        Account b = await NewAccountAsync(clerk, branch);
        Verification[] reviewed = [
            await VerifyForReviewAsync(teller, a.Id, "rep-v1"),
            await VerifyForReviewAsync(teller, a.Id, "rep-v2"),
            await VerifyForReviewAsync(teller, a.Id, "rep-v3")];
        byte[] blank = SyntheticBank.BlankPage();
        Assert.Equal(Decision.Reject, (await teller.Verifications.VerifySlipAsync(Slip(a.Id, blank, "rep-a-blank", dpi: 300), Deadline)).Decision);
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(Decision.Reject, (await teller.Verifications.VerifySlipAsync(Slip(b.Id, blank, $"rep-b-{i}", dpi: 300), Deadline)).Decision);
        }

        // Case 1: r1 and r2 agree GENUINE. Case 2: r1 GENUINE, r3 FORGED, supervisor FORGED (r1 overruled).
        // Case 3: r2 FORGED, r3 CANNOT_TELL: escalated and left undecided.
        ReviewCase c1 = Assert.IsType<ReviewCase>(await ClaimAsync(r1, branch));
        Assert.Equal(reviewed[0].Id, c1.VerificationId);
        await SubmitAsync(r1, c1.Id, ReviewVerdict.Genuine);
        ReviewCase c2 = Assert.IsType<ReviewCase>(await ClaimAsync(r1, branch));
        Assert.Equal(reviewed[1].Id, c2.VerificationId);
        await SubmitAsync(r1, c2.Id, ReviewVerdict.Genuine);
        Assert.Equal(c1.Id, (await ClaimAsync(r2, branch))?.Id);
        Assert.Equal(ReviewCaseState.Decided, (await SubmitAsync(r2, c1.Id, ReviewVerdict.Genuine)).State);
        Assert.Equal(c2.Id, (await ClaimAsync(r3, branch))?.Id);
        Assert.Equal(ReviewCaseState.Escalated, (await SubmitAsync(r3, c2.Id, ReviewVerdict.Forged, "different border")).State);
        ReviewCase c3 = Assert.IsType<ReviewCase>(await ClaimAsync(r2, branch));
        Assert.Equal(reviewed[2].Id, c3.VerificationId);
        await SubmitAsync(r2, c3.Id, ReviewVerdict.Forged, "wrong characters");
        Assert.Equal(c3.Id, (await ClaimAsync(r3, branch))?.Id);
        Assert.Equal(ReviewCaseState.Escalated, (await SubmitAsync(r3, c3.Id, ReviewVerdict.CannotTell, "too faint")).State);
        await supervisor.Reviews.DecideEscalatedAsync(new DecideEscalatedRequest { CaseId = c2.Id, Verdict = ReviewVerdict.Forged, Comment = "forged" }, Deadline);

        // Reconciliation: a clean approved specimen, one whose status was edited behind the history's
        // back (and its image hash cleared, as on rows from before hashes were stored), one stored
        // without its image, one whose encrypted image had a byte flipped, and one whose stored hash
        // was replaced.
        using Clients approver = await Approver();
        Specimen submitted = await SubmitSealAsync(clerk, b.Id, SpecimenRole.FinanceSeal);
        Specimen clean = await approver.Specimens.ApproveSpecimenAsync(new ApproveSpecimenRequest { SpecimenId = submitted.Id, ExpectedVersion = submitted.Version });
        Specimen edited = await SubmitSealAsync(clerk, b.Id, SpecimenRole.CompanySeal);
        Specimen tampered = await SubmitSealAsync(clerk, b.Id, SpecimenRole.LegalRepresentativeSeal);
        Specimen rehashed = await SubmitSealAsync(clerk, b.Id, SpecimenRole.CompanySeal);
        string bare = "spc_rep_" + Guid.NewGuid().ToString("N");
        using (IServiceScope scope = Host.Services.CreateScope())
        {
            SealMatchDbContext db = scope.ServiceProvider.GetRequiredService<SealMatchDbContext>();
            // The hash stored at submission is the lower-case hex SHA-256 of the plaintext image.
            Assert.Equal(
                Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(SyntheticBank.Specimens[SpecimenRole.FinanceSeal])),
                await db.SpecimenMaterials.Where(m => m.SpecimenId == clean.Id).Select(m => m.ImageSha256).SingleAsync());
            await db.Specimens.Where(s => s.Id == edited.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, Domain.Specimens.SpecimenStatus.Active));
            await db.SpecimenMaterials.Where(m => m.SpecimenId == edited.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.ImageSha256, (string?)null));
            byte[] image = await db.SpecimenMaterials.Where(m => m.SpecimenId == tampered.Id).Select(m => m.EncryptedImage).SingleAsync();
            image[^1] ^= 0x01;
            await db.SpecimenMaterials.Where(m => m.SpecimenId == tampered.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.EncryptedImage, image));
            await db.SpecimenMaterials.Where(m => m.SpecimenId == rehashed.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.ImageSha256, new string('0', 64)));
            Domain.Accounts.Account account = await db.Accounts.SingleAsync(x => x.Id == b.Id);
            db.Specimens.Add(Domain.Specimens.Specimen.Submit(bare, account, Domain.Specimens.SpecimenRole.OtherSeal, null, new DateOnly(2026, 1, 1),
                new Domain.Security.Actor("clerk-" + branch, [Domain.Security.Role.SpecimenClerk], branch), Host.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        var period = new ReportPeriod { From = Timestamp.FromDateTimeOffset(start), To = Timestamp.FromDateTimeOffset(Host.Clock.GetUtcNow().AddMinutes(1)) };

        // Pass rates: B has 5 slips, none passed: flagged at the defaults; A has 4, flagged only with min_slips 3.
        PassRatesResponse rates = await auditor.Reports.PassRatesAsync(new PassRatesRequest { Period = period }, Deadline);
        Assert.Equal(0.5, rates.PassRateThreshold);
        Assert.Equal(5, rates.MinSlips);
        PassRateRow rowA = Assert.Single(rates.Rows, r => r.AccountId == a.Id);
        PassRateRow rowB = Assert.Single(rates.Rows, r => r.AccountId == b.Id);
        Assert.Equal((4, 0, 1, 3, 0.0, false), (rowA.Slips, rowA.Accepted, rowA.Rejected, rowA.Review, rowA.AutomaticPassRate, rowA.RenewSpecimens));
        Assert.Equal((5, 0, 5, 0, 0.0, true), (rowB.Slips, rowB.Accepted, rowB.Rejected, rowB.Review, rowB.AutomaticPassRate, rowB.RenewSpecimens));
        Assert.Equal(branch, rowB.BranchCode);
        Assert.Equal(b.AccountNumber, rowB.AccountNumber);
        string[] ratesCsv = rates.Csv.ToStringUtf8().Split("\r\n");
        Assert.Equal("account_id,account_number,branch_code,slips,accepted,rejected,review,automatic_pass_rate,renew_specimens,quality_samples,quality_alerts,alert", ratesCsv[0]);
        Assert.Contains($"{b.Id},{b.AccountNumber},{branch},5,0,5,0,0,true,0,0,false", ratesCsv);
        Assert.Contains($"{a.Id},{a.AccountNumber},{branch},4,0,1,3,0,false,0,0,false", ratesCsv);
        Assert.True(rates.ChartPng.IsEmpty);
        PassRatesResponse charted = await auditor.Reports.PassRatesAsync(new PassRatesRequest { Period = period, IncludeChart = true }, Deadline);
        Assert.Equal(rates.Rows, charted.Rows);
        using (OpenCvSharp.Mat chart = OpenCvSharp.Cv2.ImDecode(charted.ChartPng.ToByteArray(), OpenCvSharp.ImreadModes.Color))
        {
            Assert.False(chart.Empty());
            Assert.Equal(420, chart.Height);
        }

        PassRatesResponse strict = await auditor.Reports.PassRatesAsync(new PassRatesRequest { Period = period, MinSlips = 3 }, Deadline);
        Assert.True(Assert.Single(strict.Rows, r => r.AccountId == a.Id).RenewSpecimens);
        PassRatesResponse lenient = await auditor.Reports.PassRatesAsync(new PassRatesRequest { Period = period, PassRateThreshold = 0 }, Deadline);
        Assert.False(Assert.Single(lenient.Rows, r => r.AccountId == b.Id).RenewSpecimens);
        await RpcAssert.FailsOnFieldAsync(Grpc.Core.StatusCode.InvalidArgument, "pass_rate_threshold",
            () => auditor.Reports.PassRatesAsync(new PassRatesRequest { PassRateThreshold = 1.5 }, Deadline).ResponseAsync);
        await RpcAssert.FailsOnFieldAsync(Grpc.Core.StatusCode.InvalidArgument, "period.to",
            () => auditor.Reports.PassRatesAsync(new PassRatesRequest { Period = new ReportPeriod { From = period.To, To = period.From } }, Deadline).ResponseAsync);

        // Reviewer consistency.
        ReviewerConsistencyResponse consistency = await auditor.Reports.ReviewerConsistencyAsync(new ReviewerConsistencyRequest { Period = period }, Deadline);
        (int, int, int, int, int) Of(string reviewer)
        {
            ReviewerConsistencyRow r = Assert.Single(consistency.Rows, x => x.ReviewerId == reviewer);
            return (r.ReviewsSubmitted, r.Agreed, r.Escalated, r.Overruled, r.SupervisorDecisions);
        }

        Assert.Equal((2, 1, 1, 1, 0), Of($"rep-1-{branch}"));
        Assert.Equal((2, 1, 1, 0, 0), Of($"rep-2-{branch}"));
        Assert.Equal((2, 0, 2, 0, 0), Of($"rep-3-{branch}"));
        Assert.Equal((0, 0, 0, 0, 1), Of($"supervisor-{branch}"));
        string[] consistencyCsv = consistency.Csv.ToStringUtf8().Split("\r\n");
        Assert.Equal("reviewer_id,reviews_submitted,agreed,escalated,overruled,supervisor_decisions", consistencyCsv[0]);
        Assert.Contains($"rep-1-{branch},2,1,1,1,0", consistencyCsv);

        // Volumes and the queue, for the scenario's branch.
        VolumesResponse volumes = await auditor.Reports.VolumesAsync(new VolumesRequest { Period = period, BranchCode = branch }, Deadline);
        Assert.All(volumes.Rows, r => Assert.Equal(branch, r.BranchCode));
        Assert.Equal((9, 0, 6, 3), (volumes.Rows.Sum(r => r.Slips), volumes.Rows.Sum(r => r.Accepted), volumes.Rows.Sum(r => r.Rejected), volumes.Rows.Sum(r => r.Review)));
        string[] days = [.. new[] { start, Host.Clock.GetUtcNow() }.Select(d => d.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))];
        Assert.All(volumes.Rows, r => Assert.Contains(r.Day, days));
        QueueRow queue = Assert.Single(volumes.Queue);
        Assert.Equal((branch, 1, 1), (queue.BranchCode, queue.OpenCases, queue.Escalated));
        Assert.Equal(c3.OpenedAt, queue.OldestOpenedAt);
        Assert.InRange(queue.OldestAgeSeconds, 0, 3600);
        string[] volumesCsv = volumes.Csv.ToStringUtf8().Split("\r\n");
        Assert.Equal("branch_code,day,slips,accepted,rejected,review", volumesCsv[0]);
        if (volumes.Rows.Count == 1)
        {
            Assert.Equal($"{branch},{volumes.Rows[0].Day},9,0,6,3", volumesCsv[1]);
        }

        Assert.StartsWith("branch_code,open_cases,escalated,oldest_opened_at,oldest_age_seconds\r\n" + branch + ",1,1,", volumes.QueueCsv.ToStringUtf8());

        // Reconciliation: exactly the planted discrepancies among this scenario's specimens.
        ReconciliationResponse reconciliation = await auditor.Reports.ReconciliationAsync(new ReconciliationRequest(), Deadline);
        Assert.True(reconciliation.SpecimensChecked >= 5);
        HashSet<string> mine = [clean.Id, edited.Id, bare, tampered.Id, rehashed.Id];
        List<(string, string)> found = [.. reconciliation.Discrepancies.Where(d => mine.Contains(d.SpecimenId) || d.AccountId == a.Id).Select(d => (d.SpecimenId, d.Code))];
        (string, string)[] expected = [
            (edited.Id, "APPROVAL_MISSING"), (edited.Id, "IMAGE_HASH_MISSING"), (edited.Id, "STATUS_MISMATCH"),
            (bare, "MATERIAL_MISSING"), (tampered.Id, "IMAGE_UNREADABLE"), (rehashed.Id, "IMAGE_HASH_MISMATCH")];
        Assert.Equal(
            expected.OrderBy(x => x.Item1, StringComparer.Ordinal).ThenBy(x => x.Item2, StringComparer.Ordinal),
            found);
        Assert.DoesNotContain(reconciliation.Discrepancies, d => d.SpecimenId == clean.Id);
        string[] reconciliationCsv = reconciliation.Csv.ToStringUtf8().Split("\r\n");
        Assert.Equal("specimen_id,account_id,code,detail", reconciliationCsv[0]);
        Assert.Contains($"{bare},{b.Id},MATERIAL_MISSING,No stored image for the specimen.", reconciliationCsv);
        Assert.Contains(reconciliationCsv, l => l.StartsWith($"{tampered.Id},{b.Id},IMAGE_UNREADABLE,", StringComparison.Ordinal));
    }
}
