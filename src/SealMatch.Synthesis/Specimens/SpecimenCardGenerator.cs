using System.Globalization;
using SkiaSharp;

namespace SealMatch.Synthesis;

/// <summary>
/// Scanned specimen cards (印鉴卡, 180 mm or A5 wide): printed title and account fields, one 预留印鉴 box
/// per seal of the account stamped with care (<see cref="ImpressionConditions.RandomSpecimen"/>: full ink,
/// no missing part, rotation ±8°, still elastic and textured), and one or two signature boxes with the
/// legal representative's handwritten signature.
/// </summary>
public static class SpecimenCardGenerator
{
    /// <summary>Generates the account's specimen card.</summary>
    public static GeneratedDocument Generate(AccountSeals account, ScanSettings scan, SynthRandom rng)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(rng);
        SynthRandom geo = rng.Fork("geometry");
        double w = geo.Bernoulli(0.6) ? 180 : 210;
        int signatures = geo.Bernoulli(0.6) ? 1 : 2;

        // Boxes: one per seal (its size + margin), then the signature boxes; packed into rows.
        var boxes = new List<(double W, double H, SealDesign? Design)>();
        foreach (SealDesign d in account.Designs)
        {
            boxes.Add((Math.Max(30, d.WidthMm + geo.Uniform(8, 14)), d.HeightMm + geo.Uniform(12, 16), d));
        }

        for (int i = 0; i < signatures; i++)
        {
            boxes.Add((geo.Uniform(45, 60), 28, null));
        }

        double fieldsBottom = 34;
        double x = 5;
        double y = fieldsBottom;
        double rowH = 0;
        var placedBoxes = new List<(SKRect Rect, SealDesign? Design)>();
        foreach ((double bw, double bh, SealDesign? d) in boxes)
        {
            if (x + bw > w - 5 && x > 5)
            {
                x = 5;
                y += rowH;
                rowH = 0;
            }

            rowH = Math.Max(rowH, bh);
            placedBoxes.Add((new SKRect((float)x, (float)y, (float)(x + bw), (float)(y + bh)), d));
            x += bw;
        }

        double h = Math.Max(100, y + rowH + 8);

        // Every box of a row gets the row's height.
        var rowBottoms = new Dictionary<float, float>();
        foreach ((SKRect r, _) in placedBoxes)
        {
            rowBottoms[r.Top] = Math.Max(rowBottoms.GetValueOrDefault(r.Top), r.Bottom);
        }

        for (int i = 0; i < placedBoxes.Count; i++)
        {
            SKRect r = placedBoxes[i].Rect;
            placedBoxes[i] = (new SKRect(r.Left, r.Top, r.Right, rowBottoms[r.Top]), placedBoxes[i].Design);
        }

        // Stretch each row's boxes to the full width so the grid looks printed.
        foreach (IGrouping<float, (SKRect Rect, SealDesign? Design)> row in placedBoxes.GroupBy(b => b.Rect.Top).ToList())
        {
            double total = row.Sum(b => b.Rect.Width);
            double f = (w - 10) / total;
            double bx = 5;
            foreach ((SKRect Rect, SealDesign? Design) b in row)
            {
                int idx = placedBoxes.IndexOf(b);
                double bw = b.Rect.Width * f;
                placedBoxes[idx] = (new SKRect((float)bx, b.Rect.Top, (float)(bx + bw), b.Rect.Bottom), b.Design);
                bx += bw;
            }
        }

        var impressions = new List<PlacedImpression>();
        int k = 0;
        foreach ((SKRect r, SealDesign? d) in placedBoxes)
        {
            if (d is null)
            {
                continue;
            }

            SealLayout layout = account.Layout(d);
            SynthRandom pr = rng.Fork("seal", k);
            ImpressionConditions c = ImpressionConditions.RandomSpecimen(pr.Fork("conditions"));
            double cx = r.MidX + pr.Uniform(-2, 2);
            double cy = r.MidY + 2 + pr.Uniform(-1.5, 1.5);
            impressions.Add(new PlacedImpression(
                string.Create(CultureInfo.InvariantCulture, $"specimen{k}"), ImpressionSource.Genuine(layout, c), cx, cy, SlotRole.SpecimenBox, null));
            k++;
        }

