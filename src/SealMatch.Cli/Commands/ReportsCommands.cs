using System.CommandLine;
using System.Globalization;
using System.Text;
using Google.Protobuf;
using SealMatch.Cli.Remote;
using SealMatch.Protos.V1;

namespace SealMatch.Cli.Commands;

/// <summary><c>reports pass-rates|reviewers|volumes|reconciliation</c>: ReportService (AUDITOR).</summary>
internal static class ReportsCommands
{
    /// <summary>Exit code of <c>reports reconciliation</c> when discrepancies are listed.</summary>
    public const int DiscrepanciesFound = 3;

    public static Command Build()
    {
        var reports = new Command("reports", "Oversight reports: pass rates per account, reviewer consistency, volumes and the review queue, specimen reconciliation (needs an AUDITOR key).");

        var passPeriod = new PeriodOptions("slips verified");
        var threshold = new Option<double?>("--threshold") { Description = "Flag an account for renewal of its specimens when its automatic pass rate is below this (0–1; the server's default 0.5)." };
        var minSlips = new Option<int?>("--min-slips") { Description = "…over at least this many slips (at least 1; the server's default 5)." };
        var passCsv = CsvOption("account_id,account_number,branch_code,slips,accepted,rejected,review,automatic_pass_rate,renew_specimens,quality_samples,quality_alerts,alert");
        var chart = new Option<FileInfo?>("--chart") { Description = "Also write a PNG bar chart of the automatic pass rates (lowest first, at most 40 accounts) to this file." };
        var passCommand = new Command("pass-rates", "Per account: slips verified in the period, the engine's automatic decisions and pass rate; flags accounts whose specimens should be renewed.") { threshold, minSlips, passCsv, chart };
        passPeriod.AddTo(passCommand);
        reports.Subcommands.Add(passCommand.WithAction(async (parse, remote, cancel) =>
        {
            var request = new PassRatesRequest { Period = passPeriod.Read(parse) };
            if (parse.GetValue(threshold) is double t)
            {
                request.PassRateThreshold = t is >= 0 and <= 1 ? t : throw new CliInputException("--threshold", $"{t.ToString(CultureInfo.InvariantCulture)} is out of range; give 0–1.");
            }

            if (parse.GetValue(minSlips) is int m)
            {
                request.MinSlips = m >= 1 ? m : throw new CliInputException("--min-slips", $"{m} is out of range; give at least 1.");
            }

            FileInfo? chartFile = parse.GetValue(chart);
            request.IncludeChart = chartFile is not null;
            PassRatesResponse response = await remote.Reports.PassRatesAsync(request, cancellationToken: cancel);
            var written = new List<string>();
            await WriteIfAsked(parse.GetValue(passCsv), response.Csv, written, cancel);
            await WriteIfAsked(chartFile, response.ChartPng, written, cancel);
            if (remote.Json)
            {
                // The CSV and the chart go to files; the JSON keeps the rows without the bytes.
                PassRatesResponse summary = response.Clone();
                summary.Csv = ByteString.Empty;
                summary.ChartPng = ByteString.Empty;
                ProtoJson.Write(summary);
            }
            else
            {
                Console.Write(ReportText.PassRates(response));
                Written(written);
            }

            return 0;
        }));

        var reviewerPeriod = new PeriodOptions("reviews submitted");
        var reviewerCsv = CsvOption("reviewer_id,reviews_submitted,agreed,escalated,overruled,supervisor_decisions");
        var reviewerCommand = new Command("reviewers", "Per reviewer: reviews submitted in the period, agreement, escalations, supervisor overrules.") { reviewerCsv };
        reviewerPeriod.AddTo(reviewerCommand);
        reports.Subcommands.Add(reviewerCommand.WithAction(async (parse, remote, cancel) =>
        {
            var request = new ReviewerConsistencyRequest { Period = reviewerPeriod.Read(parse) };
            ReviewerConsistencyResponse response = await remote.Reports.ReviewerConsistencyAsync(request, cancellationToken: cancel);
            var written = new List<string>();
            await WriteIfAsked(parse.GetValue(reviewerCsv), response.Csv, written, cancel);
            if (remote.Json)
            {
                ReviewerConsistencyResponse summary = response.Clone();
                summary.Csv = ByteString.Empty;
                ProtoJson.Write(summary);
            }
            else
            {
                Console.Write(ReportText.Reviewers(response));
                Written(written);
            }

            return 0;
        }));

        var volumePeriod = new PeriodOptions("slips verified");
        var branch = new Option<string?>("--branch") { Description = "Only this branch (the account's branch); all when left out." };
        var volumeCsv = CsvOption("branch_code,day,slips,accepted,rejected,review");
        var queueCsv = new Option<FileInfo?>("--queue-csv") { Description = "Write the review queue as CSV (branch_code,open_cases,escalated,oldest_opened_at,oldest_age_seconds) to this file; replaced if it exists." };
        var volumeCommand = new Command("volumes", "Per branch and UTC day: slips and automatic decisions in the period; and the review queue as it stands now.") { branch, volumeCsv, queueCsv };
        volumePeriod.AddTo(volumeCommand);
        reports.Subcommands.Add(volumeCommand.WithAction(async (parse, remote, cancel) =>
        {
            var request = new VolumesRequest { Period = volumePeriod.Read(parse), BranchCode = parse.GetValue(branch)?.Trim() ?? string.Empty };
            VolumesResponse response = await remote.Reports.VolumesAsync(request, cancellationToken: cancel);
            var written = new List<string>();
            await WriteIfAsked(parse.GetValue(volumeCsv), response.Csv, written, cancel);
            await WriteIfAsked(parse.GetValue(queueCsv), response.QueueCsv, written, cancel);
            if (remote.Json)
            {
                VolumesResponse summary = response.Clone();
                summary.Csv = ByteString.Empty;
                summary.QueueCsv = ByteString.Empty;
                ProtoJson.Write(summary);
            }
            else
            {
                Console.Write(ReportText.Volumes(response));
                Written(written);
            }

            return 0;
        }));

        var reconciliationCsv = CsvOption("specimen_id,account_id,code,detail");
        reports.Subcommands.Add(new Command("reconciliation", $"Specimens whose stored material or history does not tally (exit code {DiscrepanciesFound} when any are listed).") { reconciliationCsv }
            .WithAction(async (parse, remote, cancel) =>
            {
                ReconciliationResponse response = await remote.Reports.ReconciliationAsync(new ReconciliationRequest(), cancellationToken: cancel);
                var written = new List<string>();
                await WriteIfAsked(parse.GetValue(reconciliationCsv), response.Csv, written, cancel);
                if (remote.Json)
                {
                    ReconciliationResponse summary = response.Clone();
                    summary.Csv = ByteString.Empty;
                    ProtoJson.Write(summary);
                }
                else
                {
                    Console.Write(ReportText.Reconciliation(response));
                    Written(written);
                }

                return response.Discrepancies.Count == 0 ? 0 : DiscrepanciesFound;
            }));
        return reports;
    }

