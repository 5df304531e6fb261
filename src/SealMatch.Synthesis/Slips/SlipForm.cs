using System.Globalization;
using SkiaSharp;

namespace SealMatch.Synthesis;

/// <summary>The printed form of a cheque or transfer slip, its handwriting, and where its boxes are (mm).</summary>
internal sealed class SlipForm
{
    private const string AmountHeader = "亿千百十万千百十元角分";
    private readonly SynthRandom _rng;
    private readonly bool _redPrint;
    private readonly string? _signature;

    public SlipForm(DocumentKind kind, double widthMm, double heightMm, SlipContent content, SynthRandom rng, bool redPrint, string? signature)
    {
        _signature = signature;
        Kind = kind;
        WidthMm = widthMm;
        HeightMm = heightMm;
        Content = content;
        _rng = rng;
        _redPrint = redPrint;
        SynthRandom geo = rng.Fork("geometry");
        if (kind == DocumentKind.Cheque)
        {
            double u = heightMm / 80;
            double top = 2 + (11 * u) + (4 * 7 * u) + (0.3 * 7 * u);
            double sigW = geo.Uniform(0.42, 0.5) * widthMm;
            SignatureBox = new SKRect(5, (float)(top + (8.5 * u)), (float)(5 + sigW), (float)(heightMm - 4));
            BankBox = null;
        }
        else
        {
            double u = heightMm / 110;
            double tableBottom = (20 * u) + (3 * 8 * u) + (10 * u) + (8 * u);
            SignatureBox = new SKRect(5, (float)tableBottom, (float)(widthMm * geo.Uniform(0.45, 0.52)), (float)(heightMm - 5));
            BankBox = new SKRect((float)(SignatureBox.Right + 2), (float)tableBottom, (float)(widthMm - 5), (float)(heightMm - 5));
        }
    }

    public DocumentKind Kind { get; }

    public double WidthMm { get; }

    public double HeightMm { get; }

    public SlipContent Content { get; }

    /// <summary>The 出票人签章 / 客户签章 box where customer seals go.</summary>
    public SKRect SignatureBox { get; }

    /// <summary>The bank's box (transfer slips), where its processing stamp goes.</summary>
    public SKRect? BankBox { get; }

    public List<RegionMm> Draw(PrintSurface surface)
    {
        SKCanvas canvas = surface.Canvas;
        SynthRandom rng = _rng.Fork("ink");
        var regions = new List<RegionMm>();
        canvas.Clear(PrintKit.Paper(rng));
        (SKColor tint, SKColor line) = PrintKit.SecurityTint(rng);
        var body = new SKRect(1.5f, 1.5f, (float)WidthMm - 1.5f, (float)HeightMm - 1.5f);
        PrintKit.Guilloche(surface, body, tint, line, rng.Fork("guilloche"));
        SKColor form = rng.Pick([new SKColor(35, 35, 35), new SKColor(20, 90, 60), new SKColor(25, 50, 120)]);
        SKColor label = rng.Bernoulli(0.7) ? form : new SKColor(30, 30, 30);
        SKColor pen = Handwriting.PenColour(rng);
        SKColor red = rng.Bernoulli(0.5) ? new SKColor(220, 40, 40) : new SKColor(235, 100, 40);
        double rule = rng.Uniform(0.1, 0.3);
        SynthRandom hw = rng.Fork("handwriting");
        if (Kind == DocumentKind.Cheque)
        {
            DrawCheque(canvas, regions, rng, form, label, pen, red, rule, hw);
        }
        else
        {
            DrawTransfer(canvas, regions, rng, form, label, pen, red, rule, hw);
        }

        if (_signature is not null)
        {
            // A handwritten signature in the signature box, usually to the right of where the seals go (and often under them).
            SKRect b = SignatureBox;
            double sw = Math.Min(b.Width * 0.5, 14 + (_signature.Length * 7));
            double sx = b.Left + (b.Width * rng.Uniform(0.35, 0.55));
            double sy = b.Top + (b.Height * rng.Uniform(0.35, 0.6));
            var area = new SKRect((float)sx, (float)sy, (float)Math.Min(sx + sw, b.Right + 10), (float)Math.Min(sy + 12, HeightMm - 3));
            SKRect sig = Handwriting.Signature(canvas, _signature, area, Handwriting.PenColour(rng), rng.Fork("signature"));
            regions.Add(new RegionMm("signature", _signature, sig));
        }

        return regions;
    }

