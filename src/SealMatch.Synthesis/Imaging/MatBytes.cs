using System.Runtime.InteropServices;
using OpenCvSharp;

namespace SealMatch.Synthesis;

/// <summary>Copies between continuous 8-bit Mats and managed byte arrays.</summary>
internal static class MatBytes
{
    public static byte[] Read(Mat mat)
    {
        EnsureContinuous(mat);
        var data = new byte[mat.Total() * mat.ElemSize()];
        Marshal.Copy(mat.Data, data, 0, data.Length);
        return data;
    }

    public static void Write(Mat mat, byte[] data)
    {
        EnsureContinuous(mat);
        if (data.Length != mat.Total() * mat.ElemSize())
        {
            throw new ArgumentException("Size mismatch between array and Mat.", nameof(data));
        }

        Marshal.Copy(data, 0, mat.Data, data.Length);
    }

    private static void EnsureContinuous(Mat mat)
    {
        if (!mat.IsContinuous())
        {
            throw new ArgumentException("Mat must be continuous.", nameof(mat));
        }
    }
}
