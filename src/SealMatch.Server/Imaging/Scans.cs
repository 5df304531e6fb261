using Google.Protobuf;
using SealMatch.Engine.Imaging;
using SealMatch.Server.Errors;

namespace SealMatch.Server.Imaging;

/// <summary>Loads request images through the engine's validation, naming the request's own fields in refusals.</summary>
internal static class Scans
{
    /// <exception cref="ScanRejectedException">The image is refused; <see cref="ScanRejectedException.Field"/> names the request field.</exception>
    public static ScanImage Load(ByteString image, double dpi, ScanLimits limits, string imageField, string dpiField = "dpi")
    {
        if (dpi < 0 || double.IsNaN(dpi) || double.IsInfinity(dpi))
        {
            throw new RequestInvalidException(dpiField, "dpi must be positive, or 0 to read it from the file.");
        }

        try
        {
            return ScanImage.Load(image.Span, dpi > 0 ? dpi : null, limits);
        }
        catch (ScanRejectedException e)
        {
            string field = e.Field == "dpi" ? dpiField : imageField;
            throw field == e.Field ? e : new ScanRejectedException(e.Problem, field, e.Message);
        }
    }

    public static string ContentType(ImageFormat format) => format switch
    {
        ImageFormat.Png => "image/png",
        ImageFormat.Jpeg => "image/jpeg",
        ImageFormat.Tiff => "image/tiff",
        ImageFormat.Bmp => "image/bmp",
        _ => "application/octet-stream",
    };

    public static InkColour ToInk(Protos.V1.InkColour ink) => ink switch
    {
        Protos.V1.InkColour.Unspecified or Protos.V1.InkColour.Red => InkColour.Red,
        Protos.V1.InkColour.Blue => InkColour.Blue,
        Protos.V1.InkColour.Purple => InkColour.Purple,
        _ => throw new RequestInvalidException("ink", "ink has an unknown value."),
    };

    public static Protos.V1.InkColour ToProto(InkColour ink) => ink switch
    {
        InkColour.Red => Protos.V1.InkColour.Red,
        InkColour.Blue => Protos.V1.InkColour.Blue,
        InkColour.Purple => Protos.V1.InkColour.Purple,
        _ => Protos.V1.InkColour.Unspecified,
    };
}