    private static Option<FileInfo?> CsvOption(string columns) =>
        new("--csv") { Description = $"Also write the rows as CSV ({columns}; RFC 4180, UTF-8, header row first) to this file; replaced if it exists." };

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="file"/> (via a temporary file) when the option was given.</summary>
    private static async Task WriteIfAsked(FileInfo? file, ByteString bytes, List<string> written, CancellationToken cancel)
    {
        if (file is null)
        {
            return;
        }

        string temp = file.FullName + ".part";
        try
        {
            await File.WriteAllBytesAsync(temp, bytes.ToByteArray(), cancel);
            File.Move(temp, file.FullName, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }

        written.Add($"wrote {file.FullName} ({bytes.Length} bytes)");
    }

    private static void Written(List<string> written)
    {
        foreach (string line in written)
        {
            Console.WriteLine(line);
        }
    }

    /// <summary>The <c>--from</c>/<c>--to</c> options of a report.</summary>
    private sealed class PeriodOptions(string what)
    {
        private readonly Option<string?> from = new("--from") { Description = $"Only {what} from this instant, inclusive: YYYY-MM-DD (midnight UTC) or YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM]." };
        private readonly Option<string?> to = new("--to") { Description = $"Only {what} before this instant, exclusive (same forms as --from)." };

        public void AddTo(Command command)
        {
            command.Options.Add(from);
            command.Options.Add(to);
        }

        public ReportPeriod Read(ParseResult parse) => ReportText.Period(parse.GetValue(from), parse.GetValue(to));
    }
}

/// <summary>The reports as readable tables (what <c>reports</c> prints without <c>--json</c>), and the period they cover.</summary>
internal static class ReportText
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary><c>--from</c>/<c>--to</c> → <see cref="ReportPeriod"/>; either may be left out; every refusal names the option.</summary>
    public static ReportPeriod Period(string? from, string? to)
    {
        var period = new ReportPeriod();
        if (!string.IsNullOrWhiteSpace(from))
        {
            period.From = CliInput.ParseInstant("--from", from);
        }

        if (!string.IsNullOrWhiteSpace(to))
        {
            period.To = CliInput.ParseInstant("--to", to);
        }

        return period.From is not null && period.To is not null && period.To <= period.From
            ? throw new CliInputException("--to", "must be after --from (--to is exclusive).")
            : period;
    }

