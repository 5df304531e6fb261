using System.Collections.Concurrent;
using System.Diagnostics;

namespace SealMatch.Engine;

/// <summary>Developer timing of pipeline stages (enabled with SEALMATCH_PROFILE=1); free otherwise.</summary>
public static class Profiling
{
    private static readonly bool On = Environment.GetEnvironmentVariable("SEALMATCH_PROFILE") == "1";
    private static readonly ConcurrentDictionary<string, (double Ms, int Count)> Totals = new();

    /// <summary>Whether profiling is on (SEALMATCH_PROFILE=1).</summary>
    public static bool Enabled => On;

    /// <summary>Starts timing a stage.</summary>
    public static long Start() => On ? Stopwatch.GetTimestamp() : 0;

    /// <summary>Stops timing a stage.</summary>
    public static void Stop(string stage, long started)
    {
        if (!On)
        {
            return;
        }

        double ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        Totals.AddOrUpdate(stage, (ms, 1), (_, t) => (t.Ms + ms, t.Count + 1));
    }

    /// <summary>Average time per stage so far.</summary>
    public static string Report() =>
        string.Join(Environment.NewLine, Totals.OrderBy(k => k.Key).Select(k => $"{k.Key,-32} {k.Value.Ms / k.Value.Count,9:F2} ms × {k.Value.Count}"));
}
