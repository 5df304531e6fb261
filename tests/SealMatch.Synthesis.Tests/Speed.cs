using System.Diagnostics;

namespace SealMatch.Synthesis.Tests;

/// <summary>
/// Timing for reports (never asserted). Wall time is the best of several runs; CPU time is the process's
/// processor time per run (all threads, so OpenCV workers count), which a busy shared machine disturbs less.
/// </summary>
internal static class Speed
{
    public static double BestOf(int runs, Action action)
    {
        double best = double.MaxValue;
        for (int i = 0; i < runs; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            action();
            best = Math.Min(best, Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }

        return best;
    }

    public static (double WallBestMs, double CpuMs) Measure(int runs, Action action)
    {
        using Process p = Process.GetCurrentProcess();
        TimeSpan cpu0 = p.TotalProcessorTime;
        double best = BestOf(runs, action);
        p.Refresh();
        return (best, (p.TotalProcessorTime - cpu0).TotalMilliseconds / runs);
    }
}
