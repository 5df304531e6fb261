using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Grpc.Net.Client;
using SealMatch.Protos.V1;
using SealMatch.Server.Benchmarks.Infrastructure;

namespace SealMatch.Server.Benchmarks;

using Verification = SealMatch.Protos.V1.Verification;

/// <summary>
/// The review queue under two concurrent reviewers (issue 4): <c>ClaimNextCase</c> and
/// <c>SubmitReview</c>. Setup registers the account of the VerifySlip benchmarks and sends its genuine
/// slip (which comes out REVIEW, so each verification opens a review case) under fresh idempotency keys
/// from two tellers, then creates four reviewers (none of them a teller): pair A (r1, r2) is measured,
/// pair B (r3, r4) gives the second reviews between iterations so that the queue stays in the same shape.
/// SQLite in-process (TestServer) and, when a connection string is set, PostgreSQL over loopback (Kestrel h2c).
/// <para>
/// Each invocation starts the two reviewers' calls together and waits for both, so the BenchmarkDotNet
/// row is the time until the slower of the two concurrent calls answers. Each call is also timed on its
/// own; the per-call percentiles of the measured iterations are printed at the end of each run
/// (lines starting with "// per-call").
/// </para>
/// </summary>
[Config(typeof(LatencyConfig))]
public class ReviewBenchmarks
{
    /// <summary>LatencyConfig's iteration count: the per-call statistics keep the calls of these iterations only.</summary>
    private const int MeasuredIterations = 50;

    /// <summary>Cases opened in GlobalSetup: a queue of realistic depth, and enough for SubmitReview's ~54 iterations × 2.</summary>
    private const int InitialCases = 120;

    /// <summary>Cases opened when SubmitReview's setup finds the queue empty (should not happen with <see cref="InitialCases"/>).</summary>
    private const int TopUpCases = 20;

    private readonly List<double> _callMilliseconds = [];
    private readonly string?[] _claimed = new string?[2];
    private VerifySlipScenario? _scenario;
    private VerificationService.VerificationServiceClient[] _tellers = [];
    private ReviewService.ReviewServiceClient[] _reviewers = [];
    private readonly List<GrpcChannel> _channels = [];
    private string _label = "";

    [ParamsSource(nameof(Databases))]
    public DatabaseKind Database { get; set; }

    public static IEnumerable<DatabaseKind> Databases() =>
        BenchmarkServer.PostgresConnection is null ? [DatabaseKind.Sqlite] : [DatabaseKind.Sqlite, DatabaseKind.Postgres];

    [GlobalSetup(Target = nameof(ClaimNextCase))]
    public Task SetupClaimAsync() => SetupAsync(nameof(ClaimNextCase));

    [GlobalSetup(Target = nameof(SubmitReview))]
    public Task SetupSubmitAsync() => SetupAsync(nameof(SubmitReview));

    /// <summary>Gives the two cases claimed in the iteration back to the queue (unmeasured), so every claim takes a fresh lease.</summary>
    [IterationCleanup(Target = nameof(ClaimNextCase))]
    public void ReleaseClaimed()
    {
        Task.WhenAll(
            _reviewers[0].ReleaseCaseAsync(new ReleaseCaseRequest { CaseId = _claimed[0] }, deadline: Deadline()).ResponseAsync,
            _reviewers[1].ReleaseCaseAsync(new ReleaseCaseRequest { CaseId = _claimed[1] }, deadline: Deadline()).ResponseAsync)
            .GetAwaiter().GetResult();
    }