    private void DrawCheque(SKCanvas c, List<RegionMm> regions, SynthRandom rng, SKColor form, SKColor label, SKColor pen, SKColor red, double rule, SynthRandom hw)
    {
        double w = WidthMm;
        double h = HeightMm;
        double u = h / 80;
        SealFont font = rng.Pick([SealFont.Song, SealFont.Hei]);
        PrintKit.Rect(c, new SKRect(3, 3, (float)w - 3, (float)h - 3), rule + 0.1, form);

        bool redTitle = _redPrint && rng.Bernoulli(0.5);
        string title = Content.Bank + "  转账支票";
        Print(c, regions, title, font, w / 2, 3 + (5 * u), 4.2 * u, redTitle ? red : form, TextAnchor.Centre, redTitle, bold: true);
        string serial = string.Create(CultureInfo.InvariantCulture, $"No {Content.SerialNumber}");
        Print(c, regions, serial, SealFont.Hei, w - 8, 3 + (5 * u), 2.6 * u, _redPrint ? red : form, TextAnchor.Right, _redPrint);

        double x0 = 5;
        double x1 = w - 5;
        double top = 2 + (11 * u);
        double rh = 7 * u;
        double[] ys = [top, top + rh, top + (2 * rh), top + (3.3 * rh), top + (4.3 * rh)];
        SKColor ruleColour = _redPrint && !redTitle ? red : form;
        foreach (double y in ys)
        {
            PrintKit.Line(c, x0, y, x1, y, rule, ruleColour);
        }

        if (_redPrint && !redTitle)
        {
            regions.Add(new RegionMm("red-print", "form rules", new SKRect((float)x0, (float)ys[0] - 0.3f, (float)x1, (float)ys[^1] + 0.3f)));
        }

        double mid = w * rng.Uniform(0.52, 0.58);
        double lh = 2.8 * u;
        PrintKit.Line(c, mid, ys[0], mid, ys[2], rule, ruleColour);

        // Row 1: date and paying bank.
        double y1 = ys[0] + (rh / 2);
        SKRect l1 = Print(c, regions, "出票日期（大写）", font, x0 + 1, y1, lh, label);
        Write(c, regions, hw, ChineseNumbers.DateInWords(Content.Date), l1.Right + 2, y1, 3.2 * u, pen);
        SKRect l2 = Print(c, regions, "付款行名称：", font, mid + 1, y1, lh, label);
        Print(c, regions, Content.BankBranch, font, l2.Right + 1, y1, 2.4 * u, label, widthScale: Math.Min(1, (x1 - l2.Right - 2) / PrintKit.TextWidth(Content.BankBranch, font, 2.4 * u)));

        // Row 2: payee and account.
        double y2 = ys[1] + (rh / 2);
        SKRect l3 = Print(c, regions, "收款人：", font, x0 + 1, y2, lh, label);
        Write(c, regions, hw, Content.Payee, l3.Right + 2, y2, 3.2 * u, pen, maxWidth: mid - l3.Right - 4);
        SKRect l4 = Print(c, regions, "出票人账号：", font, mid + 1, y2, lh, label);
        Print(c, regions, Content.PayerAccount, SealFont.Hei, l4.Right + 1, y2, 2.4 * u, label);

        // Row 3: amount in words and the amount boxes.
        double y3 = ys[2] + (0.65 * rh);
        SKRect l5 = Print(c, regions, "人民币", font, x0 + 1, y3 - (1.7 * u), lh, label);
        Print(c, regions, "（大写）", font, x0 + 1, y3 + (1.7 * u), lh, label);
        double cell = 4.3 * u;
        double gridLeft = x1 - (AmountHeader.Length * cell);
        SKRect words = Write(c, regions, hw, ChineseNumbers.AmountInWords(Content.Amount), l5.Right + 8, y3, 3.4 * u, pen, maxWidth: gridLeft - l5.Right - 10);
        StrikeAfter(c, regions, hw, words, gridLeft - 2, pen);
        AmountGrid(c, regions, hw, gridLeft, ys[2], ys[3], cell, font, form, label, pen, rule);

        // Row 4: purpose.
        double y4 = ys[3] + (rh / 2);
        SKRect l6 = Print(c, regions, "用途", font, x0 + 1, y4, lh, label);
        Write(c, regions, hw, Content.Purpose, l6.Right + 4, y4, 3.2 * u, pen);
        Print(c, regions, "密码", font, mid + 1, y4, lh, label);

        // Lower part: instruction, signature box, checkers.
        double y5 = ys[4] + (2.6 * u);
        Print(c, regions, "上列款项请从", font, x0 + 1, y5, lh, label);
        Print(c, regions, "我账户内支付", font, x0 + 1, y5 + (3.5 * u), lh, label);
        SKRect sig = SignatureBox;
        PrintKit.Line(c, sig.Right, ys[4], sig.Right, h - 3, rule, form);
        Print(c, regions, "出票人签章", font, sig.Left + 1, sig.Top + (2.2 * u), lh, label);
        regions.Add(new RegionMm("signature-box", "出票人签章", sig));
        Print(c, regions, "复核", font, w * 0.66, h - (8 * u), lh, label);
        Print(c, regions, "记账", font, w * 0.82, h - (8 * u), lh, label);
    }

