namespace SealMatch.Synthesis.Tests;

public sealed class RandomTests
{
    [Fact]
    public void Same_seed_same_stream_and_forks_are_label_determined()
    {
        var a = new SynthRandom(123);
        var b = new SynthRandom(123);
        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(a.NextUInt64(), b.NextUInt64());
        }

        // A fork depends on (seed, label) only, not on how much was drawn before.
        Assert.Equal(new SynthRandom(123).Fork("x").NextUInt64(), a.Fork("x").NextUInt64());
        Assert.NotEqual(a.Fork("x").NextUInt64(), a.Fork("y").NextUInt64());
        Assert.NotEqual(new SynthRandom(124).Fork("x").NextUInt64(), a.Fork("x").NextUInt64());
    }

    [Fact]
    public void Known_first_values_stay_fixed_across_machines()
    {
        // Golden values: changing the generator silently would change every data set derived from a seed.
        var r = new SynthRandom(0);
        ulong first = r.NextUInt64();
        var again = new SynthRandom(0);
        Assert.Equal(first, again.NextUInt64());
        Assert.Equal(GoldenFirst, first);
    }

    [Fact]
    public void Distributions_have_the_right_moments_and_ranges()
    {
        var r = new SynthRandom(5);
        const int N = 200_000;
        double sum = 0;
        double sum2 = 0;
        int bern = 0;
        for (int i = 0; i < N; i++)
        {
            double v = r.Normal(2, 3);
            sum += v;
            sum2 += v * v;
            int k = r.Int(-3, 4);
            Assert.InRange(k, -3, 3);
            double u = r.Uniform(5, 6);
            Assert.InRange(u, 5, 6);
            bern += r.Bernoulli(0.3) ? 1 : 0;
        }

        double mean = sum / N;
        double sd = Math.Sqrt((sum2 / N) - (mean * mean));
        Assert.Equal(2, mean, 0.03);
        Assert.Equal(3, sd, 0.03);
        Assert.Equal(0.3, bern / (double)N, 0.005);
    }

    private const ulong GoldenFirst = 0x99EC5F36CB75F2B4UL;
}
