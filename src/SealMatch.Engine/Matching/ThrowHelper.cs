using System.Diagnostics.CodeAnalysis;

namespace SealMatch.Engine.Matching;

/// <summary>Throw sites kept out of the kernels so that their validation stays small enough to inline.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ThrowLengthMismatch(string parameterName, int expected, int actual) =>
        throw new ArgumentException($"Expected a span of length {expected} but got {actual}.", parameterName);

    [DoesNotReturn]
    public static void ThrowSizeMismatch(string parameterName) =>
        throw new ArgumentException("Both bit matrices must have the same width and height.", parameterName);

    /// <summary>Throws unless <paramref name="actual"/> equals <paramref name="expected"/>.</summary>
    public static void ThrowIfLengthDiffers(int expected, int actual, string parameterName)
    {
        if (expected != actual)
        {
            ThrowLengthMismatch(parameterName, expected, actual);
        }
    }
}