        string opened = new DateOnly(2018, 1, 1).AddDays(geo.Int(0, 2500)).ToString("yyyy年MM月dd日", CultureInfo.InvariantCulture);
        string accountNo = string.Concat(Enumerable.Range(0, 19).Select(i => (char)('0' + geo.Int(i == 0 ? 1 : 0, 10))));
        string bank = SealDesigner.BankBranchName(geo.Fork("bank"));
        SynthRandom drawRng = rng.Fork("draw");

        List<RegionMm> Draw(PrintSurface surface)
        {
            SKCanvas canvas = surface.Canvas;
            var regions = new List<RegionMm>();
            SynthRandom dr = drawRng;
            canvas.Clear(PrintKit.Paper(dr));
            SKColor form = dr.Pick([new SKColor(35, 35, 35), new SKColor(25, 50, 120), new SKColor(20, 90, 60)]);
            SealFont font = dr.Pick([SealFont.Song, SealFont.Hei]);
            if (dr.Bernoulli(0.5))
            {
                (SKColor tint, SKColor line) = PrintKit.SecurityTint(dr);
                PrintKit.Guilloche(surface, new SKRect(2, 2, (float)w - 2, 30), tint, line, dr);
            }

            PrintKit.Rect(canvas, new SKRect(3, 3, (float)w - 3, (float)h - 3), 0.3, form);
            Text(canvas, regions, dr.Bernoulli(0.5) ? "预留印鉴卡" : "印鉴卡", font, w / 2, 9, 5.5, form, TextAnchor.Centre, bold: true);
            Text(canvas, regions, bank, font, w - 6, 9, 2.6, form, TextAnchor.Right);
            double ly = 17;
            Text(canvas, regions, "户名：", font, 6, ly, 3, form);
            Text(canvas, regions, account.CompanyName, font, 18, ly, 3.2, new SKColor(20, 20, 20));
            Text(canvas, regions, "账号：", font, (w * 0.62) - 2, ly, 3, form);
            Text(canvas, regions, accountNo, SealFont.Hei, (w * 0.62) + 9, ly, 2.8, new SKColor(20, 20, 20));
            ly = 25;
            Text(canvas, regions, "开户日期：", font, 6, ly, 3, form);
            Text(canvas, regions, opened, font, 24, ly, 3, new SKColor(20, 20, 20));
            Text(canvas, regions, "币种：人民币", font, w * 0.42, ly, 3, form);
            Text(canvas, regions, "法定代表人：" + account.LegalRepresentative, font, (w * 0.62) - 2, ly, 3, form);
            PrintKit.Line(canvas, 3, fieldsBottom, w - 3, fieldsBottom, 0.25, form);
            SKColor pen = Handwriting.PenColour(dr);
            foreach ((SKRect r, SealDesign? d) in placedBoxes)
            {
                PrintKit.Rect(canvas, r, 0.2, form);
                if (d is not null)
                {
                    Text(canvas, regions, "预留印鉴", font, r.Left + 1.5, r.Top + 3, 2.6, form);
                    regions.Add(new RegionMm("specimen-box", d.Id, r));
                }
                else
                {
                    Text(canvas, regions, "预留签字", font, r.Left + 1.5, r.Top + 3, 2.6, form);
                    regions.Add(new RegionMm("signature-box", "预留签字", r));
                    var area = new SKRect(r.Left + 3, r.Top + 7, r.Right - 3, r.Bottom - 3);
                    SKRect sig = Handwriting.Signature(canvas, account.LegalRepresentative, area, pen, dr.Fork("signature", (long)r.Left));
                    regions.Add(new RegionMm("signature", account.LegalRepresentative, sig));
                }
            }

            return regions;
        }

        return DocumentComposer.Compose(DocumentKind.SpecimenCard, w, h, scan, Draw, impressions, rng.Fork("compose"));
    }

    private static void Text(
        SKCanvas canvas, List<RegionMm> regions, string text, SealFont font, double x, double y, double height, SKColor colour, TextAnchor anchor = TextAnchor.Left, bool bold = false)
    {
        SKRect r = PrintKit.Text(canvas, text, font, x, y, height, colour, anchor, 1, bold);
        regions.Add(new RegionMm("print", text, r));
    }
}
