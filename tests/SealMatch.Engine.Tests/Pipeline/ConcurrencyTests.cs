using SealMatch.Engine.Imaging;
using SealMatch.Engine.Specimens;
using SealMatch.Engine.Verification;
using SealMatch.Synthesis;

namespace SealMatch.Engine.Tests.Pipeline;

/// <summary>One engine and one set of specimens serve many requests at once in the service.</summary>
public class ConcurrencyTests
{
    [Fact]
    public void ParallelSlipAnalysesShareSpecimensAndAgreeWithSequentialOnes()
    {
        AccountSeals account = SyntheticSeals.Account(61);
        var specimens = account.Designs.Select((d, i) => SyntheticSeals.Specimen(account.Layout(d), 70 + i)).ToList();
        try
        {
            var slips = Enumerable.Range(0, 3)
                .Select(i => SlipGenerator.Generate(SlipSpec.Genuine(account, new SynthRandom((ulong)(80 + i))), ScanSettings.Random(new SynthRandom((ulong)(90 + i)), 300), new SynthRandom((ulong)(100 + i))).ToArray())
                .ToList();
            string[] sequential = [.. slips.Select(file => Summary(file, specimens))];

            // Several rounds of all slips at once: races on shared state would corrupt results or memory.
            var parallel = new string[slips.Count * 4];
            Parallel.For(0, parallel.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
            {
                parallel[i] = Summary(slips[i % slips.Count], specimens);
                GC.Collect(0);
            });

            for (int i = 0; i < parallel.Length; i++)
            {
                Assert.Equal(sequential[i % slips.Count], parallel[i]);
            }
        }
        finally
        {
            specimens.ForEach(s => s.Dispose());
        }
    }

    private static string Summary(byte[] file, IReadOnlyList<SealTemplate> specimens)
    {
        using ScanImage scan = ScanImage.Load(file, 300);
        SlipAnalysis analysis = SyntheticSeals.Engine.AnalyseSlip(scan, specimens);
        return string.Join(" | ", analysis.Impressions
            .OrderBy(f => f.Detection.Centre.X)
            .Select(f => $"{f.Detection.Box} {f.BestSpecimen} {f.Best?.Probability:F6} {f.Best?.Pose.RotationDeg:F4}"));
    }
}
