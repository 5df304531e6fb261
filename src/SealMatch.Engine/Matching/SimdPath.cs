using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SealMatch.Engine.Matching;

/// <summary>
/// The code paths a matching kernel can take. Public kernels pick the widest profitable one; tests and
/// benchmarks name a path explicitly so that every path is checked against the scalar reference on one machine.
/// </summary>
internal enum SimdPath
{
    /// <summary>Plain loops (BitOperations.PopCount, which is the POPCNT instruction where available).</summary>
    Scalar,

    /// <summary>128-bit vectors; needs SSSE3 (PSHUFB) on x86.</summary>
    Vector128,

    /// <summary>256-bit vectors; needs AVX2.</summary>
    Vector256,

    /// <summary>512-bit vectors; needs AVX-512BW and a runtime that reports Vector512 as accelerated.</summary>
    Vector512,
}

/// <summary>Which <see cref="SimdPath"/> values this process can run, from the JIT's instruction-set flags.</summary>
internal static class SimdPaths
{
    /// <summary>True where the 128-bit x86 kernels (SSE2 + SSSE3) can run.</summary>
    public static bool IsVector128Supported => Ssse3.IsSupported && Vector128.IsHardwareAccelerated;

    /// <summary>True where the 256-bit x86 kernels (AVX2) can run.</summary>
    public static bool IsVector256Supported => Avx2.IsSupported && Vector256.IsHardwareAccelerated;

    /// <summary>
    /// True where the 512-bit x86 kernels (AVX-512BW) can run. Gated on <see cref="Vector512.IsHardwareAccelerated"/>
    /// as well, so that <c>DOTNET_PreferredVectorBitWidth=256</c> or a throttling CPU keeps them off.
    /// </summary>
    public static bool IsVector512Supported => Avx512BW.IsSupported && Vector512.IsHardwareAccelerated;

    /// <summary>Whether <paramref name="path"/> can run in this process.</summary>
    public static bool IsSupported(SimdPath path) => path switch
    {
        SimdPath.Scalar => true,
        SimdPath.Vector128 => IsVector128Supported,
        SimdPath.Vector256 => IsVector256Supported,
        SimdPath.Vector512 => IsVector512Supported,
        _ => false,
    };

    /// <summary>Every path this process can run, narrowest first.</summary>
    public static IReadOnlyList<SimdPath> Available
    {
        get
        {
            var paths = new List<SimdPath>(4);
            foreach (SimdPath path in Enum.GetValues<SimdPath>())
            {
                if (IsSupported(path))
                {
                    paths.Add(path);
                }
            }

            return paths;
        }
    }
}
