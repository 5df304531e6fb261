using System.Collections.Concurrent;
using SkiaSharp;

namespace SealMatch.Synthesis;

/// <summary>
/// Process-wide typefaces and per-font metrics used to place glyphs by their visual centre and height.
/// Typefaces live for the whole process (they are shared, immutable and cheap to keep).
/// </summary>
public static class FontLibrary
{
    private static readonly ConcurrentDictionary<SealFont, Lazy<LoadedFont>> Fonts = new();

    /// <summary>Path, collection index and Debian package of a font.</summary>
    public static (string Path, int Index, string Package) Source(SealFont font) => font switch
    {
        SealFont.Song => ("/usr/share/fonts/truetype/arphic/uming.ttc", 0, "fonts-arphic-uming"),
        SealFont.Kai => ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0, "fonts-arphic-ukai"),
        SealFont.Hei => ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0, "fonts-wqy-zenhei"),
        _ => throw new ArgumentOutOfRangeException(nameof(font), font, "Unknown font."),
    };

    /// <summary>The shared typeface (do not dispose it).</summary>
    public static SKTypeface Typeface(SealFont font) => Get(font).Typeface;

    /// <summary>True when every character of <paramref name="text"/> has a glyph in <paramref name="font"/>.</summary>
    public static bool Covers(SealFont font, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        LoadedFont f = Get(font);
        lock (f)
        {
            return f.Font.ContainsGlyphs(text);
        }
    }

    /// <summary>True when every character of <paramref name="text"/> has a glyph in every listed font.</summary>
    public static bool CoversAll(IEnumerable<SealFont> fonts, string text)
    {
        ArgumentNullException.ThrowIfNull(fonts);
        foreach (SealFont f in fonts)
        {
            if (!Covers(f, text))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The outline of <paramref name="ch"/> in millimetres, centred on the glyph cell (horizontal centre of
    /// the advance, vertical centre of the reference glyph 国 or 0) and scaled so the reference glyph is
    /// <paramref name="heightMm"/> tall; then scaled horizontally by <paramref name="widthScale"/>,
    /// rotated counter-clockwise (as seen in y-down image coordinates) by <paramref name="rotationDeg"/>
    /// and moved to (<paramref name="x"/>, <paramref name="y"/>). The caller disposes the path.
    /// </summary>
    internal static SKPath GlyphPath(SealFont font, char ch, double x, double y, double heightMm, double widthScale, double rotationDeg)
    {
        LoadedFont f = Get(font);
        SKPath path;
        float advance;
        bool digit = ch < 128;
        lock (f)
        {
            ushort glyph = f.Font.GetGlyph(ch);
            if (glyph == 0)
            {
                throw new InvalidOperationException($"Font {font} has no glyph for U+{(int)ch:X4}.");
            }

            path = f.Font.GetGlyphPath(glyph) ?? new SKPath();
            advance = f.Font.GetGlyphWidths(ch.ToString())[0];
        }

        SKRect reference = digit ? f.DigitBounds : f.IdeographBounds;
        float k = (float)(heightMm / reference.Height);
        SKMatrix m = SKMatrix.CreateTranslation(-advance / 2f, -reference.MidY);
        m = m.PostConcat(SKMatrix.CreateScale(k * (float)widthScale, k));
        m = m.PostConcat(SKMatrix.CreateRotationDegrees((float)-rotationDeg));
        m = m.PostConcat(SKMatrix.CreateTranslation((float)x, (float)y));
        path.Transform(m);
        return path;
    }

    /// <summary>Width of <paramref name="ch"/>'s advance in mm for a given glyph height (before width scale).</summary>
    internal static double AdvanceMm(SealFont font, char ch, double heightMm)
    {
        LoadedFont f = Get(font);
        float advance;
        lock (f)
        {
            advance = f.Font.GetGlyphWidths(ch.ToString())[0];
        }

        SKRect reference = ch < 128 ? f.DigitBounds : f.IdeographBounds;
        return advance * heightMm / reference.Height;
    }

    /// <summary>
    /// Skia font size (in the canvas's units, e.g. mm) that makes an ideograph <paramref name="heightMm"/> tall,
    /// and the offset from the ideographs' vertical centre to the baseline at that size.
    /// </summary>
    internal static (float Size, float BaselineOffset) SizeForHeight(SealFont font, double heightMm)
    {
        LoadedFont f = Get(font);
        float size = (float)(heightMm * 100 / f.IdeographBounds.Height);
        return (size, -f.IdeographBounds.MidY * size / 100f);
    }

    private static LoadedFont Get(SealFont font) =>
        Fonts.GetOrAdd(font, key => new Lazy<LoadedFont>(() => LoadedFont.Load(key))).Value;

    private sealed class LoadedFont
    {
        private LoadedFont(SKTypeface typeface, SKFont font, SKRect ideograph, SKRect digit)
        {
            Typeface = typeface;
            Font = font;
            IdeographBounds = ideograph;
            DigitBounds = digit;
        }

        public SKTypeface Typeface { get; }

        public SKFont Font { get; }

        public SKRect IdeographBounds { get; }

        public SKRect DigitBounds { get; }

        public static LoadedFont Load(SealFont which)
        {
            (string path, int index, string package) = Source(which);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException(
                    $"Font file {path} for {which} is missing; install the Debian package '{package}' (apt-get install {package}).", path);
            }

            SKTypeface typeface = SKTypeface.FromFile(path, index)
                ?? throw new InvalidOperationException($"Could not load {path} (index {index}); reinstall the Debian package '{package}'.");

            // Outline size 100 units: paths are exact at any size; hinting is off so outlines are not snapped.
            var font = new SKFont(typeface, 100f)
            {
                Hinting = SKFontHinting.None,
                Subpixel = true,
                LinearMetrics = true,
            };
            return new LoadedFont(typeface, font, Bounds(font, '国'), Bounds(font, '0'));
        }

        private static SKRect Bounds(SKFont font, char ch)
        {
            using SKPath p = font.GetGlyphPath(font.GetGlyph(ch));
            return p.Bounds;
        }
    }
}
