using Microsoft.Extensions.Configuration;
using SealMatch.Domain.Accounts;
using SealMatch.Domain.Verification;
using SealMatch.Engine.Comparison;
using SealMatch.Server.Verification;

namespace SealMatch.Server.Tests;

public sealed class ThresholdConfigurationTests
{
    [Fact]
    public void Calibrated_thresholds_are_the_default_and_configured_overrides_tighten_them_per_tier_and_band()
    {
        ScoreModel model = ScoreModel.LoadDefault() ?? throw new InvalidOperationException("The engine ships no score model.");
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Verification:Overrides:0:Tier"] = "High",
            ["Verification:Overrides:0:AcceptThreshold"] = "0.995",
            ["Verification:Overrides:1:Currency"] = "CNY",
            ["Verification:Overrides:1:MinMinorUnits"] = "100000000",
            ["Verification:Overrides:1:RejectThreshold"] = "0.2",
        }).Build();
        var options = new VerificationThresholdOptions();
        configuration.GetSection("Verification").Bind(options);
        ThresholdPolicy policy = options.ToPolicy(model);

        DecisionThresholds plain = policy.Resolve(RiskTier.Standard, new Money(100, "CNY"));
        Assert.Equal(model.AcceptThreshold, plain.Accept);
        Assert.Equal(model.RejectThreshold, plain.Reject);
        Assert.Equal(0.995, policy.Resolve(RiskTier.High, new Money(100, "CNY")).Accept);
        DecisionThresholds large = policy.Resolve(RiskTier.Standard, new Money(200_000_000, "CNY"));
        Assert.Equal(0.2, large.Reject);
        Assert.Equal(model.AcceptThreshold, large.Accept);
    }
}
