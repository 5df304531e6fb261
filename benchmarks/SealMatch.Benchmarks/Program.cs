using System.Diagnostics;
using BenchmarkDotNet.Running;
using SealMatch.Benchmarks.Pipeline;

// `-- profile slip|pair [runs]` runs the benchmark's whole cheque or its register + compare pair in a loop,
// without BenchmarkDotNet, for a sampling profiler (perf with DOTNET_PerfMapEnabled=1) or the engine's
// own stage timings (SEALMATCH_PROFILE=1).
if (args.Length > 1 && args[0] == "profile")
{
    bool slip = args[1] == "slip";
    int runs = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 200;
    var benchmarks = new VerificationBenchmarks();
    benchmarks.Setup();
    Action run = slip ? () => benchmarks.AnalyseSlip() : () => benchmarks.RegisterAndCompare();
    for (int i = 0; i < 5; i++)
    {
        run();
    }

    var times = new double[runs];
    for (int i = 0; i < runs; i++)
    {
        long started = Stopwatch.GetTimestamp();
        run();
        times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    Array.Sort(times);
    Console.WriteLine($"{runs} runs of the {(slip ? "whole slip" : "register + compare pair")}: median {times[runs / 2]:F2} ms, p10 {times[runs / 10]:F2} ms, p90 {times[runs * 9 / 10]:F2} ms");
    if (SealMatch.Engine.Profiling.Enabled)
    {
        Console.WriteLine(SealMatch.Engine.Profiling.Report());
    }

    benchmarks.Cleanup();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
