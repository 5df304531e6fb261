using System.Text.Json;
using SealMatch.Engine.Signatures;
using SealMatch.Evaluation.Signatures;

namespace SealMatch.Evaluation.Tests.Signatures;

public sealed class SignatureCalibrationTests
{
    private const string Sha = "abababababababababababababababababababababababababababababababab";

    /// <summary>Trials whose distances are drawn around a genuine and an impostor level (seeded).</summary>
    private static SignatureTrialSet Trials(int genuine, int impostor, int skilled, double genuineMean = 0.25, double impostorMean = 0.6)
    {
        var random = new Random(7);
        var trials = new List<SignatureTrial>();
        double Noise() => (random.NextDouble() - 0.5) * 0.3;
        SignatureDistances D(double mean) => new(mean + Noise() - 0.05, mean + Noise(), 0.3 + Noise() / 5, 5);
        for (int i = 0; i < genuine; i++)
        {
            trials.Add(new SignatureTrial(i % 5, 0, TrialKind.Genuine, $"g{i}", D(genuineMean)));
        }

        for (int i = 0; i < impostor; i++)
        {
            trials.Add(new SignatureTrial(i % 5, 0, TrialKind.Impostor, $"i{i}", D(impostorMean)));
        }

        for (int i = 0; i < skilled; i++)
        {
            trials.Add(new SignatureTrial(i % 5, 0, TrialKind.Skilled, $"s{i}", D((genuineMean + impostorMean) / 2)));
        }

        return new SignatureTrialSet(trials, [3.0, 4.0, 5.0], [], [1, 2, 3, 4, 5], Sha, 0.3);
    }

    private static SignatureTrialOptions Options(string data) => new() { Data = data, FirstWriter = 1, LastWriter = 5, References = 5 };

    [Fact]
    public void Calibration_orders_the_thresholds_and_meets_its_false_accept_target()
    {
        SignatureTrialSet set = Trials(400, 2000, 0);
        SignatureScoreModel model = SignatureCalibration.Fit(set, Options("/data/val"));

        Assert.True(model.RejectThreshold <= model.AcceptThreshold);
        Assert.Equal(Sha, model.EmbeddingModelSha256);
        Assert.Equal(0.3, model.PriorSpread);
        double far = set.Trials.Where(t => t.Kind == TrialKind.Impostor).Count(t => model.Probability(t.Distances) >= model.AcceptThreshold) / 2000.0;
        Assert.True(far <= 0.005, $"FAR at accept {far}");
        Assert.True(model.Weights[0] < 0, "a larger mean distance must lower the probability");
    }

    [Fact]
    public void Calibration_refuses_too_few_trials()
    {
        Assert.Throws<InvalidOperationException>(() => SignatureCalibration.Fit(Trials(5, 100, 0), Options("/x")));
    }

    [Fact]
    public void The_report_has_every_key_and_skilled_figures_only_with_forgeries()
    {
        string folder = Directory.CreateTempSubdirectory("sig-report-").FullName;
        try
        {
            SignatureTrialSet plain = Trials(200, 800, 0);
            SignatureScoreModel model = SignatureCalibration.Fit(plain, Options("/x"));
            SignatureEvaluationReport.Write(plain, model, Options("/x"), folder);
            using (JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "report.json"))))
            {
                JsonElement r = doc.RootElement;
                foreach (string key in (string[])["eer", "far_at_accept", "frr_at_accept", "genuine_auto_accept_rate", "review_rate", "median_ms_per_signature", "model_sha256"])
                {
                    Assert.True(r.TryGetProperty(key, out _), key);
                }

                Assert.False(r.TryGetProperty("eer_skilled", out _));
                Assert.Equal(4.0, r.GetProperty("median_ms_per_signature").GetDouble());
                Assert.InRange(r.GetProperty("eer").GetDouble(), 0, 0.2);
            }

            SignatureTrialSet withForgeries = Trials(200, 800, 100);
            SignatureEvaluationReport.Figures f = SignatureEvaluationReport.Write(withForgeries, model, Options("/x"), folder);
            using JsonDocument doc2 = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "report.json")));
            Assert.True(doc2.RootElement.TryGetProperty("eer_skilled", out JsonElement es));
            Assert.True(doc2.RootElement.TryGetProperty("far_skilled_at_accept", out _));
            Assert.True(es.GetDouble() > f.Eer, "forgeries between the genuine and impostor levels are harder");
            Assert.True(File.Exists(Path.Combine(folder, "roc.png")));
            Assert.Contains("EER", File.ReadAllText(Path.Combine(folder, "report.md")), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_corpus_reads_writers_numbers_forgeries_and_the_paper_selection()
    {
        string root = Directory.CreateTempSubdirectory("sig-corpus-").FullName;
        try
        {
            foreach (string f in (string[])["writer-001/1.png", "writer-001/12.jpg", "writer-001/forged/a.png", "writer-002/3.tif", "writer-002/notes.txt", "other/1.png"])
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, f))!);
                File.WriteAllBytes(Path.Combine(root, f), [0]);
            }

            SignatureCorpus corpus = SignatureCorpus.Open(root);
            Assert.Equal([1, 2], corpus.Writers);
            Assert.Equal(4, corpus.Samples.Count);
            Assert.Single(corpus.Samples, s => s.Forged && s.Writer == 1 && s.Number is null);
            Assert.Equal(3, corpus.Samples.Count(s => SignatureCorpus.InMedia(s, SignatureMedia.Paper)));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
