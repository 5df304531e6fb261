using BenchmarkDotNet.Attributes;
using SealMatch.Engine.Imaging;
using SealMatch.Engine.Specimens;
using SealMatch.Engine.Verification;
using SealMatch.Protos.V1;
using SealMatch.Server.Benchmarks.Infrastructure;

namespace SealMatch.Server.Benchmarks;

/// <summary>
/// VerifySlip as a teller system calls it: Grpc.Net.Client over a real TCP connection to Kestrel on
/// 127.0.0.1 (HTTP/2 without TLS), the service on PostgreSQL (SEALMATCH_BENCH_POSTGRES or
/// SEALMATCH_TEST_POSTGRES; a fresh database per run). Client and server share this process and its
/// cores. Baseline: the engine alone on the decoded slip with the same four templates.
/// </summary>
[Config(typeof(LatencyConfig))]
public class LoopbackPostgresVerifySlipBenchmarks
{
    private SyntheticAccount? _bank;
    private SealEngine? _engine;
    private ScanImage? _slip;
    private List<SealTemplate> _templates = [];
    private VerifySlipScenario? _scenario;
    private VerificationService.VerificationServiceClient? _teller;

    [GlobalSetup(Target = nameof(EngineAnalyseSlip))]
    public void SetupEngine() => EngineBaseline.Setup(out _bank, out _engine, out _slip, out _templates);

    [GlobalSetup(Target = nameof(VerifySlip))]
    public async Task SetupServiceAsync()
    {
        if (BenchmarkServer.PostgresConnection is null)
        {
            throw new InvalidOperationException(BenchmarkServer.PostgresMissingMessage);
        }

        _bank = SyntheticAccount.Generate();
        _scenario = await VerifySlipScenario.StartAsync(_bank, DatabaseKind.Postgres, Transport.Loopback);
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

    [Benchmark(Description = "VerifySlip over loopback (Kestrel h2c, PostgreSQL)")]
    public async Task<Decision> VerifySlip() => (await _scenario!.VerifyAsync(_teller!)).Decision;
}