    private void DrawTransfer(SKCanvas c, List<RegionMm> regions, SynthRandom rng, SKColor form, SKColor label, SKColor pen, SKColor red, double rule, SynthRandom hw)
    {
        double w = WidthMm;
        double h = HeightMm;
        double u = h / 110;
        SealFont font = rng.Pick([SealFont.Song, SealFont.Hei]);
        bool redTitle = _redPrint && rng.Bernoulli(0.6);
        string title = Content.Bank + "  " + rng.Pick(["转账凭证", "电汇凭证", "进账单", "付款凭证"]);
        Print(c, regions, title, font, w / 2, 7 * u, 5 * u, redTitle ? red : form, TextAnchor.Centre, redTitle, bold: true);
        if (redTitle || _redPrint)
        {
            PrintKit.Line(c, (w / 2) - 30, 10.5 * u, (w / 2) + 30, 10.5 * u, 0.3, red);
            regions.Add(new RegionMm("red-print", "title rule", new SKRect((float)(w / 2) - 30, (float)(10.5 * u) - 0.3f, (float)(w / 2) + 30, (float)(10.5 * u) + 0.3f)));
        }

        double lh = 2.8 * u;
        SKRect d = Print(c, regions, "委托日期", font, (w / 2) - 25, 14.5 * u, lh, label);
        string date = string.Create(CultureInfo.InvariantCulture, $"{Content.Date.Year}年{Content.Date.Month:00}月{Content.Date.Day:00}日");
        Write(c, regions, hw, date, d.Right + 3, 14.5 * u, 3 * u, pen);
        Print(c, regions, "第 " + Content.SerialNumber + " 号", SealFont.Hei, w - 8, 14.5 * u, 2.4 * u, _redPrint ? red : form, TextAnchor.Right, _redPrint);

        double x0 = 5;
        double x1 = w - 5;
        double top = 20 * u;
        double rh = 8 * u;
        double half = w / 2;
        PrintKit.Rect(c, new SKRect((float)x0, (float)top, (float)x1, (float)(h - 5)), rule + 0.1, form);
        for (int r = 1; r <= 3; r++)
        {
            PrintKit.Line(c, x0 + 7, top + (r * rh), x1, top + (r * rh), rule, form);
        }

        double amountTop = top + (3 * rh);
        double purposeTop = amountTop + (10 * u);
        double bottomTop = purposeTop + (8 * u);
        PrintKit.Line(c, x0, amountTop, x1, amountTop, rule, form);
        PrintKit.Line(c, x0, purposeTop, x1, purposeTop, rule, form);
        PrintKit.Line(c, x0, bottomTop, x1, bottomTop, rule, form);
        PrintKit.Line(c, half, top, half, amountTop, rule, form);
        string[] rowLabels = ["全称", "账号", "开户银行"];
        string[] payerValues = [Content.Payer, Content.PayerAccount, Content.BankBranch];
        string[] payeeValues = [Content.Payee, Content.PayeeAccount, Content.PayeeBank];
        foreach ((double left, string who, string[] values) in new[] { (x0, "付款人", payerValues), (half, "收款人", payeeValues) })
        {
            PrintKit.Line(c, left + 7, top, left + 7, amountTop, rule, form);
            PrintKit.Line(c, left + 22, top, left + 22, amountTop, rule, form);
            for (int k = 0; k < 3; k++)
            {
                Print(c, regions, who[k].ToString(), font, left + 3.5, top + ((k + 0.5) * rh), lh, label, TextAnchor.Centre);
                Print(c, regions, rowLabels[k], font, left + 8, top + ((k + 0.5) * rh), lh * 0.9, label, widthScale: k == 2 ? 0.8 : 1);
                double yv = top + ((k + 0.5) * rh);
                double maxW = half - 25;
                if (k == 1)
                {
                    Write(c, regions, hw, values[k], left + 24, yv, 3 * u, pen, maxWidth: maxW);
                }
                else
                {
                    Write(c, regions, hw, values[k], left + 24, yv, 3.2 * u, pen, maxWidth: maxW);
                }
            }
        }

        double ya = amountTop + (5 * u);
        SKRect la = Print(c, regions, "金额", font, x0 + 1.5, ya, lh, label);
        SKRect lb = Print(c, regions, "人民币（大写）", font, la.Right + 3, ya, lh, label);
        double cell = 4.4 * u;
        double gridLeft = x1 - (AmountHeader.Length * cell);
        SKRect words = Write(c, regions, hw, ChineseNumbers.AmountInWords(Content.Amount), lb.Right + 3, ya, 3.4 * u, pen, maxWidth: gridLeft - lb.Right - 5);
        StrikeAfter(c, regions, hw, words, gridLeft - 2, pen);
        AmountGrid(c, regions, hw, gridLeft, amountTop, purposeTop, cell, font, form, label, pen, rule);

        double yp = purposeTop + (4 * u);
        SKRect lp = Print(c, regions, rng.Bernoulli(0.5) ? "用途" : "附言", font, x0 + 1.5, yp, lh, label);
        Write(c, regions, hw, Content.Purpose, lp.Right + 4, yp, 3.2 * u, pen);

        SKRect sig = SignatureBox;
        PrintKit.Line(c, sig.Right, bottomTop, sig.Right, h - 5, rule, form);
        string sigLabel = rng.Bernoulli(0.5) ? "出票人签章" : "客户签章";
        Print(c, regions, sigLabel, font, sig.Left + 1.5, sig.Top + (3 * u), lh, label);
        regions.Add(new RegionMm("signature-box", sigLabel, sig));
        if (BankBox is { } bank)
        {
            Print(c, regions, "开户银行签章", font, bank.Left + 1.5, bank.Top + (3 * u), lh, label);
            Print(c, regions, "复核", font, bank.Left + (bank.Width * 0.45), h - (9 * u), lh, label);
            Print(c, regions, "记账", font, bank.Left + (bank.Width * 0.72), h - (9 * u), lh, label);
        }
    }

