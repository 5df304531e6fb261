namespace SealMatch.Synthesis;

/// <summary>sRGB ↔ linear light, with lookup tables for bytes.</summary>
internal static class ColourSpace
{
    /// <summary>Linear value of each sRGB byte.</summary>
    public static readonly float[] ByteToLinear = BuildToLinear();

    private const int EncodeSize = 4096;
    private static readonly byte[] LinearToByteTable = BuildToByte();

    public static double ToLinear(double v) => v <= 0.04045 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);

    public static double ToSrgb(double v) => v <= 0.0031308 ? v * 12.92 : (1.055 * Math.Pow(v, 1 / 2.4)) - 0.055;

    /// <summary>sRGB byte of a linear value in [0, 1] (clamped).</summary>
    public static byte LinearToByte(float v)
    {
        int i = (int)(v * (EncodeSize - 1) + 0.5f);
        return LinearToByteTable[i < 0 ? 0 : i >= EncodeSize ? EncodeSize - 1 : i];
    }

    private static float[] BuildToLinear()
    {
        var t = new float[256];
        for (int i = 0; i < 256; i++)
        {
            t[i] = (float)ToLinear(i / 255.0);
        }

        return t;
    }

    private static byte[] BuildToByte()
    {
        var t = new byte[EncodeSize];
        for (int i = 0; i < EncodeSize; i++)
        {
            t[i] = (byte)Math.Clamp(Math.Round(ToSrgb(i / (double)(EncodeSize - 1)) * 255), 0, 255);
        }

        return t;
    }
}
