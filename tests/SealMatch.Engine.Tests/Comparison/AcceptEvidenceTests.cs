using System.Text;
using SealMatch.Engine.Comparison;
using SealMatch.Engine.Verification;

namespace SealMatch.Engine.Tests.Comparison;

/// <summary>An accept needs most of the specimen seen and found (<see cref="ScoreModel.MinimumEvidenceToAccept"/>).</summary>
public class AcceptEvidenceTests
{
    private static readonly ComparisonMeasurements Whole = SampleMeasurements.Typical with { Coverage = 0.99, LossFar = 0.01 };

    private static ScoreModel Model => (ScoreModel.LoadClassical() ?? throw new InvalidOperationException("no classical model")) with
    {
        AcceptThreshold = 0.9,
        RejectThreshold = 0.2,
        MinimumCoverageToAccept = 0.5,
        MinimumEvidenceToAccept = 0.95,
    };

    [Fact]
    public void EvidenceIsTheSmallerOfCoverageAndTheInkNotMissing()
    {
        Assert.Equal(0.99, ScoreModel.AcceptEvidence(Whole), 12);
        Assert.Equal(0.7, ScoreModel.AcceptEvidence(Whole with { LossFar = 0.3 }), 12);
        Assert.Equal(0.6, ScoreModel.AcceptEvidence(Whole with { Coverage = 0.6 }), 12);
    }

    [Fact]
    public void AHighScoreOnPartOfTheSealIsReviewedAndALowOneStillRejected()
    {
        ComparisonMeasurements covered = Whole with { Coverage = 0.8 };
        ComparisonMeasurements halfMissing = Whole with { LossFar = 0.2 };

        Assert.Equal(SealDecision.Accept, Model.Decide(0.97, Whole));
        Assert.Equal(SealDecision.Review, Model.Decide(0.97, covered));
        Assert.Equal(SealDecision.Review, Model.Decide(0.97, halfMissing));
        Assert.Equal(SealDecision.Reject, Model.Decide(0.1, covered));
        Assert.Equal(SealDecision.Review, Model.Decide(0.5, Whole));

        // Without the condition (0, as in models fitted before it existed) coverage alone gates.
        ScoreModel before = Model with { MinimumEvidenceToAccept = 0 };
        Assert.Equal(SealDecision.Accept, before.Decide(0.97, covered));
        Assert.Equal(SealDecision.Review, before.Decide(0.97, Whole with { Coverage = 0.4 }));
    }

    [Fact]
    public void AModelWithoutTheFieldLoadsWithNoEvidenceCondition()
    {
        using var written = new MemoryStream();
        (Model with { MinimumEvidenceToAccept = 0.95 }).Save(written);
        string json = Encoding.UTF8.GetString(written.ToArray());
        Assert.Contains("\"minimum_evidence_to_accept\": 0.95", json, StringComparison.Ordinal);

        string without = string.Join('\n', json.Split('\n').Where(l => !l.Contains("minimum_evidence_to_accept", StringComparison.Ordinal)));
        ScoreModel loaded = ScoreModel.Load(new MemoryStream(Encoding.UTF8.GetBytes(without)));
        Assert.Equal(0, loaded.MinimumEvidenceToAccept);
        Assert.Equal(0.95, ScoreModel.Load(new MemoryStream(written.ToArray())).MinimumEvidenceToAccept);
    }
}