    /// <summary>Pair A claims the two oldest open cases (unmeasured), opening more cases first if the queue ran dry.</summary>
    [IterationSetup(Target = nameof(SubmitReview))]
    public void ClaimForSubmit()
    {
        for (int i = 0; i < 2; i++)
        {
            ReviewCase? claimed = ClaimAsync(_reviewers[i]).GetAwaiter().GetResult();
            if (claimed is null)
            {
                OpenCasesAsync(TopUpCases).GetAwaiter().GetResult();
                claimed = ClaimAsync(_reviewers[i]).GetAwaiter().GetResult()
                    ?? throw new InvalidOperationException("No claimable case after opening more.");
            }

            if (claimed.Reviews.Count != 0 || claimed.State != ReviewCaseState.Claimed)
            {
                throw new InvalidOperationException($"Reviewer {i + 1} claimed case {claimed.Id} in state {claimed.State} with {claimed.Reviews.Count} reviews; a first review was intended.");
            }

            _claimed[i] = claimed.Id;
        }
    }

    /// <summary>Pair B gives the second reviews of the two cases just reviewed (unmeasured), which decides them.</summary>
    [IterationCleanup(Target = nameof(SubmitReview))]
    public void SecondReviews()
    {
        for (int i = 2; i < 4; i++)
        {
            ReviewCase claimed = ClaimAsync(_reviewers[i]).GetAwaiter().GetResult()
                ?? throw new InvalidOperationException("Pair B found no case awaiting its second review.");
            if (claimed.Id != _claimed[0] && claimed.Id != _claimed[1])
            {
                throw new InvalidOperationException($"Pair B claimed case {claimed.Id}, not one of the two just reviewed.");
            }

            ReviewCase decided = _reviewers[i].SubmitReviewAsync(new SubmitReviewRequest { CaseId = claimed.Id, Verdict = ReviewVerdict.Genuine }, deadline: Deadline())
                .ResponseAsync.GetAwaiter().GetResult();
            if (decided.State != ReviewCaseState.Decided)
            {
                throw new InvalidOperationException($"Case {decided.Id} is {decided.State} after two GENUINE reviews.");
            }
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        PrintPerCall();
        foreach (GrpcChannel channel in _channels)
        {
            channel.Dispose();
        }

        if (_scenario is not null)
        {
            await _scenario.DisposeAsync();
        }
    }

    [Benchmark(Description = "ClaimNextCase, 2 reviewers at once (slower of the two)")]
    public async Task<int> ClaimNextCase()
    {
        (ReviewCase? Case, double Ms)[] results = await Task.WhenAll(TimedClaimAsync(_reviewers[0]), TimedClaimAsync(_reviewers[1]));
        for (int i = 0; i < 2; i++)
        {
            _claimed[i] = results[i].Case?.Id ?? throw new InvalidOperationException($"Reviewer {i + 1} found no claimable case.");
            _callMilliseconds.Add(results[i].Ms);
        }

        return _claimed[0] == _claimed[1] ? throw new InvalidOperationException("Both reviewers were given the same case.") : 2;
    }

    [Benchmark(Description = "SubmitReview (first review), 2 reviewers at once (slower of the two)")]
    public async Task<int> SubmitReview()
    {
        (ReviewCase Case, double Ms)[] results = await Task.WhenAll(TimedSubmitAsync(_reviewers[0], _claimed[0]!), TimedSubmitAsync(_reviewers[1], _claimed[1]!));
        foreach ((ReviewCase reviewed, double ms) in results)
        {
            if (reviewed.State != ReviewCaseState.AwaitingSecondReview)
            {
                throw new InvalidOperationException($"Case {reviewed.Id} is {reviewed.State} after its first review.");
            }

            _callMilliseconds.Add(ms);
        }

        return results.Length;
    }

    private static DateTime Deadline() => DateTime.UtcNow.AddMinutes(1);

    private static async Task<ReviewCase?> ClaimAsync(ReviewService.ReviewServiceClient reviewer) =>
        (await reviewer.ClaimNextCaseAsync(new ClaimNextCaseRequest(), deadline: Deadline())).Case;

    private static async Task<(ReviewCase? Case, double Ms)> TimedClaimAsync(ReviewService.ReviewServiceClient reviewer)
    {
        long start = Stopwatch.GetTimestamp();
        ClaimNextCaseResponse response = await reviewer.ClaimNextCaseAsync(new ClaimNextCaseRequest(), deadline: Deadline());
        return (response.Case, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }

    private static async Task<(ReviewCase Case, double Ms)> TimedSubmitAsync(ReviewService.ReviewServiceClient reviewer, string caseId)
    {
        long start = Stopwatch.GetTimestamp();
        ReviewCase reviewed = await reviewer.SubmitReviewAsync(new SubmitReviewRequest { CaseId = caseId, Verdict = ReviewVerdict.Genuine }, deadline: Deadline());
        return (reviewed, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }

    private async Task SetupAsync(string benchmark)
    {
        Transport transport = Database == DatabaseKind.Sqlite ? Transport.InMemory : Transport.Loopback;
        _label = $"{benchmark} ({Database}, {transport})";
        _scenario = await VerifySlipScenario.StartAsync(SyntheticAccount.Generate(), Database, transport);
        _tellers = [await _scenario.TellerAsync("teller-1"), await _scenario.TellerAsync("teller-2")];
        Verification first = await _scenario.CheckAsync(_tellers[0]);
        if (first.Decision != Decision.Review)
        {
            throw new InvalidOperationException($"The slip came out {first.Decision}; the review benchmarks need REVIEW decisions (each opens a case).");
        }

        long start = Stopwatch.GetTimestamp();
        await OpenCasesAsync(InitialCases - 1);
        Console.WriteLine($"// setup: {InitialCases} REVIEW verifications in {Stopwatch.GetElapsedTime(start).TotalSeconds:F1} s");

        var reviewers = new List<ReviewService.ReviewServiceClient>();
        for (int i = 1; i <= 4; i++)
        {
            GrpcChannel channel = _scenario.Server.Channel(await _scenario.Server.UserAsync($"reviewer-{i}", "HQ", UserRole.Reviewer));
            _channels.Add(channel);
            reviewers.Add(new ReviewService.ReviewServiceClient(channel));
        }

        _reviewers = [.. reviewers];

        // Warm each reviewer's connection and the claim path outside any measurement; give the cases back.
        foreach (ReviewService.ReviewServiceClient reviewer in _reviewers)
        {
            ReviewCase claimed = await ClaimAsync(reviewer) ?? throw new InvalidOperationException("The verifications opened no review case.");
            await reviewer.ReleaseCaseAsync(new ReleaseCaseRequest { CaseId = claimed.Id }, deadline: Deadline());
        }
    }

    /// <summary>Opens <paramref name="count"/> review cases: REVIEW verifications from the two tellers at once.</summary>
    private async Task OpenCasesAsync(int count)
    {
        async Task SendAsync(VerificationService.VerificationServiceClient teller, int n)
        {
            for (int i = 0; i < n; i++)
            {
                Verification v = await _scenario!.VerifyAsync(teller);
                if (v.Decision != Decision.Review)
                {
                    throw new InvalidOperationException($"A verification came out {v.Decision}, not REVIEW.");
                }
            }
        }

        await Task.WhenAll(SendAsync(_tellers[0], count / 2), SendAsync(_tellers[1], count - (count / 2)));
    }

    /// <summary>Per-call percentiles over the calls of the last <see cref="MeasuredIterations"/> iterations (the measured ones).</summary>
    private void PrintPerCall()
    {
        int keep = Math.Min(_callMilliseconds.Count, MeasuredIterations * 2);
        if (keep == 0)
        {
            return;
        }

        double[] sorted = [.. _callMilliseconds.Skip(_callMilliseconds.Count - keep).Order()];
        static double Percentile(double[] s, double p)
        {
            double rank = p / 100 * (s.Length - 1);
            int low = (int)Math.Floor(rank);
            int high = Math.Min(low + 1, s.Length - 1);
            return s[low] + ((s[high] - s[low]) * (rank - low));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// per-call {_label}: n={sorted.Length}, p50={Percentile(sorted, 50):F1} ms, p95={Percentile(sorted, 95):F1} ms, p99={Percentile(sorted, 99):F1} ms, mean={sorted.Average():F1} ms, max={sorted[^1]:F1} ms"));
    }
}
