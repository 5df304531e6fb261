using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Perfolizer.Horology;
using Perfolizer.Mathematics.OutlierDetection;

namespace SealMatch.Server.Benchmarks.Infrastructure;

/// <summary>
/// Latency: one VerifySlip per iteration (InvocationCount 1, UnrollFactor 1), 50 iterations, no
/// outlier removal (the slow tail is what P95/P99 are about), server GC as the service runs with.
/// With 50 samples P99 is interpolated between the two slowest iterations: a tail indicator, not a
/// production P99.
/// </summary>
internal sealed class LatencyConfig : ManualConfig
{
    public LatencyConfig()
    {
        AddJob(Job.Default
            .WithId("latency")
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(50)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithOutlierMode(OutlierMode.DontRemove)
            .WithGcServer(true));
        AddColumn(StatisticColumn.Median, StatisticColumn.P95, new PercentileColumn(99), StatisticColumn.Mean, StatisticColumn.Max);
        AddDiagnoser(MemoryDiagnoser.Default);
        WithSummaryStyle(SummaryStyle.Default.WithTimeUnit(TimeUnit.Millisecond));
        WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
    }
}

/// <summary>
/// Throughput: each invocation sends 8 slips (OperationsPerInvoke = 8), so Mean is time per slip and
/// Op/s is slips per second. Fewer iterations than the latency job: each one takes seconds.
/// </summary>
internal sealed class ThroughputConfig : ManualConfig
{
    public ThroughputConfig()
    {
        AddJob(Job.Default
            .WithId("throughput")
            .WithLaunchCount(1)
            .WithWarmupCount(2)
            .WithIterationCount(15)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithOutlierMode(OutlierMode.DontRemove)
            .WithGcServer(true));
        AddColumn(StatisticColumn.OperationsPerSecond, StatisticColumn.Median, StatisticColumn.Mean, StatisticColumn.Max);
        AddDiagnoser(MemoryDiagnoser.Default);
        WithSummaryStyle(SummaryStyle.Default.WithTimeUnit(TimeUnit.Millisecond));
        WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
    }
}

/// <summary>A percentile of the iteration times that BenchmarkDotNet has no built-in column for (P99).</summary>
internal sealed class PercentileColumn(int percentile) : IColumn
{
    public string Id => $"{nameof(PercentileColumn)}.P{percentile}";

    public string ColumnName => $"P{percentile}";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Statistics;

    public int PriorityInCategory => 10;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Time;

    public string Legend => $"Percentile {percentile} of the iteration times (linear interpolation between the two nearest samples)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        BenchmarkDotNet.Mathematics.Statistics? statistics = summary[benchmarkCase]?.ResultStatistics;
        if (statistics is null)
        {
            return "NA";
        }

        double nanoseconds = statistics.Percentiles.Percentile(percentile);
        TimeUnit unit = style.TimeUnit ?? TimeUnit.Millisecond;
        string value = (nanoseconds / unit.BaseUnits).ToString("N1", CultureInfo.InvariantCulture);
        return style.PrintUnitsInContent ? $"{value} {unit.Abbreviation}" : value;
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