    public static string PassRates(PassRatesResponse r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var b = new StringBuilder();
        b.Append(Table(
            ["account", "number", "branch", "slips", "accepted", "rejected", "review", "pass rate", "renew"],
            [.. r.Rows.Select(x => new[]
            {
                x.AccountId, x.AccountNumber, x.BranchCode, N(x.Slips), N(x.Accepted), N(x.Rejected), N(x.Review),
                Percent(x.AutomaticPassRate), x.RenewSpecimens ? "RENEW" : string.Empty,
            })],
            rightAligned: [3, 4, 5, 6, 7]));
        int flagged = r.Rows.Count(x => x.RenewSpecimens);
        b.Append(Inv, $"{r.Rows.Count} accounts; {flagged} below {Percent(r.PassRateThreshold)} over at least {N(r.MinSlips)} slips (renew specimens)\n");
        int alerted = r.Rows.Count(x => x.Alert);
        if (alerted > 0)
        {
            b.Append(Inv, $"{N(r.Rows.Sum(x => x.QualityAlerts))} quality alerts (samples judged forged) on {N(alerted)} accounts: {string.Join(", ", r.Rows.Where(x => x.Alert).Select(x => x.AccountId))}\n");
        }

        return b.ToString();
    }

    public static string Reviewers(ReviewerConsistencyResponse r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var b = new StringBuilder();
        b.Append(Table(
            ["reviewer", "reviews", "agreed", "escalated", "overruled", "supervisor decisions"],
            [.. r.Rows.Select(x => new[] { x.ReviewerId, N(x.ReviewsSubmitted), N(x.Agreed), N(x.Escalated), N(x.Overruled), N(x.SupervisorDecisions) })],
            rightAligned: [1, 2, 3, 4, 5]));
        b.Append(Inv, $"{r.Rows.Count} reviewers\n");
        return b.ToString();
    }

