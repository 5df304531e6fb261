using BenchmarkDotNet.Attributes;
using SealMatch.Engine.Imaging;
using SealMatch.Engine.Specimens;
using SealMatch.Engine.Verification;
using SealMatch.Protos.V1;
using SealMatch.Server.Benchmarks.Infrastructure;

namespace SealMatch.Server.Benchmarks;

/// <summary>
/// VerifySlip through the whole service in this process — gRPC client, HTTP/2 framing over ASP.NET
/// Core's in-memory TestServer (no sockets), API-key authentication, authorisation, EF Core on SQLite in
/// a temp file, decode, engine, policy, encryption of the slip, one insert — against the engine alone
/// on the already decoded slip with the same four templates (the baseline), so that the service's
/// overhead shows as the ratio.
/// </summary>
[Config(typeof(LatencyConfig))]
public class InProcessVerifySlipBenchmarks
{
    private SyntheticAccount? _bank;
    private SealEngine? _engine;
    private ScanImage? _slip;
    private List<SealTemplate> _templates = [];
    private VerifySlipScenario? _scenario;
    private VerificationService.VerificationServiceClient? _teller;

    [GlobalSetup(Target = nameof(EngineAnalyseSlip))]
    public void SetupEngine() => EngineBaseline.Setup(out _bank, out _engine, out _slip, out _templates);

    [GlobalSetup(Target = nameof(EngineDecodeAndAnalyseSlip))]
    public void SetupEngineWithDecode() => SetupEngine();

    [GlobalSetup(Target = nameof(VerifySlip))]
    public async Task SetupServiceAsync()
    {
        _bank = SyntheticAccount.Generate();
        _scenario = await VerifySlipScenario.StartAsync(_bank, DatabaseKind.Sqlite, Transport.InMemory);
        _teller = await _scenario.TellerAsync("teller");
        await _scenario.CheckAsync(_teller);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        EngineBaseline.Cleanup(_slip, _templates);
        if (_scenario is not null)
        {
            await _scenario.DisposeAsync();
        }
    }

    [Benchmark(Baseline = true, Description = "engine: AnalyseSlip (decoded slip, 4 templates)")]
    public int EngineAnalyseSlip() => _engine!.AnalyseSlip(_slip!, _templates).Impressions.Count;

    [Benchmark(Description = "engine: decode JPEG + AnalyseSlip")]
    public int EngineDecodeAndAnalyseSlip()
    {
        using ScanImage scan = ScanImage.Load(_bank!.Slip, SyntheticAccount.Dpi);
        return _engine!.AnalyseSlip(scan, _templates).Impressions.Count;
    }

    [Benchmark(Description = "VerifySlip in-process (TestServer, SQLite)")]
    public async Task<Decision> VerifySlip() => (await _scenario!.VerifyAsync(_teller!)).Decision;
}
