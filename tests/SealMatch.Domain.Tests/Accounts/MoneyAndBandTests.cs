using SealMatch.Domain.Accounts;

namespace SealMatch.Domain.Tests.Accounts;

public sealed class MoneyAndBandTests
{
    [Theory]
    [InlineData("cny")]
    [InlineData("CN")]
    [InlineData("CNYY")]
    [InlineData("C1Y")]
    [InlineData("")]
    public void Money_rejects_malformed_currency(string currency)
    {
        var e = Given.Violation(ViolationCode.InvalidValue, () => _ = new Money(100, currency));
        Assert.Equal("amount.currency", e.Field);
    }

    [Fact]
    public void Money_rejects_negative_amounts_and_keeps_valid_ones()
    {
        var e = Given.Violation(ViolationCode.InvalidValue, () => _ = new Money(-1, "CNY"));
        Assert.Equal("amount", e.Field);
        var m = new Money(0, "CNY");
        Assert.Equal(0, m.MinorUnits);
        Assert.Equal(new Money(5, "USD"), new Money(5, "USD"));
    }

    [Fact]
    public void Band_is_half_open_and_single_currency()
    {
        var band = new AmountBand("CNY", 10_000, 50_000);

        Assert.False(band.Contains(new Money(9_999, "CNY")));
        Assert.True(band.Contains(new Money(10_000, "CNY")));
        Assert.True(band.Contains(new Money(49_999, "CNY")));
        Assert.False(band.Contains(new Money(50_000, "CNY")));
        Assert.False(band.Contains(new Money(20_000, "USD")));
    }

    [Fact]
    public void Band_without_max_is_unbounded()
    {
        var band = new AmountBand("CNY", 50_000);
        Assert.True(band.Contains(new Money(long.MaxValue, "CNY")));
        Assert.False(band.Contains(new Money(49_999, "CNY")));
    }

    [Theory]
    [InlineData(100, 100L, "x.max_minor_units")]
    [InlineData(100, 50L, "x.max_minor_units")]
    [InlineData(-1, null, "x.min_minor_units")]
    public void Band_validation_names_the_field(long min, long? max, string field)
    {
        var e = Given.Violation(ViolationCode.InvalidValue, () => new AmountBand("CNY", min, max).Validate("x"));
        Assert.Equal(field, e.Field);
    }
}
