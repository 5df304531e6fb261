using System.Globalization;
using System.Text;

namespace SealMatch.Synthesis;

/// <summary>
/// Draws plausible Chinese seal designs. Ranges (mm) follow Chinese seal practice: round company,
/// finance and contract seals Ø 38–45 (border 1.0–1.5, star Ø 10–15, arc characters 5–8 tall over
/// 180–280°); oval finance seals 40–45 × 28–32; square finance seals 22–28; name seals square 12–25
/// (border 0.6–1.5) with 2–4 characters; bank processing stamps rectangular 35–55 × 15–25 or oval.
/// Every character is checked against all three fonts so that look-alike forgeries can change the font.
/// </summary>
public static class SealDesigner
{
    private static readonly SealFont[] AllFonts = [SealFont.Song, SealFont.Kai, SealFont.Hei];

    /// <summary>A customer: company name, legal representative and their seals.</summary>
    public static AccountSeals CreateAccount(SynthRandom rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        string id = "acct-" + rng.NextUInt64().ToString("x12", CultureInfo.InvariantCulture)[..12];
        string company = CompanyName(rng.Fork("company-name"));
        string person = PersonName(rng.Fork("person-name"));
        SynthRandom ink = rng.Fork("ink");
        InkColour accountInk = InkFor(ink);

        var designs = new List<SealDesign>
        {
            CompanySeal(rng.Fork("company-seal"), id + "-company", company) with { Ink = accountInk },
            FinanceSeal(rng.Fork("finance-seal"), id + "-finance", company) with { Ink = accountInk },
        };
        if (rng.Fork("has-contract").Bernoulli(0.35))
        {
            designs.Add(ContractSeal(rng.Fork("contract-seal"), id + "-contract", company) with { Ink = accountInk });
        }

        designs.Add(NameSeal(rng.Fork("name-seal"), id + "-name", person) with { Ink = ink.Bernoulli(0.9) ? accountInk : InkFor(ink) });
        return new AccountSeals(id, company, person, designs);
    }

    /// <summary>Red 90 %, blue 5 %, purple 5 %.</summary>
    public static InkColour InkFor(SynthRandom rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        double u = rng.NextDouble();
        return u < 0.90 ? InkColour.Red : u < 0.95 ? InkColour.Blue : InkColour.Purple;
    }

    /// <summary>City + 2–4 name characters + industry + 有限公司/股份有限公司/有限责任公司, at most <paramref name="maxLength"/> characters, covered by all fonts.</summary>
    public static string CompanyName(SynthRandom rng, int maxLength = 22)
    {
        ArgumentNullException.ThrowIfNull(rng);
        for (int attempt = 0; ; attempt++)
        {
            var sb = new StringBuilder();
            if (rng.Bernoulli(0.85))
            {
                sb.Append(rng.Pick(ChineseNames.Cities));
                if (rng.Bernoulli(0.3))
                {
                    sb.Append('市');
                }
            }

            int nameLen = rng.Int(2, 5);
            for (int i = 0; i < nameLen; i++)
            {
                sb.Append(ChineseNames.NameChars[rng.Int(0, ChineseNames.NameChars.Length)]);
            }

            sb.Append(rng.Pick(ChineseNames.Industries));
            sb.Append(rng.Pick(ChineseNames.CompanySuffixes));
            string name = sb.ToString();
            if (name.Length <= maxLength && name.Length >= 8 && FontLibrary.CoversAll(AllFonts, name))
            {
                return name;
            }

            if (attempt > 200)
            {
                throw new InvalidOperationException("Could not draw a company name covered by the fonts.");
            }
        }
    }

