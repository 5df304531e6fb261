using Google.Protobuf.WellKnownTypes;
using SealMatch.Cli.Commands;
using SealMatch.Cli.Remote;
using SealMatch.Protos.V1;

namespace SealMatch.Cli.Tests;

public sealed class ReportTests
{
    [Fact]
    public void Tables_align_columns_right_align_numbers_and_leave_no_trailing_spaces()
    {
        string table = ReportText.Table(["name", "n", "note"], [["alpha", "7", ""], ["b", "123", "x"]], rightAligned: [1]);

        Assert.Equal(
            "name     n  note\n" +
            "-----  ---  ----\n" +
            "alpha    7\n" +
            "b      123  x\n",
            table);
        Assert.Equal("(none)\n", ReportText.Table(["a"], [], rightAligned: []));
    }

    [Theory]
    [InlineData(0L, "0s")]
    [InlineData(59L, "59s")]
    [InlineData(725L, "12m 05s")]
    [InlineData(11_220L, "3h 07m")]
    [InlineData(187_200L, "2d 04h")]
    [InlineData(-5L, "0s")]
    public void Ages_use_the_largest_sensible_units(long seconds, string expected) => Assert.Equal(expected, ReportText.Age(seconds));

    [Fact]
    public void The_period_takes_either_bound_and_refuses_an_empty_one()
    {
        ReportPeriod period = ReportText.Period("2026-11-01", "2026-12-01T00:00+08:00");
        Assert.Equal(new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc), period.From.ToDateTime());
        Assert.Equal(new DateTime(2026, 11, 30, 16, 0, 0, DateTimeKind.Utc), period.To.ToDateTime());
        Assert.Equal(new ReportPeriod(), ReportText.Period(null, " "));
        Assert.Null(ReportText.Period("2026-11-01", null).To);
        Assert.Equal("--to", Assert.Throws<CliInputException>(() => ReportText.Period("2026-12-01", "2026-12-01")).Field);
        Assert.Equal("--from", Assert.Throws<CliInputException>(() => ReportText.Period("1.11.2026", null)).Field);
    }

    [Fact]
    public void Pass_rates_show_the_rate_as_a_percentage_and_flag_renewals()
    {
        var response = new PassRatesResponse
        {
            PassRateThreshold = 0.5,
            MinSlips = 5,
            Rows =
            {
                new PassRateRow { AccountId = "acc-1", AccountNumber = "6222001", BranchCode = "SH01", Slips = 8, Accepted = 2, Rejected = 1, Review = 5, AutomaticPassRate = 0.25, RenewSpecimens = true },
                new PassRateRow { AccountId = "acc-2", AccountNumber = "6222002", BranchCode = "SH01", Slips = 3, Accepted = 3, AutomaticPassRate = 1 },
            },
        };

        string[] lines = ReportText.PassRates(response).Split('\n');

        Assert.StartsWith("account  number   branch  slips  accepted  rejected  review  pass rate  renew", lines[0], StringComparison.Ordinal);
        Assert.Equal("acc-1    6222001  SH01        8         2         1       5     25.0 %  RENEW", lines[2]);
        Assert.Equal("acc-2    6222002  SH01        3         3         0       0    100.0 %", lines[3]);
        Assert.Equal("2 accounts; 1 below 50.0 % over at least 5 slips (renew specimens)", lines[4]);
    }

    [Fact]
    public void Reconciliation_says_all_tally_or_lists_the_discrepancies()
    {
        Assert.Equal("all tally: 12 specimens checked, no discrepancy\n", ReportText.Reconciliation(new ReconciliationResponse { SpecimensChecked = 12 }));

        var broken = new ReconciliationResponse
        {
            SpecimensChecked = 12,
            Discrepancies =
            {
                new Discrepancy { SpecimenId = "spc-1", AccountId = "acc-1", Code = "IMAGE_EMPTY", Detail = "0 bytes" },
                new Discrepancy { SpecimenId = "spc-1", AccountId = "acc-1", Code = "STATUS_MISMATCH", Detail = "ACTIVE vs FROZEN" },
            },
        };
        string text = ReportText.Reconciliation(broken);
        Assert.Contains("spc-1     acc-1    STATUS_MISMATCH  ACTIVE vs FROZEN\n", text, StringComparison.Ordinal);
        Assert.EndsWith("DISCREPANCIES: 2 in 1 of 12 specimens checked\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Volumes_show_the_queue_with_its_age_or_say_it_is_empty()
    {
        var at = Timestamp.FromDateTime(new DateTime(2026, 11, 25, 9, 30, 0, DateTimeKind.Utc));
        var response = new VolumesResponse
        {
            AsOf = at,
            Rows = { new VolumeRow { BranchCode = "SH01", Day = "2026-11-24", Slips = 10, Accepted = 1, Rejected = 2, Review = 7 } },
            Queue = { new QueueRow { BranchCode = "SH01", OpenCases = 4, Escalated = 1, OldestOpenedAt = at, OldestAgeSeconds = 725 } },
        };

        string text = ReportText.Volumes(response);
        Assert.Contains("1 branch-days, 10 slips\n", text, StringComparison.Ordinal);
        Assert.Contains("review queue as of 2026-11-25 09:30:00Z:\n", text, StringComparison.Ordinal);
        Assert.Contains("SH01             4          1  2026-11-25 09:30:00Z     12m 05s\n", text, StringComparison.Ordinal);
        Assert.Contains("no undecided case", ReportText.Volumes(new VolumesResponse()), StringComparison.Ordinal);
    }
}
