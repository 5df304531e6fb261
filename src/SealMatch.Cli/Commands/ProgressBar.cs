using SealMatch.Evaluation.Seals;

namespace SealMatch.Cli.Commands;

/// <summary>A one-line progress bar on stderr (redrawn in place when stderr is a terminal).</summary>
internal sealed class ProgressBar : IProgress<BenchmarkProgress>
{
    private readonly string _label;
    private readonly object _gate = new();
    private DateTime _last = DateTime.MinValue;

    public ProgressBar(string label) => _label = label;

    public void Report(BenchmarkProgress value)
    {
        lock (_gate)
        {
            bool final = value.Done == value.Total;
            if (!final && DateTime.UtcNow - _last < TimeSpan.FromSeconds(Console.IsErrorRedirected ? 15 : 0.5))
            {
                return;
            }

            _last = DateTime.UtcNow;
            const int Width = 30;
            int filled = value.Total == 0 ? Width : value.Done * Width / value.Total;
            string line = $"{_label} [{new string('#', filled)}{new string('.', Width - filled)}] {value.Done}/{value.Total} slips, {Format(value.Elapsed)} elapsed" +
                (final ? string.Empty : $", ~{Format(value.Remaining)} left");
            if (Console.IsErrorRedirected)
            {
                Console.Error.WriteLine(line);
            }
            else
            {
                Console.Error.Write("\r" + line.PadRight(Console.WindowWidth > 0 ? Math.Min(Console.WindowWidth - 1, 120) : 100));
                if (final)
                {
                    Console.Error.WriteLine();
                }
            }
        }
    }

    private static string Format(TimeSpan t) => t.TotalHours >= 1 ? $"{(int)t.TotalHours}h{t.Minutes:D2}m" : $"{t.Minutes}m{t.Seconds:D2}s";
}
