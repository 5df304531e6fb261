using System.Globalization;
using SkiaSharp;

namespace SealMatch.Synthesis;

/// <summary>
/// Cheque-like (175–200 × 70–95 mm) and transfer-slip-like (210 × 95–140 mm) payment slips with security
/// background, printed form, handwriting and seal impressions, scanned. Seals in the 出票人签章 box overlap
/// its label and rules.
/// </summary>
public static class SlipGenerator
{
    /// <summary>Generates one slip image and its truth.</summary>
    public static GeneratedDocument Generate(SlipSpec spec, ScanSettings scan, SynthRandom rng)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(rng);
        SynthRandom formRng = rng.Fork("form");
        DocumentKind kind = spec.Kind ?? (formRng.Bernoulli(0.6) ? DocumentKind.Cheque : DocumentKind.TransferSlip);
        if (kind is not (DocumentKind.Cheque or DocumentKind.TransferSlip))
        {
            throw new ArgumentException("A slip is a cheque or a transfer slip.", nameof(spec));
        }

        double w = kind == DocumentKind.Cheque ? formRng.Uniform(175, 200) : formRng.Uniform(205, 212);
        double h = kind == DocumentKind.Cheque ? formRng.Uniform(70, 95) : formRng.Uniform(95, 140);
        var content = SlipContent.Random(formRng.Fork("content"), spec.PayerName);
        SynthRandom signer = formRng.Fork("signer");
        string? signature = spec.SignerName ?? (signer.Bernoulli(0.35) ? SealDesigner.PersonName(signer) : null);
        var form = new SlipForm(kind, w, h, content, formRng.Fork("draw"), formRng.Fork("red").Bernoulli(spec.RedPrintProbability), signature);

        // Lay the form out once (without drawing) to know where the boxes are, then place the impressions.
        List<PlacedImpression> placed = Place(spec, form, rng.Fork("placement"));
        return DocumentComposer.Compose(kind, w, h, scan, form.Draw, placed, rng.Fork("compose"));
    }

    private static List<PlacedImpression> Place(SlipSpec spec, SlipForm form, SynthRandom rng)
    {
        var result = new List<PlacedImpression>();
        var circles = new List<(double X, double Y, double R)>();
        SKRect box = form.SignatureBox;
        double nextX = box.Left;
        for (int i = 0; i < spec.Impressions.Count; i++)
        {
            SlipImpression si = spec.Impressions[i];
            SealLayout l = si.Source.Layout;
            double r = Math.Max(l.WidthMm, l.HeightMm) / 2;
            double x;
            double y;
            string? touching = null;
            switch (si.Role)
            {
                case SlotRole.TouchingOther when si.TouchIndex >= 0 && si.TouchIndex < i:
                {
                    (double ox, double oy, double orad) = circles[si.TouchIndex];
                    double overlap = si.OverlapFraction * 2 * Math.Min(r, orad);
                    double dist = r + orad - overlap;
                    double ang = rng.Uniform(-35, 35) * Math.PI / 180;
                    if (ox + dist + r > form.WidthMm - 2)
                    {
                        ang = Math.PI - ang;
                    }

                    x = ox + (dist * Math.Cos(ang));
                    y = oy - (dist * Math.Sin(ang));
                    touching = result[si.TouchIndex].Id;
                    break;
                }

                case SlotRole.Elsewhere:
                    (x, y) = FreeSpot(form, r, circles, rng);
                    break;
                default:
                    x = nextX + r + rng.Uniform(-2, 6);
                    y = box.MidY + (rng.Uniform(-0.18, 0.18) * box.Height);
                    break;
            }

            x = Math.Clamp(x, r + 1, form.WidthMm - r - 1);
            y = Math.Clamp(y, Math.Min(r + 1, form.HeightMm / 2), Math.Max(form.HeightMm - r - 1, form.HeightMm / 2));
            if (si.CentreMm is { } fixedCentre)
            {
                (x, y) = fixedCentre;
            }

            nextX = Math.Max(nextX, x + r + rng.Uniform(0, 4));
            circles.Add((x, y, r));
            string id = string.Create(CultureInfo.InvariantCulture, $"imp{i}");
            SlotRole role = si.Role == SlotRole.TouchingOther && touching is null ? SlotRole.SignatureBox : si.Role;
            result.Add(new PlacedImpression(id, si.Source, x, y, role, touching));
        }

        if (spec.AddBankStamp)
        {
            SealDesign bank = SealDesigner.BankProcessingStamp(rng.Fork("bank-design"), "bank-" + rng.NextUInt64().ToString("x8", CultureInfo.InvariantCulture)[..8], form.Content.BankBranch, form.Content.Date);
            SealLayout layout = LayoutCompiler.Compile(bank);
            double r = Math.Max(layout.WidthMm, layout.HeightMm) / 2;
            (double x, double y) = form.BankBox is { } bb && bb.Width > 2 * r * 0.8
                ? (bb.MidX + rng.Uniform(-0.15, 0.15) * bb.Width, bb.MidY + rng.Uniform(-0.15, 0.15) * bb.Height)
                : FreeSpot(form, r, circles, rng);
            x = Math.Clamp(x, r + 1, form.WidthMm - r - 1);
            y = Math.Clamp(y, Math.Min(r + 1, form.HeightMm / 2), Math.Max(form.HeightMm - r - 1, form.HeightMm / 2));
            var source = new ImpressionSource
            {
                Layout = layout,
                Conditions = ImpressionConditions.RandomGenuine(rng.Fork("bank-conditions")),
                Label = ImpressionLabel.BankStamp,
            };
            result.Add(new PlacedImpression("bank0", source, x, y, SlotRole.Elsewhere, null));
        }

        return result;
    }

    /// <summary>A spot on the right part of the slip whose circle avoids the signature box and earlier impressions when possible.</summary>
    private static (double X, double Y) FreeSpot(SlipForm form, double r, List<(double X, double Y, double R)> circles, SynthRandom rng)
    {
        (double X, double Y) best = (form.WidthMm * 0.7, form.HeightMm * 0.55);
        double bestClear = double.MinValue;
        for (int attempt = 0; attempt < 30; attempt++)
        {
            double x = rng.Uniform(r + 1, form.WidthMm - r - 1);
            double y = rng.Uniform(Math.Min(r + 1, form.HeightMm / 2), Math.Max(form.HeightMm - r - 1, form.HeightMm / 2));
            double clear = double.MaxValue;
            foreach ((double cx, double cy, double cr) in circles)
            {
                clear = Math.Min(clear, Math.Sqrt(((x - cx) * (x - cx)) + ((y - cy) * (y - cy))) - cr - r);
            }

            SKRect b = form.SignatureBox;
            double dx = Math.Max(0, Math.Max(b.Left - x, x - b.Right));
            double dy = Math.Max(0, Math.Max(b.Top - y, y - b.Bottom));
            clear = Math.Min(clear, Math.Sqrt((dx * dx) + (dy * dy)) - r);
            if (clear > bestClear)
            {
                bestClear = clear;
                best = (x, y);
            }

            if (clear > 2)
            {
                break;
            }
        }

        return best;
    }
}
