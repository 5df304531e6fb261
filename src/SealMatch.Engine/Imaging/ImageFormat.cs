namespace SealMatch.Engine.Imaging;

/// <summary>Image file formats accepted for scans.</summary>
public enum ImageFormat
{
    /// <summary>Not one of the accepted formats.</summary>
    Unknown = 0,

    /// <summary>Portable Network Graphics.</summary>
    Png,

    /// <summary>JPEG (JFIF or Exif).</summary>
    Jpeg,

    /// <summary>Tagged Image File Format.</summary>
    Tiff,

    /// <summary>Windows bitmap.</summary>
    Bmp,
}
