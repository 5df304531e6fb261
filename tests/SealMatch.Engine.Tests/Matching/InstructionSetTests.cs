using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using SealMatch.Engine.Matching;
using Xunit.Abstractions;

namespace SealMatch.Engine.Tests.Matching;

/// <summary>
/// Proves which instruction sets a run actually had, so the CI matrix (.ci/simd-matrix.sh) demonstrably exercises
/// the fallback paths rather than silently re-running the widest ones.
/// </summary>
[Trait("Category", "Kernels")]
public sealed class InstructionSetTests(ITestOutputHelper output)
{
    [Fact]
    public void InstructionSetsMatchEnvironment()
    {
        string? hardwareIntrinsics = Environment.GetEnvironmentVariable("DOTNET_EnableHWIntrinsic");
        string? avx2 = Environment.GetEnvironmentVariable("DOTNET_EnableAVX2");
        string? avx512 = Environment.GetEnvironmentVariable("DOTNET_EnableAVX512");
        output.WriteLine(
            $"DOTNET_EnableHWIntrinsic={hardwareIntrinsics ?? "(unset)"} DOTNET_EnableAVX2={avx2 ?? "(unset)"} DOTNET_EnableAVX512={avx512 ?? "(unset)"} " +
            $"architecture={RuntimeInformation.ProcessArchitecture}");
        output.WriteLine(
            $"Vector128={Vector128.IsHardwareAccelerated} Vector256={Vector256.IsHardwareAccelerated} Vector512={Vector512.IsHardwareAccelerated} " +
            $"Ssse3={Ssse3.IsSupported} Avx2={Avx2.IsSupported} Avx512BW={Avx512BW.IsSupported} Popcnt={Popcnt.X64.IsSupported}");
        output.WriteLine($"Kernel paths available: {string.Join(", ", SimdPaths.Available)}");

        if (hardwareIntrinsics == "0")
        {
            Assert.False(Vector128.IsHardwareAccelerated);
            Assert.False(Vector256.IsHardwareAccelerated);
            Assert.Equal([SimdPath.Scalar], SimdPaths.Available);
        }
        else if (avx2 == "0")
        {
            Assert.False(Avx2.IsSupported);
            Assert.False(Vector256.IsHardwareAccelerated);
            Assert.DoesNotContain(SimdPath.Vector256, SimdPaths.Available);
        }
        else if (avx512 == "0")
        {
            Assert.False(Avx512BW.IsSupported);
            Assert.True(RuntimeInformation.ProcessArchitecture != Architecture.X64 || Avx2.IsSupported);
            Assert.DoesNotContain(SimdPath.Vector512, SimdPaths.Available);
        }
        else if (RuntimeInformation.ProcessArchitecture == Architecture.X64)
        {
            Assert.True(Vector256.IsHardwareAccelerated);
            Assert.Contains(SimdPath.Vector256, SimdPaths.Available);
        }
    }
}
