using SealMatch.Evaluation.Signatures;

namespace SealMatch.Evaluation.Tests.Signatures;

public sealed class SignatureTrialsTests
{
    [Theory]
    [InlineData(1, 61, 0, 3, 6991736)]
    [InlineData(1, 61, 0, -1, 739040318)]
    [InlineData(1, 61, 1, 3, 5962761)]
    public void TheReferencesOfADrawComeFromAFixedSeedInEveryProcess(int seed, int writer, int draw, int text, int expected)
    {
        // Values computed independently (FNV-1a, 64-bit, folded): a per-process salted hash would differ.
        Assert.Equal(expected, SignatureTrials.DrawSeed(seed, writer, draw, text));
    }
}