    /// <summary>A 2–3 character Chinese personal name covered by all fonts.</summary>
    public static string PersonName(SynthRandom rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        while (true)
        {
            var sb = new StringBuilder();
            sb.Append(ChineseNames.Surnames[rng.Int(0, ChineseNames.Surnames.Length)]);
            int given = rng.Bernoulli(0.7) ? 2 : 1;
            for (int i = 0; i < given; i++)
            {
                sb.Append(ChineseNames.GivenChars[rng.Int(0, ChineseNames.GivenChars.Length)]);
            }

            string name = sb.ToString();
            if (FontLibrary.CoversAll(AllFonts, name))
            {
                return name;
            }
        }
    }

    /// <summary>A branch name such as 中国工商银行北京海淀支行.</summary>
    public static string BankBranchName(SynthRandom rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        return rng.Pick(ChineseNames.Banks) + rng.Pick(ChineseNames.Cities) + rng.Pick(ChineseNames.Districts) + "支行";
    }

    /// <summary>Round company seal (公章).</summary>
    public static SealDesign CompanySeal(SynthRandom rng, string id, string company)
    {
        ArgumentNullException.ThrowIfNull(rng);
        double d = rng.Bernoulli(0.6) ? rng.Uniform(40, 42) : rng.Uniform(38, 45);
        bool serial = rng.Bernoulli(0.5);
        bool bottomLine = !serial && rng.Bernoulli(0.2);
        var lines = new List<TextLineSpec>();
        SealFont font = PickSealFont(rng);
        if (bottomLine)
        {
            lines.Add(FittedLine(rng.Pick(["公章", "行政章", "专用章"]), font, rng.Uniform(4.0, 5.0), d * rng.Uniform(0.22, 0.32), d * rng.Uniform(0.30, 0.34)));
        }

        return RoundSeal(rng, id, SealKind.CompanySeal, d, company, font, lines, serial, starDiameter: d * rng.Uniform(0.28, 0.36));
    }

    /// <summary>Finance seal (财务专用章): round 60 %, oval 25 %, square 15 %.</summary>
    public static SealDesign FinanceSeal(SynthRandom rng, string id, string company)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentNullException.ThrowIfNull(company);
        double u = rng.NextDouble();
        SealFont font = PickSealFont(rng);
        if (u < 0.15 && company.Length + 5 <= 20)
        {
            double side = rng.Uniform(22, 28);
            string text = company + "财务专用章";
            int cols = text.Length <= 9 ? 3 : 4;
            return new SealDesign
            {
                Id = id,
                Kind = SealKind.FinanceSeal,
                Shape = SealShape.Square,
                WidthMm = side,
                HeightMm = side,
                BorderWidthMm = rng.Uniform(0.8, 1.4),
                CornerRadiusMm = rng.Uniform(0, 1.5),
                Grid = new GridTextSpec(text, SplitColumns(text.Length, cols), font, rng.Uniform(0.4, 1.0), false, rng.Uniform(0.84, 0.94)),
                TextWeightMm = TextWeight(rng, font),
            };
        }

        if (u < 0.40)
        {
            double w = rng.Uniform(40, 45);
            double h = rng.Uniform(28, 32);
            double border = rng.Uniform(1.0, 1.4);
            double ch = rng.Uniform(4.2, 5.5);
            string arcText = company.Length <= 18 ? company : company[..18];
            double span = Math.Clamp(170 + ((arcText.Length - 8) * 7) + rng.Uniform(-10, 10), 170, 250);
            bool star = rng.Bernoulli(0.3);
            var lines = new List<TextLineSpec> { FittedLine("财务专用章", font, rng.Uniform(3.8, 4.6), star ? h * 0.22 : h * 0.08, w * rng.Uniform(0.40, 0.50)) };
            bool serial = rng.Bernoulli(0.5);
            return new SealDesign
            {
                Id = id,
                Kind = SealKind.FinanceSeal,
                Shape = SealShape.Oval,
                WidthMm = w,
                HeightMm = h,
                BorderWidthMm = border,
                InnerRing = rng.Bernoulli(0.15) ? new InnerRingSpec(rng.Uniform(0.5, 0.9), rng.Uniform(0.3, 0.45)) : null,
                ArcText = new ArcTextSpec(arcText, font, ch, span, rng.Uniform(0.4, 0.9), ArcWidthScale(rng, (w + h) / 4 - border - 0.7 - (ch / 2), span, arcText.Length, ch)),
                Star = star ? new StarSpec(rng.Uniform(6, 8), 0, -h * 0.06) : null,
                Lines = lines,
                Serial = serial ? SerialDigits(rng, font, rng.Uniform(55, 75)) : null,
                TextWeightMm = TextWeight(rng, font),
            };
        }

