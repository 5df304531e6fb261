using BenchmarkDotNet.Attributes;
using SealMatch.Engine.Imaging;
using SealMatch.Engine.Localisation;
using SealMatch.Engine.Models;
using SealMatch.Engine.Registration;
using SealMatch.Engine.Comparison;
using SealMatch.Engine.Specimens;
using SealMatch.Engine.Verification;
using SealMatch.Synthesis;
using EngineInk = SealMatch.Engine.Imaging.InkColour;

namespace SealMatch.Benchmarks.Pipeline;

/// <summary>
/// The engine's two speed targets on a generated 300-dpi cheque: registration plus comparison of one
/// impression against one specimen, and a whole slip (two seals, four specimens on the account).
/// Decoding the slip is the baseline that the pipeline stages are expressed against. The engine runs
/// its default score model; the learned pair model's share is measured alone and the whole slip is
/// also measured with the classical score model (no pair model).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class VerificationBenchmarks
{
    private readonly SealEngine _engine = new();
    private readonly SealEngine _classical = new(ScoreModel.LoadClassical());
    private OnnxModel? _pairModel;
    private SealPairInput.Pair? _pair;
    private byte[] _slipFile = [];
    private ScanImage? _slip;
    private List<SealTemplate> _specimens = [];
    private SealTemplate? _finance;
    private CanonicalSeal? _impression;

    [GlobalSetup]
    public void Setup()
    {
        // An account with four seals (company, finance, contract, name seal), its specimens made from
        // its scanned specimen card, and a genuine cheque with the finance and name seals.
        AccountSeals account = Enumerable.Range(1, 200)
            .Select(i => SealDesigner.CreateAccount(new SynthRandom((ulong)i).Fork("benchmark-account")))
            .First(a => a.Designs.Count == 4 && a.Designs.All(d => d.Ink == Synthesis.InkColour.Red));
        var rng = new SynthRandom(42);
        GeneratedDocument card = SpecimenCardGenerator.Generate(account, ScanSettings.Random(rng.Fork("card-scan"), 300), rng.Fork("card"));
        using ScanImage cardScan = ScanImage.Load(card.File.Span, card.Truth.Dpi);
        IReadOnlyList<DetectedSeal> candidates = _engine.ExtractSpecimenCandidates(cardScan);
        foreach (SealDesign design in account.Designs)
        {
            ImpressionTruth g = card.Truth.Impressions.First(i => i.Geometry.DesignId == design.Id).Geometry;
            DetectedSeal seal = candidates.MinBy(c => Math.Abs(c.Centre.X - g.CentreX) + Math.Abs(c.Centre.Y - g.CentreY))!;
            SealTemplate template = _engine.CreateTemplate(cardScan, seal, candidates);
            _specimens.Add(template);
            if (design.Kind == SealKind.FinanceSeal)
            {
                _finance = template;
            }
        }

        var spec = new SlipSpec
        {
            Kind = DocumentKind.Cheque,
            Impressions =
            [
                new SlipImpression(ImpressionSource.Genuine(account.Layout(SealKind.FinanceSeal), ImpressionConditions.RandomGenuine(rng.Fork("c0")) with { Cut = null }), SlotRole.SignatureBox),
                new SlipImpression(ImpressionSource.Genuine(account.Layout(SealKind.LegalRepresentativeNameSeal), ImpressionConditions.RandomGenuine(rng.Fork("c1")) with { Cut = null }), SlotRole.SignatureBox),
            ],
            RedPrintProbability = 0,
            PayerName = account.CompanyName,
        };
        GeneratedDocument slip = SlipGenerator.Generate(spec, ScanSettings.Random(rng.Fork("slip-scan"), 300) with { Format = Synthesis.ImageFormat.Jpeg }, rng.Fork("slip"));
        _slipFile = slip.ToArray();
        _slip = ScanImage.Load(_slipFile, 300);

        // The finance seal's impression cut from the slip, as the pipeline cuts it.
        ImpressionTruth truth = slip.Truth.Impressions[0].Geometry;
        DetectedSeal impression = _engine.FindSeals(_slip).MinBy(d => Math.Abs(d.Centre.X - truth.CentreX) + Math.Abs(d.Centre.Y - truth.CentreY))!;
        using var separation = InkSeparation.Analyse(_slip, EngineInk.Red);
        _impression = CanonicalSeal.Cut(separation, _slip, impression.Outline, toReference: false);

        // The registered finance-seal pair, as the engine feeds it to the pair model.
        _pairModel = OnnxModel.Embedded(SealPairInput.ModelName);
        var keeping = new SealEngine(ScoreModel.LoadClassical()) { KeepPairInputs = true };
        _pair = keeping.Compare(_finance!, _slip, impression).PairInput;
        _ = _finance!.Features; // build the specimen's cached features outside the measurement
        foreach (SealTemplate t in _specimens)
        {
            _ = t.Features;
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _impression?.Dispose();
        _slip?.Dispose();
        foreach (SealTemplate t in _specimens)
        {
            t.Dispose();
        }
    }

    [Benchmark(Baseline = true, Description = "decode 300-dpi cheque (JPEG)")]
    public int DecodeSlip()
    {
        using ScanImage scan = ScanImage.Load(_slipFile, 300);
        return scan.Width;
    }

    /// <summary>Ink separation of the whole slip and its overview for the detector (the first stage of a slip).</summary>
    [Benchmark(Description = "ink separation + overview of the slip")]
    public int SeparateInk()
    {
        using var separation = InkSeparation.Analyse(_slip!, EngineInk.Red);
        using InkLayer overview = separation.Overview(SealDetector.WorkingMillimetresPerPixel);
        return overview.Width;
    }

    [Benchmark(Description = "register + compare, 1 impression × 1 specimen")]
    public double RegisterAndCompare()
    {
        SpecimenFeatures features = _finance!.Features;
        SealRegistrar.Result registration = SealRegistrar.Register(features, _impression!);
        using SealComparer.Outcome outcome = SealComparer.Compare(features, _impression!, registration);
        return outcome.Measurements.Correlation;
    }

    /// <summary>
    /// What registration derives from an impression once, whatever the number of specimens it is
    /// compared with (the benchmark above reuses it, as the pipeline does for the 2nd–4th specimen).
    /// </summary>
    [Benchmark(Description = "impression preparation (once per impression)")]
    public int PrepareImpression()
    {
        using ImpressionData data = ImpressionData.Build(_impression!);
        return data.GetHashCode();
    }

    /// <summary>The learned pair model on one registered pair (tensor and ONNX Runtime run, one intra-op thread).</summary>
    [Benchmark(Description = "pair model, 1 registered pair")]
    public double PairModel() => _pairModel is null || _pair is null ? 0 : SealPairInput.Score(_pairModel, _pair);

    [Benchmark(Description = "whole slip: 2 seals, 4 specimens (decoded scan)")]
    public int AnalyseSlip() => _engine.AnalyseSlip(_slip!, _specimens).Impressions.Count;

    [Benchmark(Description = "whole slip, classical score model only (decoded scan)")]
    public int AnalyseSlipClassical() => _classical.AnalyseSlip(_slip!, _specimens).Impressions.Count;

    [Benchmark(Description = "whole slip from the file (decode + analyse)")]
    public int LoadAndAnalyseSlip()
    {
        using ScanImage scan = ScanImage.Load(_slipFile, 300);
        return _engine.AnalyseSlip(scan, _specimens).Impressions.Count;
    }
}
