using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SealMatch.Engine.Matching;

/// <summary>
/// A bitwise combination of two words, in scalar and vector form, so that one generic kernel serves
/// PopCount, AndPopCount, AndNotPopCount and the element-wise AndNot. Structs, so the JIT specialises
/// and inlines each use.
/// </summary>
internal interface IWordOperator
{
    static abstract ulong Invoke(ulong a, ulong b);

    static abstract Vector128<ulong> Invoke(Vector128<ulong> a, Vector128<ulong> b);

    static abstract Vector256<ulong> Invoke(Vector256<ulong> a, Vector256<ulong> b);

    static abstract Vector512<ulong> Invoke(Vector512<ulong> a, Vector512<ulong> b);
}

/// <summary>a (b is ignored; lets PopCount share the two-input kernel).</summary>
internal readonly struct LeftOperator : IWordOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Invoke(ulong a, ulong b) => a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<ulong> Invoke(Vector128<ulong> a, Vector128<ulong> b) => a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Invoke(Vector256<ulong> a, Vector256<ulong> b) => a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Invoke(Vector512<ulong> a, Vector512<ulong> b) => a;
}

/// <summary>a &amp; b.</summary>
internal readonly struct AndOperator : IWordOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Invoke(ulong a, ulong b) => a & b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<ulong> Invoke(Vector128<ulong> a, Vector128<ulong> b) => a & b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Invoke(Vector256<ulong> a, Vector256<ulong> b) => a & b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Invoke(Vector512<ulong> a, Vector512<ulong> b) => a & b;
}

/// <summary>a &amp; ~b (the Vector*.AndNot argument order).</summary>
internal readonly struct AndNotOperator : IWordOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Invoke(ulong a, ulong b) => a & ~b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<ulong> Invoke(Vector128<ulong> a, Vector128<ulong> b) => Vector128.AndNot(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Invoke(Vector256<ulong> a, Vector256<ulong> b) => Vector256.AndNot(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Invoke(Vector512<ulong> a, Vector512<ulong> b) => Vector512.AndNot(a, b);
}
