using System.Collections.Concurrent;
using System.Diagnostics;

namespace SealMatch.Engine;

/// <summary>Developer timing of pipeline stages (enabled with SEALMATCH_PROFILE=1); free otherwise.</summary>
internal static class Profiling
{
    private static readonly bool On = Environment.GetEnvironmentVariable("SEALMATCH_PROFILE") == "1";
    private static readonly ConcurrentDictionary<string, (double Ms, int Count)> Totals = new();

    public static long Start() => On ? Stopwatch.GetTimestamp() : 0;

    public static void Stop(string stage, long started)
    {
        if (!On)
        {
            return;
        }

        double ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        Totals.AddOrUpdate(stage, (ms, 1), (_, t) => (t.Ms + ms, t.Count + 1));
    }

    public static string Report() =>
        string.Join(Environment.NewLine, Totals.OrderBy(k => k.Key).Select(k => $"{k.Key,-32} {k.Value.Ms / k.Value.Count,9:F2} ms × {k.Value.Count}"));
}
