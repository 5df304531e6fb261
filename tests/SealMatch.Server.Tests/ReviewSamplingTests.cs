using SealMatch.Server.Reviews;

namespace SealMatch.Server.Tests;

/// <summary>Which ACCEPTs are sampled into review: a deterministic share by verification id.</summary>
public sealed class ReviewSamplingTests
{
    [Fact]
    public void The_sample_is_deterministic_per_verification_and_near_the_configured_share()
    {
        string[] ids = [.. Enumerable.Range(0, 4000).Select(i => $"ver_{i:D6}")];
        var half = new ReviewOptions { AcceptSampleRate = 0.5 };
        int sampled = ids.Count(half.Samples);
        Assert.InRange(sampled, 1800, 2200);
        Assert.Equal(ids.Select(half.Samples), ids.Select(new ReviewOptions { AcceptSampleRate = 0.5 }.Samples));
        Assert.InRange(ids.Count(new ReviewOptions().Samples), 15, 70);
        Assert.All(ids, id => Assert.True(new ReviewOptions { AcceptSampleRate = 1 }.Samples(id)));
        Assert.DoesNotContain(ids, new ReviewOptions { AcceptSampleRate = 0 }.Samples);
        Assert.Equal(TimeSpan.FromMinutes(15), new ReviewOptions().Lease);
        Assert.Throws<InvalidOperationException>(() => new ReviewOptions { LeaseMinutes = 0 }.Lease);
    }
}
