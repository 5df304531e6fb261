using SkiaSharp;

namespace SealMatch.Evaluation.Plots;

/// <summary>Shape drawn for an operating point.</summary>
internal enum MarkerShape
{
    Circle,
    Square,
    Triangle,
    Diamond,
}

/// <summary>How one data series is stroked. <see cref="Dash"/> is null for a solid line.</summary>
internal readonly record struct SeriesStyle(SKColor Colour, float[]? Dash, float Width);

/// <summary>
/// Colours, dash patterns and markers. Series i gets colour i and dash pattern i, so that colour is
/// never the only cue that tells two series apart (greyscale prints, colour-blind readers).
/// </summary>
internal static class PlotStyle
{
    public const float LineWidth = 3f;

    // Okabe–Ito palette (colour-blind safe), yellow left out: it is unreadable on white.
    private static readonly SKColor[] Palette =
    [
        new SKColor(0x00, 0x72, 0xB2), // blue
        new SKColor(0xD5, 0x5E, 0x00), // vermillion
        new SKColor(0x00, 0x9E, 0x73), // bluish green
        new SKColor(0xCC, 0x79, 0xA7), // reddish purple
        new SKColor(0xE6, 0x9F, 0x00), // orange
        new SKColor(0x56, 0xB4, 0xE9), // sky blue
        new SKColor(0x00, 0x00, 0x00), // black
    ];

    private static readonly float[]?[] Dashes =
    [
        null,
        [18f, 8f],
        [3f, 7f],
        [18f, 6f, 3f, 6f],
        [9f, 6f],
        [18f, 6f, 3f, 6f, 3f, 6f],
        [30f, 6f, 9f, 6f],
    ];

    public static SKColor Background => SKColors.White;

    public static SKColor Text => new(0x20, 0x20, 0x20);

    public static SKColor Frame => new(0x40, 0x40, 0x40);

    public static SKColor Grid => new(0xDD, 0xDD, 0xDD);

    public static SKColor Note => new(0x60, 0x60, 0x60);

    public static SKColor Marker => new(0x10, 0x10, 0x10);

    /// <summary>The style of the series at <paramref name="index"/>, with an optional colour override.</summary>
    public static SeriesStyle ForSeries(int index, SKColor? colour) =>
        new(colour ?? Palette[index % Palette.Length], Dashes[index % Dashes.Length], LineWidth);

    public static MarkerShape MarkerFor(int index) => (MarkerShape)(index % 4);

    public static int DistinctSeriesCount => Math.Min(Palette.Length, Dashes.Length);
}
