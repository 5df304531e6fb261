using BenchmarkDotNet.Attributes;
using SealMatch.Protos.V1;
using SealMatch.Server.Benchmarks.Infrastructure;

namespace SealMatch.Server.Benchmarks;

/// <summary>
/// Throughput over loopback (Kestrel h2c): each invocation verifies <see cref="Slips"/> slips, either
/// one after another from one client (the baseline) or spread over two concurrent clients, each on its
/// own channel and HTTP/2 connection with its own teller identity. Mean is time per slip, Op/s is
/// slips per second; the ratio is how much a second client helps on this machine. The database is a
/// parameter: SQLite always, PostgreSQL when a connection string is configured.
/// </summary>
[Config(typeof(ThroughputConfig))]
public class ThroughputBenchmarks
{
    private const int Slips = 8;
    private VerifySlipScenario? _scenario;
    private VerificationService.VerificationServiceClient? _first;
    private VerificationService.VerificationServiceClient? _second;

    [ParamsSource(nameof(Databases))]
    public DatabaseKind Database { get; set; }

    public static IEnumerable<DatabaseKind> Databases =>
        BenchmarkServer.PostgresConnection is null ? [DatabaseKind.Sqlite] : [DatabaseKind.Sqlite, DatabaseKind.Postgres];

    [GlobalSetup]
    public async Task SetupAsync()
    {
        SyntheticAccount bank = SyntheticAccount.Generate();
        _scenario = await VerifySlipScenario.StartAsync(bank, Database, Transport.Loopback);
        _first = await _scenario.TellerAsync("teller-1");
        _second = await _scenario.TellerAsync("teller-2");
        await _scenario.CheckAsync(_first);
        await _scenario.CheckAsync(_second);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_scenario is not null)
        {
            await _scenario.DisposeAsync();
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Slips, Description = "8 slips, 1 client, sequential")]
    public Task OneClient() => RunAsync(_first!, Slips);

    [Benchmark(OperationsPerInvoke = Slips, Description = "8 slips, 2 concurrent clients (4 each)")]
    public Task TwoClients() => Task.WhenAll(RunAsync(_first!, Slips / 2), RunAsync(_second!, Slips / 2));

    private async Task RunAsync(VerificationService.VerificationServiceClient client, int count)
    {
        for (int i = 0; i < count; i++)
        {
            await _scenario!.VerifyAsync(client);
        }
    }
}
