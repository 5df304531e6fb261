using OpenCvSharp;
using SealMatch.Engine.Geometry;

namespace SealMatch.Engine.Imaging;

/// <summary>
/// A decoded colour scan (8-bit BGR) with its physical resolution. Owns native memory: dispose it.
/// </summary>
public sealed class ScanImage : IDisposable
{
    private readonly Mat _bgr;

    internal ScanImage(Mat bgr, double dpi, ImageFormat format, bool dpiFromMetadata)
    {
        _bgr = bgr;
        Dpi = dpi;
        Format = format;
        DpiFromMetadata = dpiFromMetadata;
    }

    /// <summary>Resolution in dots per inch.</summary>
    public double Dpi { get; }

    /// <summary>Millimetres per pixel.</summary>
    public double MillimetresPerPixel => Units.MillimetresPerPixel(Dpi);

    /// <summary>File format the scan was decoded from.</summary>
    public ImageFormat Format { get; }

    /// <summary>True when the resolution came from the file's metadata rather than the caller.</summary>
    public bool DpiFromMetadata { get; }

    /// <summary>Width in pixels.</summary>
    public int Width => _bgr.Cols;

    /// <summary>Height in pixels.</summary>
    public int Height => _bgr.Rows;

    /// <summary>The pixels (BGR, 8 bits per channel). Borrowed: do not dispose.</summary>
    internal Mat Bgr => _bgr;

    /// <summary>
    /// Decodes and validates a scan. The resolution comes from <paramref name="dpi"/> when given,
    /// otherwise from the file's metadata.
    /// </summary>
    /// <exception cref="ScanRejectedException">The scan is empty, too large, corrupt, unsupported or has an unusable resolution.</exception>
    public static ScanImage Load(ReadOnlySpan<byte> file, double? dpi = null, ScanLimits? limits = null)
    {
        limits ??= ScanLimits.Default;
        if (file.IsEmpty)
        {
            throw new ScanRejectedException(ScanProblem.Empty, "image", "The image is empty.");
        }

        if (file.Length > limits.MaxBytes)
        {
            throw new ScanRejectedException(ScanProblem.TooLarge, "image",
                $"The image is {file.Length / 1048576.0:F1} MB; the limit is {limits.MaxBytes / 1048576.0:F0} MB.");
        }

        ImageFormat format = ImageHeader.SniffFormat(file);
        if (format == ImageFormat.Unknown)
        {
            throw new ScanRejectedException(ScanProblem.UnsupportedFormat, "image",
                "The image is not PNG, JPEG, TIFF or BMP.");
        }

        ImageHeader header = ImageHeader.TryRead(file)
            ?? throw new ScanRejectedException(ScanProblem.Corrupt, "image", $"The {format} header is damaged or truncated.");
        if ((long)header.Width * header.Height > limits.MaxPixels)
        {
            throw new ScanRejectedException(ScanProblem.TooManyPixels, "image",
                $"The image has {header.Width}×{header.Height} = {(long)header.Width * header.Height / 1e6:F1} megapixels; the limit is {limits.MaxPixels / 1e6:F0}.");
        }

        bool fromMetadata = dpi is null;
        double resolution = dpi ?? header.DpiX ?? throw new ScanRejectedException(ScanProblem.ResolutionUnknown, "dpi",
            "The resolution is not in the file's metadata; state it (dpi).");
        ValidateResolution(resolution, limits, fromMetadata);

        Mat bgr = Decode(file, format);
        try
        {
            double minSide = 10.0 / Units.MillimetresPerPixel(resolution); // a 10 mm seal must fit
            if (bgr.Cols < minSide || bgr.Rows < minSide)
            {
                throw new ScanRejectedException(ScanProblem.TooSmall, "image",
                    $"The image is {bgr.Cols}×{bgr.Rows} pixels ({bgr.Cols * Units.MillimetresPerPixel(resolution):F1}×{bgr.Rows * Units.MillimetresPerPixel(resolution):F1} mm at {resolution:F0} dpi), too small to hold a seal.");
            }

            return new ScanImage(bgr, resolution, format, fromMetadata);
        }
        catch
        {
            bgr.Dispose();
            throw;
        }
    }

    /// <summary>Wraps an already decoded BGR image (copied) at a known resolution; for tools and tests.</summary>
    public static ScanImage FromBgr(byte[] bgrPixels, int width, int height, double dpi)
    {
        ArgumentNullException.ThrowIfNull(bgrPixels);
        if (bgrPixels.Length != width * height * 3)
        {
            throw new ArgumentException("Pixel buffer size does not match width × height × 3.", nameof(bgrPixels));
        }

        using var view = Mat.FromPixelData(height, width, MatType.CV_8UC3, bgrPixels);
        return new ScanImage(view.Clone(), dpi, ImageFormat.Unknown, false);
    }

    /// <summary>Encodes a region of the scan as PNG (for crops shown to reviewers and tools).</summary>
    public byte[] EncodeRegionPng(PixelBox box)
    {
        PixelBox clipped = box.ClipTo(Width, Height);
        using var roi = new Mat(_bgr, new Rect(clipped.X, clipped.Y, clipped.Width, clipped.Height));
        return roi.ImEncode(".png");
    }

    /// <inheritdoc />
    public void Dispose() => _bgr.Dispose();

    private static void ValidateResolution(double dpi, ScanLimits limits, bool fromMetadata)
    {
        string source = fromMetadata ? "The file's metadata gives" : "The stated resolution is";
        if (!double.IsFinite(dpi) || dpi < limits.MinDpi)
        {
            throw new ScanRejectedException(ScanProblem.TooCoarse, "dpi",
                $"{source} {dpi:F0} dpi; at least {limits.MinDpi:F0} dpi is required." + (fromMetadata ? " If the metadata is wrong, state the scan's real resolution." : string.Empty));
        }

        if (dpi > limits.MaxDpi)
        {
            throw new ScanRejectedException(ScanProblem.TooFine, "dpi", $"{source} {dpi:F0} dpi; at most {limits.MaxDpi:F0} dpi is accepted.");
        }
    }

    private static Mat Decode(ReadOnlySpan<byte> file, ImageFormat format)
    {
        Mat decoded;
        try
        {
            decoded = Cv2.ImDecode(file, ImreadModes.AnyDepth | ImreadModes.Color);
        }
        catch (OpenCVException e)
        {
            throw new ScanRejectedException(ScanProblem.Corrupt, "image", $"The {format} pixel data cannot be decoded: {e.Message}");
        }

        if (decoded.Empty())
        {
            decoded.Dispose();
            throw new ScanRejectedException(ScanProblem.Corrupt, "image", $"The {format} pixel data cannot be decoded.");
        }

        if (decoded.Depth() == MatType.CV_8U && decoded.Channels() == 3)
        {
            return decoded;
        }

        using (decoded)
        {
            var bgr = new Mat();
            using var eight = new Mat();
            double scale = decoded.Depth() == MatType.CV_16U ? 1.0 / 257 : decoded.Depth() == MatType.CV_32F ? 255.0 : 1.0;
            decoded.ConvertTo(eight, MatType.CV_8U, scale);
            if (eight.Channels() == 1)
            {
                Cv2.CvtColor(eight, bgr, ColorConversionCodes.GRAY2BGR);
            }
            else
            {
                eight.CopyTo(bgr);
            }

            return bgr;
        }
    }
}
