using System.Globalization;

namespace SealMatch.Synthesis;

/// <summary>Compiles a <see cref="SealDesign"/> into an explicit <see cref="SealLayout"/>.</summary>
public static class LayoutCompiler
{
    /// <summary>Regular five-pointed star: inner radius / outer radius.</summary>
    public const double RegularStarInnerRatio = 0.381966;

    /// <summary>Compiles the design; the layout id equals the design id.</summary>
    public static SealLayout Compile(SealDesign design)
    {
        ArgumentNullException.ThrowIfNull(design);
        var elements = new List<SealElement>();
        double a = design.WidthMm / 2;
        double b = design.HeightMm / 2;
        double inner = design.BorderWidthMm;
        bool inverted = design.Grid?.Inverted == true;

        if (inverted)
        {
            elements.Add(new SolidElement("solid", design.Shape, 0, 0, design.WidthMm, design.HeightMm, design.CornerRadiusMm));
        }
        else
        {
            elements.Add(new RingElement("ring.outer", design.Shape, 0, 0, design.WidthMm, design.HeightMm, design.BorderWidthMm, design.CornerRadiusMm));
        }

        if (design.InnerRing is { } ir && !inverted)
        {
            double off = design.BorderWidthMm + ir.GapMm;
            elements.Add(new RingElement(
                "ring.inner", design.Shape, 0, 0, design.WidthMm - (2 * off), design.HeightMm - (2 * off), ir.StrokeMm, Math.Max(0, design.CornerRadiusMm - off)));
            inner = off + ir.StrokeMm;
        }

        if (design.Star is { } star)
        {
            elements.Add(new StarElement("star", 0, star.CentreYMm, star.DiameterMm / 2, RegularStarInnerRatio, star.RotationDeg));
        }

        for (int i = 0; i < design.Rules.Count; i++)
        {
            RuleSpec r = design.Rules[i];
            elements.Add(new LineElement($"rule{i}", -r.LengthMm / 2, r.CentreYMm, r.LengthMm / 2, r.CentreYMm, r.StrokeMm));
        }

        if (design.ArcText is { } arc)
        {
            double ra = a - inner - arc.InsetMm - (arc.CharHeightMm / 2);
            double rb = b - inner - arc.InsetMm - (arc.CharHeightMm / 2);
            PlaceOnEllipse(elements, "arc", arc.Text, arc.Font, arc.CharHeightMm, arc.WidthScale, design.TextWeightMm, ra, rb, arc.SpanDeg, upper: true);
        }

        if (design.Serial is { } serial)
        {
            double ra = a - inner - serial.InsetMm - (serial.CharHeightMm / 2);
            double rb = b - inner - serial.InsetMm - (serial.CharHeightMm / 2);
            PlaceOnEllipse(elements, "serial", serial.Digits, serial.Font, serial.CharHeightMm, serial.WidthScale, design.TextWeightMm * 0.5, ra, rb, serial.SpanDeg, upper: false);
        }

        for (int li = 0; li < design.Lines.Count; li++)
        {
            TextLineSpec line = design.Lines[li];
            PlaceLine(elements, string.Create(CultureInfo.InvariantCulture, $"line{li}"), line, design.TextWeightMm);
        }

        if (design.Grid is { } grid)
        {
            PlaceGrid(elements, design, grid);
        }

        return new SealLayout
        {
            Id = design.Id,
            DesignId = design.Id,
            Kind = design.Kind,
            Shape = design.Shape,
            WidthMm = design.WidthMm,
            HeightMm = design.HeightMm,
            CornerRadiusMm = design.CornerRadiusMm,
            Ink = design.Ink,
            Elements = elements,
        };
    }

    /// <summary>Width of a text line with zero letter spacing (sum of scaled advances).</summary>
    public static double NaturalLineWidth(string text, SealFont font, double charHeightMm, double widthScale)
    {
        ArgumentNullException.ThrowIfNull(text);
        double w = 0;
        foreach (char ch in text)
        {
            w += CharPitch(font, ch, charHeightMm, widthScale);
        }

        return w;
    }

    private static double CharPitch(SealFont font, char ch, double h, double widthScale) =>
        ch < 128 ? FontLibrary.AdvanceMm(font, ch, h) * widthScale : h * widthScale * 1.04;

