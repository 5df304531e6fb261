using SkiaSharp;

namespace SealMatch.Evaluation.Plots;

/// <summary>Where a legend box goes relative to the plot area.</summary>
internal enum LegendPlacement
{
    TopRight,
    BottomRight,
    OutsideRight,
}

/// <summary>One legend row: a line sample, a marker, or both.</summary>
internal readonly record struct LegendEntry(string Label, SeriesStyle? Line, MarkerShape? Marker);

/// <summary>
/// All shared drawing for the evaluation plots: the PNG surface, text, title, axes with ticks and grid,
/// series, markers, labelled vertical lines, legend and notes. One panel is one pair of axes inside
/// <see cref="Bounds"/>; figures with several panels draw several into one canvas.
/// </summary>
internal sealed class PlotPanel
{
    public const float TitleSize = 30f;
    public const float AxisTitleSize = 22f;
    public const float TickLabelSize = 18f;
    public const float LegendSize = 18f;
    public const float NoteSize = 16f;

    private const string FontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    private const float TopMargin = 72f;
    private const float LeftMargin = 112f;
    private const float BottomMargin = 112f;
    private const float TickLength = 7f;

    private static readonly Lazy<SKTypeface> Typeface = new(LoadTypeface);

    // Boxes already taken by the legend and by earlier labels; later labels try to avoid them.
    private readonly List<SKRect> _occupied = [];

    public PlotPanel(SKRect bounds, Axis x, Axis y, float rightMargin = 40f)
    {
        Bounds = bounds;
        X = x;
        Y = y;
        PlotArea = new SKRect(bounds.Left + LeftMargin, bounds.Top + TopMargin, bounds.Right - rightMargin, bounds.Bottom - BottomMargin);
    }

    public SKRect Bounds { get; }

    /// <summary>The rectangle inside the axes, in canvas pixels.</summary>
    public SKRect PlotArea { get; }

    public Axis X { get; }

    public Axis Y { get; }

    /// <summary>Canvas position of a data point (y grows upwards in data, downwards on the canvas).</summary>
    public SKPoint Map(double x, double y) => new(
        (float)(PlotArea.Left + (X.Fraction(x) * PlotArea.Width)),
        (float)(PlotArea.Bottom - (Y.Fraction(y) * PlotArea.Height)));

