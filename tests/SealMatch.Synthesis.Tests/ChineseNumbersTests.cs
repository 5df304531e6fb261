namespace SealMatch.Synthesis.Tests;

public sealed class ChineseNumbersTests
{
    [Theory]
    [InlineData("12300", "壹万贰仟叁佰元整")]
    [InlineData("10005", "壹万零伍元整")]
    [InlineData("100000", "壹拾万元整")]
    [InlineData("1437830", "壹佰肆拾叁万柒仟捌佰叁拾元整")]
    [InlineData("205.5", "贰佰零伍元伍角整")]
    [InlineData("3000.07", "叁仟元零柒分")]
    [InlineData("100000000", "壹亿元整")]
    public void Amounts_in_words(string amount, string expected) =>
        Assert.Equal(expected, ChineseNumbers.AmountInWords(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Dates_in_words() =>
        Assert.Equal("贰零贰伍年零叁月壹拾肆日", ChineseNumbers.DateInWords(new DateOnly(2025, 3, 14)));
}