        double dr = rng.Uniform(38, 42);
        var rl = new List<TextLineSpec> { FittedLine("财务专用章", font, rng.Uniform(4.2, 5.5), dr * rng.Uniform(0.22, 0.28), dr * rng.Uniform(0.42, 0.52)) };
        return RoundSeal(rng, id, SealKind.FinanceSeal, dr, company, font, rl, rng.Bernoulli(0.4), starDiameter: dr * rng.Uniform(0.26, 0.32));
    }

    /// <summary>Round contract seal (合同专用章).</summary>
    public static SealDesign ContractSeal(SynthRandom rng, string id, string company)
    {
        ArgumentNullException.ThrowIfNull(rng);
        double d = rng.Uniform(38, 42);
        SealFont font = PickSealFont(rng);
        var lines = new List<TextLineSpec> { FittedLine("合同专用章", font, rng.Uniform(4.2, 5.5), d * rng.Uniform(0.22, 0.28), d * rng.Uniform(0.42, 0.52)) };
        return RoundSeal(rng, id, SealKind.ContractSeal, d, company, font, lines, rng.Bernoulli(0.4), starDiameter: d * rng.Uniform(0.26, 0.32));
    }

    /// <summary>Legal representative's name seal: square (85 %) or upright rectangle, 2–4 characters, 25 % 白文.</summary>
    public static SealDesign NameSeal(SynthRandom rng, string id, string person)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentNullException.ThrowIfNull(person);
        string text = person;
        double u = rng.NextDouble();
        if (person.Length == 2 && u < 0.35)
        {
            text += "之印";
        }
        else if (person.Length <= 3 && u < 0.65)
        {
            text += "印";
        }

        int[] columns = text.Length switch
        {
            2 => [1, 1],
            3 => [1, 2],
            _ => [2, 2],
        };
        if (text.Length == 3 && person.Length == 3)
        {
            columns = [2, 1];
        }

        SealFont font = rng.Pick([SealFont.Kai, SealFont.Kai, SealFont.Song, SealFont.Song, SealFont.Hei]);
        bool inverted = rng.Bernoulli(0.25);
        double side = rng.Bernoulli(0.7) ? rng.Uniform(15, 20) : rng.Uniform(12, 25);
        double w = side;
        double h = side;
        if (rng.Bernoulli(0.15))
        {
            h = side * rng.Uniform(1.15, 1.35);
            h = Math.Min(h, 25);
        }

        return new SealDesign
        {
            Id = id,
            Kind = SealKind.LegalRepresentativeNameSeal,
            Shape = Math.Abs(w - h) < 1e-9 ? SealShape.Square : SealShape.Rectangle,
            WidthMm = w,
            HeightMm = h,
            BorderWidthMm = rng.Uniform(0.6, 1.5),
            CornerRadiusMm = rng.Bernoulli(0.5) ? rng.Uniform(0, 1.2) : 0,
            Grid = new GridTextSpec(text, columns, font, inverted ? rng.Uniform(0.8, 1.4) : rng.Uniform(0.3, 0.9), inverted, rng.Uniform(0.84, 0.95)),
            TextWeightMm = TextWeight(rng, font) + (inverted ? 0.1 : 0.05),
        };
    }

    /// <summary>The bank's processing stamp: rectangle (70 %) or oval, bank branch + 转讫/现金收讫/业务专用章 + optional date.</summary>
    public static SealDesign BankProcessingStamp(SynthRandom rng, string id, string? branch = null, DateOnly? date = null)
    {
        ArgumentNullException.ThrowIfNull(rng);
        branch ??= BankBranchName(rng);
        string word = rng.Pick(ChineseNames.BankStampWords);
        SealFont font = rng.Pick([SealFont.Song, SealFont.Hei, SealFont.Song]);
        string? dateText = rng.Bernoulli(0.75)
            ? (date ?? new DateOnly(2024, 1, 1).AddDays(rng.Int(0, 730))).ToString("yyyy.MM.dd", CultureInfo.InvariantCulture)
            : null;
        if (rng.Bernoulli(0.7))
        {
            double w = rng.Uniform(35, 55);
            double h = rng.Uniform(15, 25);
            double border = rng.Uniform(0.6, 1.0);
            double inner = w - (2 * border) - 2.4;
            var lines = new List<TextLineSpec>();
            var rules = new List<RuleSpec>();
            int rows = dateText is null ? 2 : 3;
            double rowH = (h - (2 * border) - 1.0) / rows;
            double top = (-h / 2) + border + 0.5;
            lines.Add(FittedLine(branch, font, Math.Min(3.4, rowH * 0.7), top + (rowH / 2), inner));
            lines.Add(FittedLine(word, font, Math.Min(6.0, rowH * 0.85), top + (rowH * 1.5), Math.Min(inner, word.Length * 7.5)));
            if (dateText is not null)
            {
                lines.Add(FittedLine(dateText, SealFont.Hei, Math.Min(3.0, rowH * 0.6), top + (rowH * 2.5), Math.Min(inner, 26)));
            }

            if (rng.Bernoulli(0.5))
            {
                for (int r = 1; r < rows; r++)
                {
                    rules.Add(new RuleSpec(top + (rowH * r), w - (2 * border), rng.Uniform(0.25, 0.45)));
                }
            }

            return new SealDesign
            {
                Id = id,
                Kind = SealKind.BankProcessingStamp,
                Shape = SealShape.Rectangle,
                WidthMm = w,
                HeightMm = h,
                BorderWidthMm = border,
                CornerRadiusMm = rng.Uniform(0, 2),
                Lines = lines,
                Rules = rules,
                TextWeightMm = TextWeight(rng, font),
            };
        }

        double ow = rng.Uniform(40, 45);
        double oh = rng.Uniform(28, 32);
        double ch = rng.Uniform(3.6, 4.4);
        string arc = branch.Length > 16 ? branch[..16] : branch;
        double span = Math.Clamp(160 + ((arc.Length - 8) * 8), 160, 240);
        var ol = new List<TextLineSpec> { FittedLine(word, font, rng.Uniform(4.2, 5.0), 0.5, ow * 0.45) };
        if (dateText is not null)
        {
            ol.Add(FittedLine(dateText, SealFont.Hei, 2.6, oh * 0.27, ow * 0.45));
        }

        return new SealDesign
        {
            Id = id,
            Kind = SealKind.BankProcessingStamp,
            Shape = SealShape.Oval,
            WidthMm = ow,
            HeightMm = oh,
            BorderWidthMm = rng.Uniform(0.8, 1.2),
            ArcText = new ArcTextSpec(arc, font, ch, span, rng.Uniform(0.4, 0.8), ArcWidthScale(rng, ((ow + oh) / 4) - 1.6 - (ch / 2), span, arc.Length, ch)),
            Lines = ol,
            TextWeightMm = TextWeight(rng, font),
        };
    }

    /// <summary>A text line whose width scale and letter spacing make it <paramref name="targetWidth"/> wide.</summary>
    public static TextLineSpec FittedLine(string text, SealFont font, double charHeight, double centreY, double targetWidth)
    {
        ArgumentNullException.ThrowIfNull(text);
        double natural = LayoutCompiler.NaturalLineWidth(text, font, charHeight, 1.0);
        double ws = Math.Clamp(targetWidth / natural, 0.45, 1.0);
        double spacing = text.Length > 1 ? (targetWidth - (natural * ws)) / (text.Length - 1) : 0;
        return new TextLineSpec(text, font, charHeight, ws, centreY, spacing);
    }

    private static SealDesign RoundSeal(
        SynthRandom rng, string id, SealKind kind, double d, string company, SealFont font, List<TextLineSpec> lines, bool serial, double starDiameter)
    {
        double border = rng.Uniform(1.0, 1.5);
        bool innerRing = rng.Bernoulli(0.12);
        double ch = Math.Min(rng.Uniform(5.0, 8.0), d * 0.19);
        int n = company.Length;
        double span = Math.Clamp(175 + ((n - 8) * 8.5) + rng.Uniform(-12, 12), 180, 280);
        if (serial)
        {
            span = Math.Min(span, 265);
        }

        double inset = rng.Uniform(0.4, 1.2);
        double rc = (d / 2) - border - (innerRing ? 1.4 : 0) - inset - (ch / 2);
        double ws = ArcWidthScale(rng, rc, span, n, ch);
        if (ws < 0.5)
        {
            // Too many characters for this height: lower the characters (keeping ≥ 5 mm) before narrowing further.
            ch = Math.Max(5.0, ch * ws / 0.5);
            rc = (d / 2) - border - (innerRing ? 1.4 : 0) - inset - (ch / 2);
            ws = ArcWidthScale(rng, rc, span, n, ch);
        }

        double starY = lines.Count > 0 ? -rng.Uniform(0.5, 1.8) : 0;
        starDiameter = Math.Clamp(starDiameter, 10, 15);
        return new SealDesign
        {
            Id = id,
            Kind = kind,
            Shape = SealShape.Round,
            WidthMm = d,
            HeightMm = d,
            BorderWidthMm = border,
            InnerRing = innerRing ? new InnerRingSpec(rng.Uniform(0.5, 0.8), rng.Uniform(0.3, 0.5)) : null,
            ArcText = new ArcTextSpec(company, font, ch, span, inset, ws),
            Star = new StarSpec(starDiameter, 0, starY),
            Lines = lines,
            Serial = serial ? SerialDigits(rng, font, rng.Uniform(65, 95)) : null,
            TextWeightMm = TextWeight(rng, font),
        };
    }

    private static double ArcWidthScale(SynthRandom rng, double radius, double spanDeg, int n, double ch)
    {
        // Pitch where the characters are most crowded: a little inside their centre line.
        double pitch = (radius - (0.3 * ch)) * spanDeg * Math.PI / 180 / Math.Max(1, n - 1);
        return Math.Clamp(pitch * rng.Uniform(0.80, 0.92) / ch, 0.42, 0.95);
    }

    private static SerialSpec SerialDigits(SynthRandom rng, SealFont font, double span)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < 13; i++)
        {
            sb.Append((char)('0' + rng.Int(0, 10)));
        }

        return new SerialSpec(sb.ToString(), font == SealFont.Kai ? SealFont.Song : font, rng.Uniform(2.2, 2.9), span, rng.Uniform(0.4, 0.9), rng.Uniform(0.75, 0.95));
    }

    private static SealFont PickSealFont(SynthRandom rng)
    {
        double u = rng.NextDouble();
        return u < 0.7 ? SealFont.Song : u < 0.9 ? SealFont.Hei : SealFont.Kai;
    }

    private static double TextWeight(SynthRandom rng, SealFont font) => font switch
    {
        SealFont.Song => rng.Uniform(0.10, 0.22),
        SealFont.Kai => rng.Uniform(0.06, 0.16),
        _ => rng.Uniform(0.0, 0.08),
    };

    private static int[] SplitColumns(int n, int cols)
    {
        var counts = new int[cols];
        for (int i = 0; i < n; i++)
        {
            counts[i % cols]++;
        }

        Array.Sort(counts);
        Array.Reverse(counts);
        return counts;
    }
}
