using SealMatch.Cli.Remote;
using SealMatch.Protos.V1;

namespace SealMatch.Cli.Tests;

public sealed class SigningRuleSyntaxTests
{
    [Fact]
    public void Parses_name_and_roles_without_band_or_threshold()
    {
        SigningRule rule = SigningRuleSyntax.Parse("company:COMPANY+LEGAL_REP");

        Assert.Equal("company", rule.Name);
        Assert.Equal([SpecimenRole.CompanySeal, SpecimenRole.LegalRepresentativeSeal], rule.RequiredRoles);
        Assert.Null(rule.AmountBand);
        Assert.False(rule.HasAcceptThreshold);
    }

    [Fact]
    public void Parses_band_in_major_units_and_threshold()
    {
        SigningRule rule = SigningRuleSyntax.Parse("everyday:FINANCE+LEGAL_REP@CNY:0..100000.50>0.99");

        Assert.Equal("CNY", rule.AmountBand.Currency);
        Assert.Equal(0, rule.AmountBand.MinMinorUnits);
        Assert.Equal(10_000_050, rule.AmountBand.MaxMinorUnits);
        Assert.Equal(0.99, rule.AcceptThreshold);
    }

    [Fact]
    public void Open_upper_bound_and_empty_lower_bound()
    {
        SigningRule large = SigningRuleSyntax.Parse("large:FINANCE+LEGAL_REP@cny:100000..>0.995");
        SigningRule small = SigningRuleSyntax.Parse("small:FINANCE@JPY:..5000");

        Assert.Equal(10_000_000, large.AmountBand.MinMinorUnits);
        Assert.False(large.AmountBand.HasMaxMinorUnits);
        Assert.Equal(0.995, large.AcceptThreshold);
        Assert.Equal(0, small.AmountBand.MinMinorUnits);
        Assert.Equal(5000, small.AmountBand.MaxMinorUnits); // JPY has no minor unit
    }

    [Theory]
    [InlineData("finance_seal")]
    [InlineData("FINANCE-SEAL")]
    [InlineData("finance")]
    [InlineData("SPECIMEN_ROLE_FINANCE_SEAL")]
    public void Accepts_short_full_and_wire_role_names(string role) =>
        Assert.Equal(SpecimenRole.FinanceSeal, SigningRuleSyntax.Parse($"r:{role}").RequiredRoles.Single());

    [Theory]
    [InlineData("company:COMPANY_SEAL+LEGAL_REPRESENTATIVE_SEAL")]
    [InlineData("everyday:FINANCE_SEAL+LEGAL_REPRESENTATIVE_SEAL@CNY:0..100000")]
    [InlineData("large:FINANCE_SEAL+LEGAL_REPRESENTATIVE_SEAL@CNY:100000.01..>0.995")]
    [InlineData("sig:SIGNATORY+OTHER_SEAL@USD:10..20.5>0.9")]
    public void Format_is_the_canonical_form_and_reads_back(string text)
    {
        SigningRule rule = SigningRuleSyntax.Parse(text);

        Assert.Equal(text, SigningRuleSyntax.Format(rule));
        Assert.Equal(rule, SigningRuleSyntax.Parse(SigningRuleSyntax.Format(rule)));
    }

    [Theory]
    [InlineData("FINANCE+LEGAL_REP", "no rule name")]
    [InlineData(":FINANCE", "no rule name")]
    [InlineData("r:", "at least one role")]
    [InlineData("r:FINANCE++LEGAL_REP", "empty role")]
    [InlineData("r:FINANCE+STAMP", "'STAMP' is not a role")]
    [InlineData("r:FINANCE+FINANCE_SEAL", "listed twice")]
    [InlineData("r:FINANCE@0..100", "@CUR:MIN..MAX")]
    [InlineData("r:FINANCE@CNY:100-200", "@CUR:MIN..MAX")]
    [InlineData("r:FINANCE@CNY:200..100", "above its lower limit")]
    [InlineData("r:FINANCE@CNY:0..1.005", "more than 2 decimal")]
    [InlineData("r:FINANCE@YUAN:0..100", "not a currency code")]
    [InlineData("r:FINANCE>1", "strictly between 0 and 1")]
    [InlineData("r:FINANCE>0", "strictly between 0 and 1")]
    [InlineData("r:FINANCE>high", "not a number")]
    public void Refuses_bad_rules_naming_the_option(string text, string expected)
    {
        CliInputException e = Assert.Throws<CliInputException>(() => SigningRuleSyntax.Parse(text));

        Assert.Equal("--rule", e.Field);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_two_rules_with_one_name()
    {
        CliInputException e = Assert.Throws<CliInputException>(() => SigningRuleSyntax.ParseAll(["a:FINANCE", "A:COMPANY"]));

        Assert.Equal("--rule #2", e.Field);
    }

    [Fact]
    public void Reads_a_rules_file_as_array_or_object()
    {
        const string rules = """
            [
              {"name": "everyday", "roles": ["FINANCE", "LEGAL_REP"], "currency": "CNY", "min": 0, "max": 100000},
              // comments and trailing commas are fine
              {"name": "large", "roles": ["FINANCE_SEAL", "LEGAL_REPRESENTATIVE_SEAL"], "currency": "CNY", "min": "100000", "accept_threshold": 0.995},
              {"name": "company", "roles": ["COMPANY", "LEGAL_REP"]},
            ]
            """;

        IReadOnlyList<SigningRule> fromArray = SigningRuleSyntax.ParseJson(rules);
        IReadOnlyList<SigningRule> fromObject = SigningRuleSyntax.ParseJson($$"""{"rules": {{rules}}}""");

        Assert.Equal(
            ["everyday:FINANCE_SEAL+LEGAL_REPRESENTATIVE_SEAL@CNY:0..100000", "large:FINANCE_SEAL+LEGAL_REPRESENTATIVE_SEAL@CNY:100000..>0.995", "company:COMPANY_SEAL+LEGAL_REPRESENTATIVE_SEAL"],
            fromArray.Select(SigningRuleSyntax.Format));
        Assert.Equal(fromArray, fromObject);
    }

    [Theory]
    [InlineData("""[{"name": "a", "roles": ["FINANCE"]}, {"name": "b", "roles": ["NOPE"]}]""", "rules[1].roles[0]")]
    [InlineData("""[{"name": "a", "roles": ["FINANCE"], "threshold": 0.9}]""", "rules[0].threshold")]
    [InlineData("""[{"name": "a", "roles": ["FINANCE"], "min": 10}]""", "rules[0].currency")]
    [InlineData("""[{"name": "a", "roles": ["FINANCE"], "currency": "CNY", "min": 10, "max": 5}]""", "rules[0].max")]
    [InlineData("""[{"name": "a"}]""", "rules[0].roles")]
    [InlineData("""[{"roles": ["FINANCE"]}]""", "rules[0].name")]
    [InlineData("""[{"name": "a", "roles": ["FINANCE"]}, {"name": "a", "roles": ["COMPANY"]}]""", "rules[1].name")]
    [InlineData("""{"name": "a"}""", "rules")]
    [InlineData("""[{"name": """, "--rules-file")]
    public void A_bad_rules_file_names_the_field_at_fault(string json, string field) =>
        Assert.Equal(field, Assert.Throws<CliInputException>(() => SigningRuleSyntax.ParseJson(json)).Field);
}