    private void AmountGrid(SKCanvas c, List<RegionMm> regions, SynthRandom hw, double left, double top, double bottom, double cell, SealFont font, SKColor form, SKColor label, SKColor pen, double rule)
    {
        double headerBottom = top + ((bottom - top) * 0.38);
        PrintKit.Line(c, left, headerBottom, left + (AmountHeader.Length * cell), headerBottom, rule * 0.8, form);
        for (int i = 0; i <= AmountHeader.Length; i++)
        {
            PrintKit.Line(c, left + (i * cell), top, left + (i * cell), bottom, rule * 0.8, form);
        }

        for (int i = 0; i < AmountHeader.Length; i++)
        {
            PrintKit.Text(c, AmountHeader[i].ToString(), font, left + ((i + 0.5) * cell), (top + headerBottom) / 2, cell * 0.42, label, TextAnchor.Centre);
        }

        string digits = Content.AmountDigits;
        double yd = (headerBottom + bottom) / 2;
        var box = SKRect.Empty;
        for (int k = 0; k < digits.Length; k++)
        {
            int cellIndex = AmountHeader.Length - digits.Length + k;
            if (cellIndex < 0)
            {
                continue;
            }

            double cx = left + ((cellIndex + 0.5) * cell);
            SKRect b = Handwriting.Write(c, digits[k].ToString(), cx - (cell * 0.3), yd, (bottom - headerBottom) * 0.5, pen, hw);
            box = box.IsEmpty ? b : SKRect.Union(box, b);
        }

        regions.Add(new RegionMm("handwriting", digits, box));
    }

    private static SKRect Print(
        SKCanvas c, List<RegionMm> regions, string text, SealFont font, double x, double y, double height, SKColor colour, TextAnchor anchor = TextAnchor.Left, bool red = false, bool bold = false, double widthScale = 1)
    {
        SKRect r = PrintKit.Text(c, text, font, x, y, height, colour, anchor, widthScale, bold);
        regions.Add(new RegionMm(red ? "red-print" : "print", text, r));
        return r;
    }

    /// <summary>40 %: a cursive stroke filling the space after the amount in words (so nothing can be added).</summary>
    private static void StrikeAfter(SKCanvas c, List<RegionMm> regions, SynthRandom hw, SKRect words, double right, SKColor pen)
    {
        if (!hw.Bernoulli(0.4) || right - words.Right < 6)
        {
            return;
        }

        float y = words.MidY + (float)hw.Uniform(-0.5, 1.0);
        var pts = new List<SKPoint> { new(words.Right + 1, y) };
        int n = hw.Int(2, 5);
        for (int i = 1; i <= n; i++)
        {
            pts.Add(new SKPoint(words.Right + 1 + (float)((right - words.Right - 1) * i / n), y + (float)hw.Normal(0, 0.6)));
        }

        SKRect r = Handwriting.Stroke(c, pts, pen, hw.Uniform(0.15, 0.3), hw);
        regions.Add(new RegionMm("handwriting", "—", r));
    }

    private static SKRect Write(SKCanvas c, List<RegionMm> regions, SynthRandom hw, string text, double x, double y, double height, SKColor pen, double maxWidth = double.MaxValue)
    {
        double natural = text.Length * height * 0.95;
        if (natural > maxWidth && maxWidth > 5)
        {
            height *= maxWidth / natural;
        }

        SKRect r = Handwriting.Write(c, text, x, y, height, pen, hw);
        regions.Add(new RegionMm("handwriting", text, r));
        return r;
    }
}