    private static void PlaceLine(List<SealElement> elements, string prefix, TextLineSpec line, double weight)
    {
        double total = NaturalLineWidth(line.Text, line.Font, line.CharHeightMm, line.WidthScale) + (line.LetterSpacingMm * Math.Max(0, line.Text.Length - 1));
        double x = line.CentreXMm - (total / 2);
        for (int i = 0; i < line.Text.Length; i++)
        {
            char ch = line.Text[i];
            double pitch = CharPitch(line.Font, ch, line.CharHeightMm, line.WidthScale);
            if (ch != ' ')
            {
                elements.Add(new GlyphElement(
                    string.Create(CultureInfo.InvariantCulture, $"{prefix}[{i}]"), ch, line.Font, x + (pitch / 2), line.CentreYMm, 0, line.CharHeightMm, line.WidthScale, weight));
            }

            x += pitch + line.LetterSpacingMm;
        }
    }

    private static void PlaceGrid(List<SealElement> elements, SealDesign design, GridTextSpec grid)
    {
        double pad = design.BorderWidthMm + grid.PaddingMm;
        double innerW = design.WidthMm - (2 * pad);
        double innerH = design.HeightMm - (2 * pad);
        int cols = grid.ColumnCounts.Count;
        double cellW = innerW / cols;
        int k = 0;
        for (int c = 0; c < cols; c++)
        {
            int rows = grid.ColumnCounts[c];
            double cellH = innerH / rows;
            double cx = (design.WidthMm / 2) - pad - ((c + 0.5) * cellW);
            for (int r = 0; r < rows && k < grid.Text.Length; r++, k++)
            {
                double cy = -(design.HeightMm / 2) + pad + ((r + 0.5) * cellH);
                double h = cellH * grid.Fill;
                double ws = Math.Clamp(cellW * grid.Fill / (h * 1.02), 0.35, 2.2);
                elements.Add(new GlyphElement(
                    string.Create(CultureInfo.InvariantCulture, $"grid[{k}]"), grid.Text[k], grid.Font, cx, cy, 0, h, ws, design.TextWeightMm, grid.Inverted));
            }
        }
    }

    /// <summary>
    /// Places characters at equal arc length along the ellipse (semi-axes ra, rb) between polar angles
    /// ±span/2 around the top (upper, reading clockwise, tops outward) or the bottom (reading left to right,
    /// bottoms outward).
    /// </summary>
    private static void PlaceOnEllipse(
        List<SealElement> elements, string prefix, string text, SealFont font, double h, double widthScale, double weight, double ra, double rb, double spanDeg, bool upper)
    {
        int n = text.Length;
        if (n == 0)
        {
            return;
        }

        const int Steps = 2048;
        double half = spanDeg * Math.PI / 360;
        var xs = new double[Steps + 1];
        var ys = new double[Steps + 1];
        var cum = new double[Steps + 1];
        for (int i = 0; i <= Steps; i++)
        {
            double phi = -half + (2 * half * i / Steps);
            double s = Math.Sin(phi);
            double c = Math.Cos(phi);
            double r = ra * rb / Math.Sqrt((rb * s * rb * s) + (ra * c * ra * c));
            xs[i] = r * s;
            ys[i] = upper ? -r * c : r * c;
            if (i > 0)
            {
                cum[i] = cum[i - 1] + Math.Sqrt(((xs[i] - xs[i - 1]) * (xs[i] - xs[i - 1])) + ((ys[i] - ys[i - 1]) * (ys[i] - ys[i - 1])));
            }
        }

        double length = cum[Steps];
        int j = 0;
        for (int k = 0; k < n; k++)
        {
            double target = n == 1 ? length / 2 : length * k / (n - 1);
            while (j < Steps - 1 && cum[j + 1] < target)
            {
                j++;
            }

            double f = (target - cum[j]) / Math.Max(1e-12, cum[j + 1] - cum[j]);
            f = Math.Clamp(f, 0, 1);
            double x = xs[j] + (f * (xs[j + 1] - xs[j]));
            double y = ys[j] + (f * (ys[j + 1] - ys[j]));
            double nx = x / (ra * ra);
            double ny = y / (rb * rb);
            double rot = upper ? Math.Atan2(-nx, -ny) : Math.Atan2(nx, ny);
            char ch = text[k];
            if (ch == ' ')
            {
                continue;
            }

            elements.Add(new GlyphElement(
                string.Create(CultureInfo.InvariantCulture, $"{prefix}[{k}]"), ch, font, x, y, rot * 180 / Math.PI, h, widthScale, weight));
        }
    }
}