    public static string Volumes(VolumesResponse r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var b = new StringBuilder();
        b.Append(Table(
            ["branch", "day", "slips", "accepted", "rejected", "review"],
            [.. r.Rows.Select(x => new[] { x.BranchCode, x.Day, N(x.Slips), N(x.Accepted), N(x.Rejected), N(x.Review) })],
            rightAligned: [2, 3, 4, 5]));
        b.Append(Inv, $"{r.Rows.Count} branch-days, {N(r.Rows.Sum(x => x.Slips))} slips\n");
        b.Append(Inv, $"\nreview queue as of {ProtoText.Time(r.AsOf)}:\n");
        if (r.Queue.Count == 0)
        {
            b.Append("  no undecided case\n");
        }
        else
        {
            b.Append(Table(
                ["branch", "open cases", "escalated", "oldest opened", "oldest age"],
                [.. r.Queue.Select(x => new[] { x.BranchCode, N(x.OpenCases), N(x.Escalated), ProtoText.Time(x.OldestOpenedAt), Age(x.OldestAgeSeconds) })],
                rightAligned: [1, 2, 4]));
        }

        return b.ToString();
    }

    public static string Reconciliation(ReconciliationResponse r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var b = new StringBuilder();
        if (r.Discrepancies.Count == 0)
        {
            b.Append(Inv, $"all tally: {N(r.SpecimensChecked)} specimens checked, no discrepancy\n");
            return b.ToString();
        }

        b.Append(Table(
            ["specimen", "account", "code", "detail"],
            [.. r.Discrepancies.Select(x => new[] { x.SpecimenId, x.AccountId, x.Code, x.Detail })],
            rightAligned: []));
        int specimens = r.Discrepancies.Select(x => x.SpecimenId).Distinct(StringComparer.Ordinal).Count();
        b.Append(Inv, $"DISCREPANCIES: {r.Discrepancies.Count} in {specimens} of {N(r.SpecimensChecked)} specimens checked\n");
        return b.ToString();
    }

    /// <summary>
    /// A plain-text table: a header row, a rule, one line per row; columns as wide as their widest cell,
    /// two spaces apart, the given columns right-aligned, no trailing spaces. No rows → <c>(none)</c>.
    /// </summary>
    public static string Table(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, IReadOnlyCollection<int> rightAligned)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(rightAligned);
        if (rows.Count == 0)
        {
            return "(none)\n";
        }

        int[] widths = [.. headers.Select((h, i) => rows.Select(row => Cell(row, i).Length).Append(h.Length).Max())];
        var b = new StringBuilder();
        Row(b, headers, widths, rightAligned);
        b.Append(string.Join("  ", widths.Select(w => new string('-', w)))).Append('\n');
        foreach (IReadOnlyList<string> row in rows)
        {
            Row(b, row, widths, rightAligned);
        }

        return b.ToString();
    }

    /// <summary>A share as a percentage with one decimal: 0.4567 → <c>45.7 %</c>.</summary>
    public static string Percent(double share) => (share * 100).ToString("F1", Inv) + " %";

    /// <summary>Seconds as the largest sensible units: <c>45s</c>, <c>12m 05s</c>, <c>3h 07m</c>, <c>2d 04h</c>.</summary>
    public static string Age(long seconds)
    {
        if (seconds < 0)
        {
            seconds = 0;
        }

        var t = TimeSpan.FromSeconds(seconds);
        return seconds switch
        {
            < 60 => string.Create(Inv, $"{seconds}s"),
            < 3600 => string.Create(Inv, $"{t.Minutes}m {t.Seconds:D2}s"),
            < 86_400 => string.Create(Inv, $"{t.Hours}h {t.Minutes:D2}m"),
            _ => string.Create(Inv, $"{(long)t.TotalDays}d {t.Hours:D2}h"),
        };
    }

    private static string N(long value) => value.ToString(Inv);

    private static string Cell(IReadOnlyList<string> row, int i) => i < row.Count ? row[i] ?? string.Empty : string.Empty;

    private static void Row(StringBuilder b, IReadOnlyList<string> row, int[] widths, IReadOnlyCollection<int> rightAligned)
    {
        var cells = new string[widths.Length];
        for (int i = 0; i < widths.Length; i++)
        {
            string cell = Cell(row, i);
            cells[i] = rightAligned.Contains(i) ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]);
        }

        b.Append(string.Join("  ", cells).TrimEnd()).Append('\n');
    }
}
