using System.Diagnostics.CodeAnalysis;
using SealMatch.Domain.Security;

namespace SealMatch.Domain.Reviews;

/// <summary>
/// Picks the next case for a reviewer from cases in memory: for tests and an in-memory fallback.
/// A database serves the same order with a query (claimable predicate of <see cref="ReviewCase.IsClaimableBy"/>,
/// then the order below) and must let only one of two concurrent claims succeed (<see cref="ReviewCase.Version"/>).
/// </summary>
[SuppressMessage("Naming", "CA1711", Justification = "The reviewers' word for the work waiting for them; not a collection type.")]
public static class ReviewQueue
{
    /// <summary>
    /// The case <paramref name="reviewer"/> should work on next at <paramref name="now"/>, or null when none
    /// is claimable: a case the reviewer already holds under a live lease first (so a retried claim does
    /// not take a second case), otherwise the oldest claimable by <see cref="ReviewCase.OpenedAt"/>, ties by id (ordinal).
    /// </summary>
    public static ReviewCase? NextFor(IEnumerable<ReviewCase> cases, Actor reviewer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(reviewer);
        return cases
            .Where(c => c.IsClaimableBy(reviewer, now))
            .OrderByDescending(c => c.IsLeasedTo(reviewer, now))
            .ThenBy(c => c.OpenedAt)
            .ThenBy(c => c.Id, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    /// <summary>Claims <see cref="NextFor"/> for <paramref name="reviewer"/> and returns it, or returns null when nothing is claimable.</summary>
    public static ReviewCase? ClaimNext(IEnumerable<ReviewCase> cases, Actor reviewer, TimeSpan leaseDuration, DateTimeOffset now)
    {
        var next = NextFor(cases, reviewer, now);
        next?.Claim(reviewer, leaseDuration, now);
        return next;
    }
}
