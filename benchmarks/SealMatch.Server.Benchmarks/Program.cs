using BenchmarkDotNet.Running;
using SealMatch.Server.Benchmarks.Infrastructure;

namespace SealMatch.Server.Benchmarks;

/// <summary>Entry point (not top-level statements: the server's own <c>Program</c> is what the host factory starts).</summary>
internal static class BenchmarkProgram
{
    public static void Main(string[] args)
    {
        Type[] benchmarks = [typeof(InProcessVerifySlipBenchmarks), typeof(LoopbackPostgresVerifySlipBenchmarks), typeof(ThroughputBenchmarks), typeof(ReviewBenchmarks)];
        if (BenchmarkServer.PostgresConnection is null)
        {
            // Said up front, not left to a failing setup; the throughput benchmark then runs on SQLite only.
            Console.WriteLine($"// {BenchmarkServer.PostgresMissingMessage}");
            benchmarks = [.. benchmarks.Where(t => t != typeof(LoopbackPostgresVerifySlipBenchmarks))];
        }

        BenchmarkSwitcher.FromTypes(benchmarks).Run(args);
    }
}
