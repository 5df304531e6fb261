using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using SealMatch.Data;
using SealMatch.Domain.Reviews;

namespace SealMatch.Server.Reviews;

/// <summary>
/// The review queue as metrics (meter <c>SealMatch.Reviews</c>): how many cases wait for people and how
/// long the oldest has waited. Read from the database when observed, so every instance reports the shared queue.
/// </summary>
internal sealed class ReviewMetrics : IDisposable
{
    public const string MeterName = "SealMatch.Reviews";

    private readonly Meter _meter;
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;

    public ReviewMetrics(IMeterFactory meters, IServiceScopeFactory scopes, TimeProvider clock)
    {
        _scopes = scopes;
        _clock = clock;
        _meter = meters.Create(MeterName);
        _meter.CreateObservableGauge("sealmatch.reviews.queue.length", () => Observe().Count, "{case}",
            "Review cases not yet decided (open, claimed, awaiting the second review or escalated).");
        _meter.CreateObservableGauge("sealmatch.reviews.oldest_case.age", () => Observe().AgeSeconds, "s",
            "Age of the oldest review case not yet decided (0 when none).");
    }

    public void Dispose() => _meter.Dispose();

    private (int Count, double AgeSeconds) Observe()
    {
        using IServiceScope scope = _scopes.CreateScope();
        SealMatchDbContext db = scope.ServiceProvider.GetRequiredService<SealMatchDbContext>();
        IQueryable<ReviewCase> waiting = db.ReviewCases.AsNoTracking().Where(c => c.State != ReviewCaseState.Decided);
        int count = waiting.Count();
        DateTimeOffset? oldest = count == 0 ? null : waiting.OrderBy(c => c.OpenedAt).Select(c => (DateTimeOffset?)c.OpenedAt).FirstOrDefault();
        return (count, oldest is { } o ? Math.Max(0, (_clock.GetUtcNow() - o).TotalSeconds) : 0);
    }
}
