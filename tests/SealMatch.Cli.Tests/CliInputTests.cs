using SealMatch.Cli.Remote;
using SealMatch.Protos.V1;

namespace SealMatch.Cli.Tests;

public sealed class CliInputTests
{
    [Theory]
    [InlineData("12345.67", "CNY", 1_234_567)]
    [InlineData("12345", "CNY", 1_234_500)]
    [InlineData("0.1", "USD", 10)]
    [InlineData("5000", "JPY", 5000)]
    [InlineData("1.234", "KWD", 1234)]
    public void Amounts_become_minor_units(string amount, string currency, long expected) =>
        Assert.Equal(expected, CliInput.ParseMinorUnits("--amount", amount, currency));

    [Theory]
    [InlineData("12345.678")]
    [InlineData("-1")]
    [InlineData("12,345.67")]
    [InlineData("1e5")]
    [InlineData("")]
    public void Bad_amounts_are_refused_naming_the_option(string amount) =>
        Assert.Equal("--amount", Assert.Throws<CliInputException>(() => CliInput.ParseMinorUnits("--amount", amount, "CNY")).Field);

    [Fact]
    public void Money_is_printed_in_major_units() =>
        Assert.Equal(["12,345.67 CNY", "5,000 JPY", "0.05 USD"], [CliInput.FormatMoney(1_234_567, "CNY"), CliInput.FormatMoney(5000, "JPY"), CliInput.FormatMoney(5, "USD")]);

    [Fact]
    public void Dates_are_iso_calendar_dates()
    {
        Date date = CliInput.ParseDate("--date", "2025-02-28");

        Assert.Equal((2025, 2, 28), (date.Year, date.Month, date.Day));
        Assert.Equal("--date", Assert.Throws<CliInputException>(() => CliInput.ParseDate("--date", "2025-02-30")).Field);
        Assert.Throws<CliInputException>(() => CliInput.ParseDate("--date", "28.02.2025"));
    }

    [Fact]
    public void Boxes_are_x_y_width_height()
    {
        Box box = CliInput.ParseBox("--region", "10, 20,300,400");

        Assert.Equal((10, 20, 300, 400), (box.X, box.Y, box.Width, box.Height));
        Assert.Throws<CliInputException>(() => CliInput.ParseBox("--region", "10,20,300"));
        Assert.Throws<CliInputException>(() => CliInput.ParseBox("--region", "10,20,0,400"));
    }

    [Fact]
    public void Enums_are_read_and_shown_without_their_type_prefix()
    {
        Assert.Equal("FINANCE_SEAL", ProtoEnums.Name(SpecimenRole.FinanceSeal));
        Assert.Equal("NO_SEAL_FOUND", ProtoEnums.Name(ReasonCode.NoSealFound));
        Assert.Equal("SPECIMEN_CLERK", ProtoEnums.Name(UserRole.SpecimenClerk));
        Assert.Equal(UserRole.SpecimenApprover, CliInput.ParseEnum<UserRole>("--role", "specimen-approver"));
        Assert.Equal(PendingChangeKind.Revocation, CliInput.ParseEnum<PendingChangeKind>("--change", "revocation"));
        Assert.Contains("TELLER", Assert.Throws<CliInputException>(() => CliInput.ParseEnum<UserRole>("--role", "UNSPECIFIED")).Message, StringComparison.Ordinal);
    }
}