    /// <summary>Creates a white canvas of the given size, lets <paramref name="draw"/> paint it and writes a PNG.</summary>
    public static void SavePng(string path, int width, int height, Action<SKCanvas> draw)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 200);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 200);

        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using SKSurface surface = SKSurface.Create(info)
            ?? throw new InvalidOperationException($"Could not create a {width}×{height} drawing surface.");
        SKCanvas canvas = surface.Canvas;
        canvas.Clear(PlotStyle.Background);
        draw(canvas);
        canvas.Flush();

        using SKImage image = surface.Snapshot();
        using SKData png = image.Encode(SKEncodedImageFormat.Png, 100);
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        using FileStream file = File.Create(path);
        png.SaveTo(file);
    }

    /// <summary>Draws text; with <paramref name="halo"/> a translucent white box keeps it readable over lines.</summary>
    public static void DrawText(SKCanvas canvas, string text, float x, float y, SKTextAlign align, float size, SKColor colour, bool halo = false)
    {
        using SKFont font = CreateFont(size);
        using var paint = new SKPaint { Color = colour, IsAntialias = true };
        if (halo)
        {
            float width = font.MeasureText(text);
            float left = align switch
            {
                SKTextAlign.Center => x - (width / 2f),
                SKTextAlign.Right => x - width,
                _ => x,
            };
            using var box = new SKPaint { Color = PlotStyle.Background.WithAlpha(220), IsAntialias = true };
            canvas.DrawRect(new SKRect(left - 4f, y - (size * 0.95f), left + width + 4f, y + (size * 0.3f)), box);
        }

        canvas.DrawText(text, x, y, align, font, paint);
    }

    public static float MeasureText(string text, float size)
    {
        using SKFont font = CreateFont(size);
        return font.MeasureText(text);
    }

    /// <summary>Panel title, grid, frame, ticks, tick labels and axis titles.</summary>
    public void DrawFrame(SKCanvas canvas, string title)
    {
        SKRect area = PlotArea;
        DrawText(canvas, title, (Bounds.Left + Bounds.Right) / 2f, Bounds.Top + 44f, SKTextAlign.Center, TitleSize, PlotStyle.Text);

        using var grid = new SKPaint { Color = PlotStyle.Grid, StrokeWidth = 1f, IsStroke = true, IsAntialias = true };
        using var frame = new SKPaint { Color = PlotStyle.Frame, StrokeWidth = 1.5f, IsStroke = true, IsAntialias = true };

        foreach (AxisTick tick in X.Ticks)
        {
            float x = Map(tick.Value, Y.Min).X;
            canvas.DrawLine(x, area.Top, x, area.Bottom, grid);
            canvas.DrawLine(x, area.Bottom, x, area.Bottom + TickLength, frame);
            DrawText(canvas, tick.Label, x, area.Bottom + TickLength + 22f, SKTextAlign.Center, TickLabelSize, PlotStyle.Text);
        }

        foreach (AxisTick tick in Y.Ticks)
        {
            float y = Map(X.Min, tick.Value).Y;
            canvas.DrawLine(area.Left, y, area.Right, y, grid);
            canvas.DrawLine(area.Left - TickLength, y, area.Left, y, frame);
            DrawText(canvas, tick.Label, area.Left - TickLength - 6f, y + (TickLabelSize * 0.35f), SKTextAlign.Right, TickLabelSize, PlotStyle.Text);
        }

        canvas.DrawRect(area, frame);

        DrawText(canvas, X.Title, area.MidX, area.Bottom + 66f, SKTextAlign.Center, AxisTitleSize, PlotStyle.Text);

        canvas.Save();
        float yTitleX = Bounds.Left + 34f;
        canvas.RotateDegrees(-90f, yTitleX, area.MidY);
        DrawText(canvas, Y.Title, yTitleX, area.MidY, SKTextAlign.Center, AxisTitleSize, PlotStyle.Text);
        canvas.Restore();
    }

    /// <summary>A polyline through data points, clipped to the plot area (plus the line width).</summary>
    public void DrawPolyline(SKCanvas canvas, IReadOnlyList<(double X, double Y)> points, SeriesStyle style)
    {
        if (points.Count == 0)
        {
            return;
        }

        using var builder = new SKPathBuilder();
        SKPoint last = Map(points[0].X, points[0].Y);
        builder.MoveTo(last);
        for (int i = 1; i < points.Count; i++)
        {
            SKPoint next = Map(points[i].X, points[i].Y);

            // Thousands of thresholds collapse onto a few pixels; skipping sub-pixel moves keeps the path small.
            if (i < points.Count - 1 && Math.Abs(next.X - last.X) < 0.25f && Math.Abs(next.Y - last.Y) < 0.25f)
            {
                continue;
            }

            builder.LineTo(next);
            last = next;
        }

        using SKPath path = builder.Detach();
        using SKPathEffect? dash = CreateDash(style);
        using SKPaint paint = CreateStroke(style, dash);
        canvas.Save();
        canvas.ClipRect(Inflate(PlotArea, style.Width));
        canvas.DrawPath(path, paint);
        canvas.Restore();
    }

    /// <summary>An operating-point marker that later labels keep clear of.</summary>
    public void DrawPointMarker(SKCanvas canvas, SKPoint at, MarkerShape shape)
    {
        const float Radius = 8f;
        _occupied.Add(new SKRect(at.X - Radius - 2f, at.Y - Radius - 2f, at.X + Radius + 2f, at.Y + Radius + 2f));
        DrawMarker(canvas, at, shape, Radius);
    }

    /// <summary>A marker centred on <paramref name="at"/>: white fill, dark outline.</summary>
    public static void DrawMarker(SKCanvas canvas, SKPoint at, MarkerShape shape, float radius = 8f)
    {
        using var builder = new SKPathBuilder();
        switch (shape)
        {
            case MarkerShape.Square:
                float half = radius * 0.85f;
                builder.AddRect(new SKRect(at.X - half, at.Y - half, at.X + half, at.Y + half), SKPathDirection.Clockwise);
                break;
            case MarkerShape.Triangle:
                builder.MoveTo(at.X, at.Y - radius);
                builder.LineTo(at.X + (radius * 0.95f), at.Y + (radius * 0.7f));
                builder.LineTo(at.X - (radius * 0.95f), at.Y + (radius * 0.7f));
                builder.Close();
                break;
            case MarkerShape.Diamond:
                builder.MoveTo(at.X, at.Y - radius);
                builder.LineTo(at.X + radius, at.Y);
                builder.LineTo(at.X, at.Y + radius);
                builder.LineTo(at.X - radius, at.Y);
                builder.Close();
                break;
            default:
                builder.AddCircle(at.X, at.Y, radius * 0.9f, SKPathDirection.Clockwise);
                break;
        }

        using SKPath path = builder.Detach();
        using var fill = new SKPaint { Color = PlotStyle.Background, IsAntialias = true };
        using var outline = new SKPaint { Color = PlotStyle.Marker, StrokeWidth = 2.5f, IsStroke = true, IsAntialias = true };
        canvas.DrawPath(path, fill);
        canvas.DrawPath(path, outline);
    }

    /// <summary>True when a canvas point lies inside the plot area (edges included, to half a pixel).</summary>
    public bool Contains(SKPoint point) =>
        point.X >= PlotArea.Left - 0.5f && point.X <= PlotArea.Right + 0.5f && point.Y >= PlotArea.Top - 0.5f && point.Y <= PlotArea.Bottom + 0.5f;

    /// <summary>The nearest point of the plot area.</summary>
    public SKPoint ClampToArea(SKPoint point) =>
        new(Math.Clamp(point.X, PlotArea.Left, PlotArea.Right), Math.Clamp(point.Y, PlotArea.Top, PlotArea.Bottom));

    /// <summary>
    /// A label beside a marker. Candidate spots (above-right, below-right, above-left, below-left,
    /// centred above, centred below) are moved inside the plot area; the first one clear of the
    /// legend, earlier markers and earlier labels wins, otherwise the one overlapping them least.
    /// </summary>
    public void DrawMarkerLabel(SKCanvas canvas, SKPoint at, string text)
    {
        const float Offset = 12f;
        float width = MeasureText(text, LegendSize) + 8f;
        float height = LegendSize * 1.25f;
        Span<SKRect> candidates =
        [
            SKRect.Create(at.X + Offset, at.Y - Offset - height, width, height),
            SKRect.Create(at.X + Offset, at.Y + Offset, width, height),
            SKRect.Create(at.X - Offset - width, at.Y - Offset - height, width, height),
            SKRect.Create(at.X - Offset - width, at.Y + Offset, width, height),
            SKRect.Create(at.X - (width / 2f), at.Y - Offset - height, width, height),
            SKRect.Create(at.X - (width / 2f), at.Y + Offset, width, height),
        ];

        SKRect best = default;
        float bestOverlap = float.PositiveInfinity;
        foreach (SKRect candidate in candidates)
        {
            SKRect box = ClampInto(candidate, PlotArea);
            float overlap = 0f;
            foreach (SKRect taken in _occupied)
            {
                SKRect common = SKRect.Intersect(box, taken);
                overlap += common.IsEmpty ? 0f : common.Width * common.Height;
            }

            if (overlap < bestOverlap)
            {
                best = box;
                bestOverlap = overlap;
            }

            if (overlap == 0f)
            {
                break;
            }
        }

        _occupied.Add(best);
        DrawText(canvas, text, best.Left + 4f, best.Bottom - (LegendSize * 0.3f), SKTextAlign.Left, LegendSize, PlotStyle.Text, halo: true);
    }

    /// <summary>
    /// A dashed vertical line at data value <paramref name="x"/> with its label near the top;
    /// <paramref name="row"/> staggers the labels of neighbouring lines.
    /// </summary>
    public void DrawVerticalLine(SKCanvas canvas, double x, string label, int row)
    {
        float px = Map(x, Y.Min).X;
        using var effect = SKPathEffect.CreateDash([10f, 6f], 0f);
        using var paint = new SKPaint { Color = PlotStyle.Marker, StrokeWidth = 2f, IsStroke = true, IsAntialias = true, PathEffect = effect };
        canvas.DrawLine(px, PlotArea.Top, px, PlotArea.Bottom, paint);

        float width = MeasureText(label, LegendSize);
        bool fitsRight = px + 8f + width <= PlotArea.Right - 4f;
        float y = PlotArea.Top + 26f + (row * (LegendSize + 10f));
        DrawText(canvas, label, fitsRight ? px + 8f : px - 8f, y, fitsRight ? SKTextAlign.Left : SKTextAlign.Right, LegendSize, PlotStyle.Text, halo: true);
    }

    /// <summary>
    /// Reserves the legend's box so that labels drawn before the legend avoid it. Call before drawing
    /// labels, with the same entries and placement as <see cref="DrawLegend"/>.
    /// </summary>
    public void ReserveLegend(IReadOnlyList<LegendEntry> entries, LegendPlacement placement)
    {
        if (entries.Count > 0)
        {
            _occupied.Add(LayoutLegend(entries, placement).Box);
        }
    }

    /// <summary>A boxed legend; each row shows the line style and/or marker it explains.</summary>
    public void DrawLegend(SKCanvas canvas, IReadOnlyList<LegendEntry> entries, LegendPlacement placement)
    {
        if (entries.Count == 0)
        {
            return;
        }

        LegendLayout layout = LayoutLegend(entries, placement);
        SKRect box = layout.Box;
        using var fill = new SKPaint { Color = PlotStyle.Background.WithAlpha(235), IsAntialias = true };
        using var border = new SKPaint { Color = PlotStyle.Frame, StrokeWidth = 1f, IsStroke = true, IsAntialias = true };
        canvas.DrawRect(box, fill);
        canvas.DrawRect(box, border);

        for (int i = 0; i < entries.Count; i++)
        {
            LegendEntry entry = entries[i];
            float midY = box.Top + LegendLayout.Padding + (i * LegendLayout.RowHeight) + 12f;
            float sampleLeft = box.Left + LegendLayout.Padding;
            if (entry.Line is SeriesStyle style)
            {
                using SKPathEffect? dash = CreateDash(style);
                using SKPaint stroke = CreateStroke(style, dash);
                canvas.DrawLine(sampleLeft, midY, sampleLeft + LegendLayout.SampleWidth, midY, stroke);
            }

            if (entry.Marker is MarkerShape shape)
            {
                DrawMarker(canvas, new SKPoint(sampleLeft + (LegendLayout.SampleWidth / 2f), midY), shape, 7f);
            }

            float textLeft = sampleLeft + LegendLayout.SampleWidth + LegendLayout.Gap;
            canvas.Save();
            canvas.ClipRect(new SKRect(textLeft, box.Top, box.Right - 4f, box.Bottom));
            DrawText(canvas, entry.Label, textLeft, midY + (layout.FontSize * 0.35f), SKTextAlign.Left, layout.FontSize, PlotStyle.Text);
            canvas.Restore();
        }
    }

    /// <summary>The strip below the x-axis title that holds the note, if any.</summary>
    public SKRect NoteArea => new(PlotArea.Left, PlotArea.Bottom + 80f, Bounds.Right, Bounds.Bottom);

    /// <summary>A small explanatory note on its own line below the x-axis title.</summary>
    public void DrawNote(SKCanvas canvas, string text) =>
        DrawText(canvas, text, NoteArea.Left, NoteArea.Top + 18f, SKTextAlign.Left, NoteSize, PlotStyle.Note);

    /// <summary>The dash effect for a style, or null for a solid line; the caller disposes it after the paint.</summary>
    private static SKPathEffect? CreateDash(SeriesStyle style) =>
        style.Dash is float[] dash ? SKPathEffect.CreateDash(dash, 0f) : null;

    private static SKPaint CreateStroke(SeriesStyle style, SKPathEffect? dash) => new()
    {
        Color = style.Colour,
        StrokeWidth = style.Width,
        IsStroke = true,
        IsAntialias = true,
        StrokeCap = SKStrokeCap.Round,
        StrokeJoin = SKStrokeJoin.Round,
        PathEffect = dash,
    };

    private static SKFont CreateFont(float size) => new(Typeface.Value, size)
    {
        Edging = SKFontEdging.Antialias,
        Subpixel = true,
    };

    private static SKRect Inflate(SKRect rect, float by) => new(rect.Left - by, rect.Top - by, rect.Right + by, rect.Bottom + by);

    private static SKRect ClampInto(SKRect rect, SKRect area)
    {
        float dx = rect.Left < area.Left ? area.Left - rect.Left : rect.Right > area.Right ? area.Right - rect.Right : 0f;
        float dy = rect.Top < area.Top ? area.Top - rect.Top : rect.Bottom > area.Bottom ? area.Bottom - rect.Bottom : 0f;
        return SKRect.Create(rect.Left + dx, rect.Top + dy, rect.Width, rect.Height);
    }

    /// <summary>
    /// Legend box and font size. A legend outside the plot area shrinks its font (down to 13 px) to fit
    /// the space right of the axes; labels that still do not fit are clipped at the box edge.
    /// </summary>
    private LegendLayout LayoutLegend(IReadOnlyList<LegendEntry> entries, LegendPlacement placement)
    {
        float textWidth = 0f;
        foreach (LegendEntry entry in entries)
        {
            textWidth = Math.Max(textWidth, MeasureText(entry.Label, LegendSize));
        }

        float fontSize = LegendSize;
        float fixedWidth = (2f * LegendLayout.Padding) + LegendLayout.SampleWidth + LegendLayout.Gap;
        float width = fixedWidth + textWidth;
        if (placement == LegendPlacement.OutsideRight)
        {
            float available = Bounds.Right - PlotArea.Right - LegendLayout.OutsideGap - 8f;
            if (width > available)
            {
                fontSize = Math.Max(13f, LegendSize * (available - fixedWidth) / textWidth);
                width = Math.Min(available, fixedWidth + (textWidth * fontSize / LegendSize));
            }
        }

        float height = (2f * LegendLayout.Padding) + (entries.Count * LegendLayout.RowHeight) - 6f;
        SKPoint origin = placement switch
        {
            LegendPlacement.BottomRight => new SKPoint(PlotArea.Right - 14f - width, PlotArea.Bottom - 14f - height),
            LegendPlacement.OutsideRight => new SKPoint(PlotArea.Right + LegendLayout.OutsideGap, PlotArea.Top),
            _ => new SKPoint(PlotArea.Right - 14f - width, PlotArea.Top + 14f),
        };
        return new LegendLayout(SKRect.Create(origin, new SKSize(width, height)), fontSize);
    }

    private static SKTypeface LoadTypeface()
    {
        SKTypeface? typeface = File.Exists(FontPath) ? SKTypeface.FromFile(FontPath) : null;
        return typeface ?? SKTypeface.Default;
    }
}

/// <summary>Where a legend goes and at which font size.</summary>
internal readonly record struct LegendLayout(SKRect Box, float FontSize)
{
    public const float Padding = 12f;
    public const float SampleWidth = 52f;
    public const float Gap = 10f;
    public const float RowHeight = 30f;
    public const float OutsideGap = 18f;
}
