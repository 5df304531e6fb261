using System.Diagnostics.CodeAnalysis;

namespace SealMatch.Synthesis;

/// <summary>
/// Deterministic pseudo-random stream (xoshiro256** seeded through SplitMix64). The same seed gives the
/// same sequence on every run and machine; <see cref="Fork"/> derives independent child streams from
/// (seed, label) only, so adding a draw in one component never shifts the draws of another.
/// Not thread-safe: give each worker its own fork.
/// </summary>
public sealed class SynthRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>Creates a stream from a 64-bit seed.</summary>
    public SynthRandom(ulong seed)
    {
        Seed = seed;
        ulong sm = seed;
        _s0 = SplitMix(ref sm);
        _s1 = SplitMix(ref sm);
        _s2 = SplitMix(ref sm);
        _s3 = SplitMix(ref sm);
    }

    /// <summary>The seed this stream was created from (forks derive from it, not from the current state).</summary>
    public ulong Seed { get; }

    /// <summary>
    /// An independent child stream determined by this stream's <see cref="Seed"/> and <paramref name="label"/>
    /// only: forking the same label twice gives the same stream, whatever was drawn in between.
    /// </summary>
    public SynthRandom Fork(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        ulong h = 0xCBF29CE484222325UL;
        foreach (char ch in label)
        {
            h ^= ch;
            h *= 0x100000001B3UL;
        }

        ulong x = Seed ^ Mix(h + 0x632BE59BD9B4E019UL);
        return new SynthRandom(Mix(x));
    }

    /// <summary>A child stream for an indexed item (e.g. the i-th slip), same rules as <see cref="Fork(string)"/>.</summary>
    public SynthRandom Fork(string label, long index) =>
        Fork(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{label}#{index}"));

    /// <summary>Next raw 64 bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 bits of resolution.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / 9007199254740992.0);

    /// <summary>Uniform in [0, 1) as a float (24 bits), for bulk noise.</summary>
    public float NextSingle() => (NextUInt64() >> 40) * (1.0f / 16777216.0f);

    /// <summary>Uniform in [a, b).</summary>
    public double Uniform(double a, double b) => a + ((b - a) * NextDouble());

    /// <summary>Normal (Gaussian) draw by Box–Muller; one pair of uniforms per call.</summary>
    public double Normal(double mean, double sd)
    {
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        return mean + (sd * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }

    /// <summary>Integer uniform in [lo, hi) (hi exclusive, like <see cref="System.Random.Next(int, int)"/>).</summary>
    [SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Short, established name in the synthesis API.")]
    public int Int(int lo, int hi)
    {
        if (hi <= lo)
        {
            throw new ArgumentOutOfRangeException(nameof(hi), "hi must be greater than lo.");
        }

        ulong range = (ulong)((long)hi - lo);
        return (int)(lo + (long)(NextDouble() * range));
    }

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Bernoulli(double p) => NextDouble() < p;

    /// <summary>A uniformly chosen element.</summary>
    public T Pick<T>(IReadOnlyList<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            throw new ArgumentException("Cannot pick from an empty list.", nameof(items));
        }

        return items[Int(0, items.Count)];
    }

    /// <summary>Index chosen with probability proportional to <paramref name="weights"/>.</summary>
    public int PickWeighted(IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        double total = 0;
        foreach (double w in weights)
        {
            total += w;
        }

        double u = NextDouble() * total;
        for (int i = 0; i < weights.Count; i++)
        {
            u -= weights[i];
            if (u < 0)
            {
                return i;
            }
        }

        return weights.Count - 1;
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        return Mix(x);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
