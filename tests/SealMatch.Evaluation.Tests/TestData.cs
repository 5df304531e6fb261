namespace SealMatch.Evaluation.Tests;

/// <summary>Seeded random samples for tests.</summary>
internal static class TestData
{
    public static double Gaussian(Random random, double mean = 0.0, double sd = 1.0)
    {
        // Box–Muller; 1 − NextDouble() avoids log(0).
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return mean + (sd * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }

    public static double[] Gaussians(int seed, int count, double mean = 0.0, double sd = 1.0)
    {
        var random = new Random(seed);
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = Gaussian(random, mean, sd);
        }

        return values;
    }

    /// <summary>Scores on a coarse grid so that many of them tie.</summary>
    public static double[] CoarseScores(int seed, int count, int levels)
    {
        var random = new Random(seed);
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = random.Next(levels) / (double)levels;
        }

        return values;
    }
}
