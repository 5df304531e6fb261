using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using SealMatch.Data;
using SealMatch.Domain.Reviews;
using SealMatch.Domain.Specimens;
using SealMatch.Server.Errors;
using SealMatch.Server.Imaging;
using SealMatch.Server.Security;
using SealMatch.Server.Specimens;
using Proto = SealMatch.Protos.V1;

namespace SealMatch.Server.Reports;

/// <summary>
/// Oversight reports for auditors. Each reads the stored records only (verifications, review cases,
/// specimens) and returns rows and their CSV rendering. The aggregation is done in memory over narrow
/// projections, so both providers compute the same figures. Reconciliation also decrypts each
/// specimen image to check it against the hash stored at submission.
/// </summary>
internal sealed class ReportService(SealMatchDbContext db, ImageProtector protector, TimeProvider clock) : Proto.ReportService.ReportServiceBase
{
    private const double DefaultPassRateThreshold = 0.5;
    private const int DefaultMinSlips = 5;
    private const string Accept = "ACCEPT";
    private const string Reject = "REJECT";

    [Authorize(Roles = UserRoles.Auditor)]
    public override async Task<Proto.PassRatesResponse> PassRates(Proto.PassRatesRequest request, ServerCallContext context)
    {
        double threshold = request.HasPassRateThreshold ? request.PassRateThreshold : DefaultPassRateThreshold;
        if (!(threshold is >= 0 and <= 1))
        {
            throw new RequestInvalidException("pass_rate_threshold", "pass_rate_threshold must be between 0 and 1.");
        }

        int minSlips = request.HasMinSlips ? request.MinSlips : DefaultMinSlips;
        if (minSlips < 1)
        {
            throw new RequestInvalidException("min_slips", "min_slips must be at least 1.");
        }

        List<SlipRow> slips = await SlipsAsync(request.Period, null, context.CancellationToken);
        var response = new Proto.PassRatesResponse { PassRateThreshold = threshold, MinSlips = minSlips };
        foreach (IGrouping<string, SlipRow> account in slips.GroupBy(s => s.AccountId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            SlipRow any = account.First();
            var row = new Proto.PassRateRow
            {
                AccountId = account.Key,
                AccountNumber = any.AccountNumber,
                BranchCode = any.BranchCode,
                Slips = account.Count(),
                Accepted = account.Count(s => s.Automatic == Accept),
                Rejected = account.Count(s => s.Automatic == Reject),
                Review = account.Count(s => s.Automatic == ReviewDecision),
                QualitySamples = account.Sum(s => s.QualitySamples),
                QualityAlerts = account.Sum(s => s.QualityAlerts),
            };
            row.Alert = row.QualityAlerts > 0;
            row.AutomaticPassRate = (double)row.Accepted / row.Slips;
            row.RenewSpecimens = row.Slips >= minSlips && row.AutomaticPassRate < threshold;
            response.Rows.Add(row);
        }

        var csv = new ReportCsv("account_id", "account_number", "branch_code", "slips", "accepted", "rejected", "review", "automatic_pass_rate", "renew_specimens",
            "quality_samples", "quality_alerts", "alert");
        foreach (Proto.PassRateRow r in response.Rows)
        {
            csv.Row(r.AccountId, r.AccountNumber, r.BranchCode, Int(r.Slips), Int(r.Accepted), Int(r.Rejected), Int(r.Review),
                r.AutomaticPassRate.ToString("0.####", CultureInfo.InvariantCulture), r.RenewSpecimens ? "true" : "false",
                Int(r.QualitySamples), Int(r.QualityAlerts), r.Alert ? "true" : "false");
        }

        response.Csv = csv.ToBytes();
        if (request.IncludeChart)
        {
            response.ChartPng = ByteString.CopyFrom(PassRateChart.Render(response.Rows, threshold));
        }

        return response;
    }

    [Authorize(Roles = UserRoles.Auditor)]
    public override async Task<Proto.ReviewerConsistencyResponse> ReviewerConsistency(Proto.ReviewerConsistencyRequest request, ServerCallContext context)
    {
        (DateTimeOffset? from, DateTimeOffset? to) = Period(request.Period);
        IQueryable<Review> inPeriod = db.Reviews.AsNoTracking();
        if (from is { } f)
        {
            inPeriod = inPeriod.Where(r => r.At >= f);
        }

        if (to is { } t)
        {
            inPeriod = inPeriod.Where(r => r.At < t);
        }

        // Every record of every case with a record in the period: agreement and overrules need the whole case.
        IQueryable<string> caseIds = inPeriod.Select(r => r.CaseId).Distinct();
        List<ReviewRecord> records = await db.Reviews.AsNoTracking()
            .Where(r => caseIds.Contains(r.CaseId))
            .Select(r => new ReviewRecord(r.CaseId, r.Kind, r.ReviewerId, r.Verdict, r.At))
            .ToListAsync(context.CancellationToken);
        HashSet<string> escalatedCases = [.. await db.ReviewCases.AsNoTracking()
            .Where(c => caseIds.Contains(c.Id) && c.EscalatedAt != null)
            .Select(c => c.Id)
            .ToListAsync(context.CancellationToken)];

        var rows = new SortedDictionary<string, Proto.ReviewerConsistencyRow>(StringComparer.Ordinal);
        Proto.ReviewerConsistencyRow RowOf(string reviewer) =>
            rows.TryGetValue(reviewer, out Proto.ReviewerConsistencyRow? row) ? row : rows[reviewer] = new() { ReviewerId = reviewer };

        foreach (IGrouping<string, ReviewRecord> @case in records.GroupBy(r => r.CaseId))
        {
            List<ReviewRecord> reviews = [.. @case.Where(r => r.Kind is ReviewKind.First or ReviewKind.Second)];
            ReviewRecord? supervisor = @case.FirstOrDefault(r => r.Kind == ReviewKind.Supervisor);
            bool agreed = reviews.Count == 2 && reviews[0].Verdict == reviews[1].Verdict && reviews[0].Verdict != ReviewVerdict.CannotTell;
            foreach (ReviewRecord review in reviews.Where(r => InPeriod(r.At, from, to)))
            {
                Proto.ReviewerConsistencyRow row = RowOf(review.ReviewerId);
                row.ReviewsSubmitted++;
                row.Agreed += agreed ? 1 : 0;
                row.Escalated += escalatedCases.Contains(@case.Key) ? 1 : 0;
                row.Overruled += supervisor is not null && supervisor.Verdict != review.Verdict ? 1 : 0;
            }

            if (supervisor is not null && InPeriod(supervisor.At, from, to))
            {
                RowOf(supervisor.ReviewerId).SupervisorDecisions++;
            }
        }

        var response = new Proto.ReviewerConsistencyResponse();
        response.Rows.AddRange(rows.Values);
        var csv = new ReportCsv("reviewer_id", "reviews_submitted", "agreed", "escalated", "overruled", "supervisor_decisions");
        foreach (Proto.ReviewerConsistencyRow r in response.Rows)
        {
            csv.Row(r.ReviewerId, Int(r.ReviewsSubmitted), Int(r.Agreed), Int(r.Escalated), Int(r.Overruled), Int(r.SupervisorDecisions));
        }

        response.Csv = csv.ToBytes();
        return response;
    }

    [Authorize(Roles = UserRoles.Auditor)]
    public override async Task<Proto.VolumesResponse> Volumes(Proto.VolumesRequest request, ServerCallContext context)
    {
        string? branch = request.BranchCode.Length > 0 ? request.BranchCode : null;
        List<SlipRow> slips = await SlipsAsync(request.Period, branch, context.CancellationToken);
        DateTimeOffset now = clock.GetUtcNow();
        var response = new Proto.VolumesResponse { AsOf = ProtoMapping.ToTimestamp(now) };
        foreach (var day in slips.GroupBy(s => (s.BranchCode, Day: DateOnly.FromDateTime(s.CreatedAt)))
                     .OrderBy(g => g.Key.BranchCode, StringComparer.Ordinal).ThenBy(g => g.Key.Day))
        {
            response.Rows.Add(new Proto.VolumeRow
            {
                BranchCode = day.Key.BranchCode,
                Day = day.Key.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Slips = day.Count(),
                Accepted = day.Count(s => s.Automatic == Accept),
                Rejected = day.Count(s => s.Automatic == Reject),
                Review = day.Count(s => s.Automatic == ReviewDecision),
            });
        }

        IQueryable<ReviewCase> undecided = db.ReviewCases.AsNoTracking().Where(c => c.State != ReviewCaseState.Decided);
        if (branch is not null)
        {
            undecided = undecided.Where(c => c.BranchCode == branch);
        }

        var open = await undecided.Select(c => new { c.BranchCode, c.OpenedAt, c.State }).ToListAsync(context.CancellationToken);
        foreach (var queue in open.GroupBy(c => c.BranchCode).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            DateTimeOffset oldest = queue.Min(c => c.OpenedAt);
            response.Queue.Add(new Proto.QueueRow
            {
                BranchCode = queue.Key,
                OpenCases = queue.Count(),
                Escalated = queue.Count(c => c.State == ReviewCaseState.Escalated),
                OldestOpenedAt = ProtoMapping.ToTimestamp(oldest),
                OldestAgeSeconds = Math.Max(0, (long)(now - oldest).TotalSeconds),
            });
        }

        var csv = new ReportCsv("branch_code", "day", "slips", "accepted", "rejected", "review");
        foreach (Proto.VolumeRow r in response.Rows)
        {
            csv.Row(r.BranchCode, r.Day, Int(r.Slips), Int(r.Accepted), Int(r.Rejected), Int(r.Review));
        }

        var queueCsv = new ReportCsv("branch_code", "open_cases", "escalated", "oldest_opened_at", "oldest_age_seconds");
        foreach (Proto.QueueRow r in response.Queue)
        {
            queueCsv.Row(r.BranchCode, Int(r.OpenCases), Int(r.Escalated),
                r.OldestOpenedAt.ToDateTimeOffset().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                r.OldestAgeSeconds.ToString(CultureInfo.InvariantCulture));
        }

        response.Csv = csv.ToBytes();
        response.QueueCsv = queueCsv.ToBytes();
        return response;
    }

    [Authorize(Roles = UserRoles.Auditor)]
    public override async Task<Proto.ReconciliationResponse> Reconciliation(Proto.ReconciliationRequest request, ServerCallContext context)
    {
        CancellationToken ct = context.CancellationToken;
        var specimens = await db.Specimens.AsNoTracking().Select(s => new { s.Id, s.AccountId, s.Status }).ToListAsync(ct);
        // One image at a time: the images are decrypted and hashed as they stream in, only the findings are kept.
        var images = new Dictionary<string, ImageCheck>(StringComparer.Ordinal);
        await foreach (var m in db.SpecimenMaterials.AsNoTracking()
                           .Select(m => new { m.SpecimenId, m.EncryptedImage, m.ImageSha256 })
                           .AsAsyncEnumerable().WithCancellation(ct))
        {
            images[m.SpecimenId] = CheckImage(m.SpecimenId, m.EncryptedImage, m.ImageSha256);
        }

        ILookup<string, HistoryRow> history = (await db.SpecimenEvents.AsNoTracking()
            .Select(e => new HistoryRow(e.SpecimenId, e.Sequence, e.Action, e.StatusAfter))
            .ToListAsync(ct)).ToLookup(e => e.SpecimenId, StringComparer.Ordinal);

        var found = new List<Proto.Discrepancy>();
        foreach (var specimen in specimens)
        {
            void Add(string code, string detail) =>
                found.Add(new Proto.Discrepancy { SpecimenId = specimen.Id, AccountId = specimen.AccountId, Code = code, Detail = detail });

            if (!images.TryGetValue(specimen.Id, out ImageCheck? image))
            {
                Add("MATERIAL_MISSING", "No stored image for the specimen.");
            }
            else
            {
                foreach ((string code, string detail) in image.Findings)
                {
                    Add(code, detail);
                }
            }

            List<HistoryRow> events = [.. history[specimen.Id].OrderBy(e => e.Sequence)];
            if (events.Count == 0)
            {
                Add("HISTORY_EMPTY", "The specimen has no history.");
                continue;
            }

            if (!events.Select(e => e.Sequence).SequenceEqual(Enumerable.Range(1, events.Count)))
            {
                Add("HISTORY_SEQUENCE_GAP", $"History sequence is {string.Join(' ', events.Select(e => e.Sequence))}, expected 1..{events.Count}.");
            }

            if (events[0].Action != SpecimenAction.Submitted)
            {
                Add("HISTORY_NOT_SUBMITTED_FIRST", $"The first history entry is {events[0].Action}.");
            }

            if (events[^1].StatusAfter != specimen.Status)
            {
                Add("STATUS_MISMATCH", $"Status is {specimen.Status}; the last history entry leaves it {events[^1].StatusAfter}.");
            }

            if (specimen.Status is SpecimenStatus.Active or SpecimenStatus.Frozen or SpecimenStatus.Revoked
                && !events.Exists(e => e.Action == SpecimenAction.Approved))
            {
                Add("APPROVAL_MISSING", $"Status is {specimen.Status} but the history has no approval.");
            }
        }

        var response = new Proto.ReconciliationResponse { SpecimensChecked = specimens.Count };
        response.Discrepancies.AddRange(found.OrderBy(d => d.SpecimenId, StringComparer.Ordinal).ThenBy(d => d.Code, StringComparer.Ordinal));
        var csv = new ReportCsv("specimen_id", "account_id", "code", "detail");
        foreach (Proto.Discrepancy d in response.Discrepancies)
        {
            csv.Row(d.SpecimenId, d.AccountId, d.Code, d.Detail);
        }

        response.Csv = csv.ToBytes();
        return response;
    }

    private const string ReviewDecision = "REVIEW";

    /// <summary>
    /// What is wrong with one stored image: empty; unreadable (decryption fails: altered ciphertext,
    /// moved from another row, wrong key); without a stored hash (rows from before hashes were kept);
    /// or decrypting to bytes whose SHA-256 differs from the stored one.
    /// </summary>
    private ImageCheck CheckImage(string specimenId, byte[] encrypted, string? storedHash)
    {
        var findings = new List<(string Code, string Detail)>();
        if (encrypted.Length == 0)
        {
            findings.Add(("IMAGE_EMPTY", "The stored image is empty."));
            return new ImageCheck(findings);
        }

        if (storedHash is null)
        {
            findings.Add(("IMAGE_HASH_MISSING", "No image hash is stored for the specimen."));
        }

        byte[] plain;
        try
        {
            plain = protector.Unprotect(encrypted, SpecimenPurposes.Image(specimenId));
        }
        catch (CryptographicException)
        {
            findings.Add(("IMAGE_UNREADABLE", "The stored image does not decrypt (altered, misplaced or under another key)."));
            return new ImageCheck(findings);
        }

        if (storedHash is not null)
        {
            string actual = ImageHash.Sha256Hex(plain);
            if (!string.Equals(actual, storedHash, StringComparison.Ordinal))
            {
                findings.Add(("IMAGE_HASH_MISMATCH", $"The image's SHA-256 is {actual}; the stored hash is {storedHash}."));
            }
        }

        return new ImageCheck(findings);
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static bool InPeriod(DateTimeOffset at, DateTimeOffset? from, DateTimeOffset? to) =>
        (from is not { } f || at >= f) && (to is not { } t || at < t);

    private static (DateTimeOffset? From, DateTimeOffset? To) Period(Proto.ReportPeriod? period)
    {
        DateTimeOffset? from = period?.From?.ToDateTimeOffset();
        DateTimeOffset? to = period?.To?.ToDateTimeOffset();
        if (from is { } f && to is { } t && f >= t)
        {
            throw new RequestInvalidException("period.to", "period.to must be after period.from.");
        }

        return (from, to);
    }

    /// <summary>
    /// Verifications in the period with their account, and the engine's own decision: a verification
    /// that has (or had) a case opened for a REVIEW decision counts as REVIEW even once the review settled it.
    /// Also the quality-sample cases opened on each verification, and those that raised an alert.
    /// </summary>
    private async Task<List<SlipRow>> SlipsAsync(Proto.ReportPeriod? period, string? branch, CancellationToken ct)
    {
        (DateTimeOffset? from, DateTimeOffset? to) = Period(period);
        var query = from v in db.Verifications.AsNoTracking()
                    join a in db.Accounts.AsNoTracking() on v.AccountId equals a.Id
                    select new { v, a };
        if (from is { } f)
        {
            DateTime fromUtc = f.UtcDateTime;
            query = query.Where(x => x.v.CreatedAt >= fromUtc);
        }

        if (to is { } t)
        {
            DateTime toUtc = t.UtcDateTime;
            query = query.Where(x => x.v.CreatedAt < toUtc);
        }

        if (branch is not null)
        {
            query = query.Where(x => x.a.BranchCode == branch);
        }

        var rows = await query.Select(x => new
        {
            x.v.AccountId,
            x.a.Number,
            x.a.BranchCode,
            x.v.CreatedAt,
            x.v.Decision,
            x.v.Status,
            Reviewed = db.ReviewCases.Any(c => c.VerificationId == x.v.Id && c.Reason == ReviewReason.ReviewDecision),
            QualitySamples = db.ReviewCases.Count(c => c.VerificationId == x.v.Id && c.Reason == ReviewReason.QualitySample),
            // ReviewCase.RaisesAlert: a quality sample whose outcome is REJECT (judged FORGED).
            QualityAlerts = db.ReviewCases.Count(c => c.VerificationId == x.v.Id && c.Reason == ReviewReason.QualitySample
                && c.Outcome == SealMatch.Domain.Verification.Decision.Reject),
        }).ToListAsync(ct);
        return [.. rows.Select(r => new SlipRow(r.AccountId, r.Number, r.BranchCode, r.CreatedAt,
            r.Reviewed || r.Status == "AWAITING_REVIEW" ? ReviewDecision : r.Decision, r.QualitySamples, r.QualityAlerts))];
    }

    private sealed record SlipRow(string AccountId, string AccountNumber, string BranchCode, DateTime CreatedAt, string Automatic,
        int QualitySamples, int QualityAlerts);

    private sealed record ReviewRecord(string CaseId, ReviewKind Kind, string ReviewerId, ReviewVerdict Verdict, DateTimeOffset At);

    private sealed record ImageCheck(List<(string Code, string Detail)> Findings);

    private sealed record HistoryRow(string SpecimenId, int Sequence, SpecimenAction Action, SpecimenStatus StatusAfter);
}

/// <summary>A report's CSV: RFC 4180, UTF-8, a header row, CRLF line ends.</summary>
internal sealed class ReportCsv
{
    private readonly StringBuilder _text = new();

    public ReportCsv(params string[] header) => Row(header);

    public void Row(params string[] fields)
    {
        for (int i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                _text.Append(',');
            }

            string value = fields[i];
            if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
            {
                _text.Append(value);
            }
            else
            {
                _text.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
        }

        _text.Append("\r\n");
    }

    public ByteString ToBytes() => ByteString.CopyFromUtf8(_text.ToString());

    public override string ToString() => _text.ToString();
}
