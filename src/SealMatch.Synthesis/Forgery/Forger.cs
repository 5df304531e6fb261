using System.Globalization;

namespace SealMatch.Synthesis;

/// <summary>A forged impression and a genuine one of the expected seal, stamped under the same conditions.</summary>
/// <param name="Genuine">The genuine impression source.</param>
/// <param name="Forged">The forgery, with the same <see cref="ImpressionSource.Conditions"/>.</param>
public sealed record ForgeryTwin(ImpressionSource Genuine, ImpressionSource Forged);

/// <summary>
/// Makes forged impressions of an account's seal.
/// <list type="bullet">
/// <item>F1 re-carved: the genuine layout with every element jittered by at most 0.05 mm, plus exactly one
/// primary change: one character shifted 0.2–1.0 mm in a random direction (40 %), one character turned
/// 2–5° about its centre (30 %), the star changed — size ±10–20 %, or turned 4–10°, or moved 0.3–0.8 mm
/// (15 %, only when there is a star, else re-drawn), or the outer ring's size changed by ±0.3–0.8 mm with
/// the text unchanged (15 %); with probability 0.5 also a global stroke-width change of ±8–15 %.</item>
/// <item>F2 look-alike: same text with a different font, or letter spacing / arc span ±10–25 %, or
/// character size ±8–15 %.</item>
/// <item>F3 printed copy: a genuine impression reproduced on a colour printer.</item>
/// <item>F4: another of the customer's own seals.</item>
/// <item>F5: a seal of an unrelated company, same kind and shape class.</item>
/// </list>
/// Every change is recorded in <see cref="ImpressionSource.Changes"/>.
/// </summary>
public static class Forger
{
    /// <summary>Largest carving jitter of every element of a re-carved seal, mm.</summary>
    public const double CarvingJitterMm = 0.05;

    /// <summary>
    /// The deliberate change of a re-carved seal (F1), one per forgery, as <see cref="ForgeryChange.Kind"/>
    /// names it; the <c>jitter</c> of every element and the optional <c>stroke-width</c> change come on top.
    /// </summary>
    public static IReadOnlyList<string> ReCarvings { get; } = ["shift", "rotate", "star-scale", "star-rotate", "star-move", "ring-size"];

    /// <summary>The impression to place where the seal of <paramref name="expectedRole"/> should be.</summary>
    public static ImpressionSource Make(AccountSeals account, SealKind expectedRole, ForgeryClass cls, SynthRandom rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        return Make(account, expectedRole, cls, ImpressionConditions.RandomGenuine(rng.Fork("conditions")), rng);
    }

    /// <summary>A forgery and a genuine impression of the expected seal sharing the same conditions.</summary>
    public static ForgeryTwin MakeTwin(AccountSeals account, SealKind expectedRole, ForgeryClass cls, SynthRandom rng)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(rng);
        ImpressionConditions c = ImpressionConditions.RandomGenuine(rng.Fork("conditions"));
        ImpressionSource forged = Make(account, expectedRole, cls, c, rng);
        return new ForgeryTwin(ImpressionSource.Genuine(account.Layout(expectedRole), c), forged);
    }

    private static ImpressionSource Make(AccountSeals account, SealKind expectedRole, ForgeryClass cls, ImpressionConditions conditions, SynthRandom rng)
    {
        ArgumentNullException.ThrowIfNull(account);
        SealDesign expected = account.Design(expectedRole) ?? throw new ArgumentException($"Account {account.AccountId} has no {expectedRole}.", nameof(expectedRole));
        SealLayout genuine = account.Layout(expected);
        SynthRandom r = rng.Fork("forgery:" + cls);
        string suffix = r.NextUInt64().ToString("x8", CultureInfo.InvariantCulture)[..8];
        (SealLayout layout, List<ForgeryChange> changes, ImpressionStyle style) = cls switch
        {
            ForgeryClass.F1ReCarved => ReCarve(genuine, r, suffix),
            ForgeryClass.F2LookAlike => LookAlike(expected, r, suffix),
            ForgeryClass.F3PrintedCopy => (genuine, [new ForgeryChange("*", "printed-copy", 0)], ImpressionStyle.PrintedCopy),
            ForgeryClass.F4OtherSealOfCustomer => OtherSeal(account, expected, r),
            ForgeryClass.F5Unrelated => Unrelated(expected, r, suffix),
            _ => throw new ArgumentOutOfRangeException(nameof(cls), cls, "Unknown forgery class."),
        };

        return new ImpressionSource
        {
            Layout = layout,
            Conditions = conditions,
            Style = style,
            Label = ImpressionLabel.Forged,
            Forgery = cls,
            ExpectedDesignId = expected.Id,
            Changes = changes,
            Printer = style == ImpressionStyle.PrintedCopy ? PrinterSettings.Random(r.Fork("printer")) : null,
        };
    }

    /// <summary>F1: jitter every element ≤ 0.05 mm, then one primary change, and sometimes a stroke-width change.</summary>
    internal static (SealLayout, List<ForgeryChange>, ImpressionStyle) ReCarve(SealLayout genuine, SynthRandom rng, string suffix)
    {
        var changes = new List<ForgeryChange> { new("*", "jitter", CarvingJitterMm) };
        var elements = new List<SealElement>();
        foreach (SealElement e in genuine.Elements)
        {
            double mag = rng.Uniform(0, CarvingJitterMm);
            double dir = rng.Uniform(0, 2 * Math.PI);
            elements.Add(Move(e, mag * Math.Cos(dir), -mag * Math.Sin(dir)));
        }

        bool hasStar = elements.Any(e => e is StarElement);
        var glyphs = elements.Select((e, i) => (e, i)).Where(p => p.e is GlyphElement).Select(p => p.i).ToList();
        double width = genuine.WidthMm;
        double height = genuine.HeightMm;
        while (true)
        {
            int kind = rng.PickWeighted([0.40, 0.30, 0.15, 0.15]);
            if (kind == 2 && !hasStar)
            {
                continue;
            }

            if (kind <= 1 && glyphs.Count == 0)
            {
                continue;
            }

            if (kind == 0)
            {
                int gi = rng.Pick(glyphs);
                double mag = rng.Uniform(0.2, 1.0);
                double dirDeg = rng.Uniform(0, 360);
                double a = dirDeg * Math.PI / 180;
                elements[gi] = Move(elements[gi], mag * Math.Cos(a), -mag * Math.Sin(a));
                changes.Add(new ForgeryChange(elements[gi].Name, "shift", mag, dirDeg));
            }
            else if (kind == 1)
            {
                int gi = rng.Pick(glyphs);
                var g = (GlyphElement)elements[gi];
                double deg = rng.Uniform(2, 5) * (rng.Bernoulli(0.5) ? 1 : -1);
                elements[gi] = g with { RotationDeg = g.RotationDeg + deg };
                changes.Add(new ForgeryChange(g.Name, "rotate", deg));
            }
            else if (kind == 2)
            {
                int si = elements.FindIndex(e => e is StarElement);
                var s = (StarElement)elements[si];
                int sub = rng.Int(0, 3);
                if (sub == 0)
                {
                    double f = rng.Uniform(0.10, 0.20) * (rng.Bernoulli(0.5) ? 1 : -1);
                    elements[si] = s with { OuterRadiusMm = s.OuterRadiusMm * (1 + f) };
                    changes.Add(new ForgeryChange("star", "star-scale", f));
                }
                else if (sub == 1)
                {
                    double deg = rng.Uniform(4, 10) * (rng.Bernoulli(0.5) ? 1 : -1);
                    elements[si] = s with { RotationDeg = s.RotationDeg + deg };
                    changes.Add(new ForgeryChange("star", "star-rotate", deg));
                }
                else
                {
                    double mag = rng.Uniform(0.3, 0.8);
                    double dirDeg = rng.Uniform(0, 360);
                    double a = dirDeg * Math.PI / 180;
                    elements[si] = Move(s, mag * Math.Cos(a), -mag * Math.Sin(a));
                    changes.Add(new ForgeryChange("star", "star-move", mag, dirDeg));
                }
            }
            else
            {
                int ri = elements.FindIndex(e => e is RingElement { Name: "ring.outer" } or SolidElement);
                double delta = rng.Uniform(0.3, 0.8) * (rng.Bernoulli(0.5) ? 1 : -1);
                elements[ri] = elements[ri] switch
                {
                    RingElement ring => ring with { WidthMm = ring.WidthMm + delta, HeightMm = ring.HeightMm + delta },
                    SolidElement solid => solid with { WidthMm = solid.WidthMm + delta, HeightMm = solid.HeightMm + delta },
                    _ => elements[ri],
                };
                width += delta;
                height += delta;
                changes.Add(new ForgeryChange(elements[ri].Name, "ring-size", delta));
            }

            break;
        }

        double stroke = 0;
        if (rng.Bernoulli(0.5))
        {
            stroke = rng.Uniform(0.08, 0.15) * (rng.Bernoulli(0.5) ? 1 : -1);
            changes.Add(new ForgeryChange("*", "stroke-width", stroke));
        }

        SealLayout layout = genuine with
        {
            Id = genuine.Id + "-f1-" + suffix,
            Elements = elements,
            WidthMm = width,
            HeightMm = height,
            StrokeWidthChange = stroke,
        };
        return (layout, changes, ImpressionStyle.Stamped);
    }

    /// <summary>F2: the same text with a different font, spacing/span (±10–25 %) or character size (±8–15 %).</summary>
    internal static (SealLayout, List<ForgeryChange>, ImpressionStyle) LookAlike(SealDesign expected, SynthRandom rng, string suffix)
    {
        var changes = new List<ForgeryChange>();
        SealDesign d = expected;
        int kind = rng.PickWeighted([0.4, 0.3, 0.3]);
        double sign = rng.Bernoulli(0.5) ? 1 : -1;
        if (kind == 0)
        {
            SealFont current = d.ArcText?.Font ?? d.Grid?.Font ?? (d.Lines.Count > 0 ? d.Lines[0].Font : SealFont.Song);
            SealFont other = rng.Pick(Enum.GetValues<SealFont>().Where(f => f != current).ToList());
            d = d with
            {
                ArcText = d.ArcText is { } a ? a with { Font = other } : null,
                Grid = d.Grid is { } g ? g with { Font = other } : null,
                Lines = [.. d.Lines.Select(l => l.Font == current ? l with { Font = other } : l)],
            };
            changes.Add(new ForgeryChange("*", "font", (int)other));
        }
        else if (kind == 1)
        {
            double f = rng.Uniform(0.10, 0.25) * sign;
            if (d.ArcText is { } a)
            {
                d = d with { ArcText = a with { SpanDeg = Math.Min(330, a.SpanDeg * (1 + f)) } };
                changes.Add(new ForgeryChange("arc", "span", f));
            }
            else if (d.Grid is { } g)
            {
                d = d with { Grid = g with { PaddingMm = Math.Max(0.1, g.PaddingMm + (f * d.WidthMm * 0.3)) } };
                changes.Add(new ForgeryChange("grid", "spacing", f));
            }
            else
            {
                d = d with { Lines = [.. d.Lines.Select(l => l with { LetterSpacingMm = l.LetterSpacingMm + (f * l.CharHeightMm) })] };
                changes.Add(new ForgeryChange("lines", "spacing", f));
            }
        }
        else
        {
            double f = rng.Uniform(0.08, 0.15) * sign;
            d = d with
            {
                ArcText = d.ArcText is { } a ? a with { CharHeightMm = a.CharHeightMm * (1 + f) } : null,
                Grid = d.Grid is { } g ? g with { Fill = Math.Clamp(g.Fill * (1 + f), 0.6, 1.05) } : null,
                Lines = [.. d.Lines.Select(l => l with { CharHeightMm = l.CharHeightMm * (1 + f) })],
            };
            changes.Add(new ForgeryChange("*", "char-size", f));
        }

        SealLayout layout = LayoutCompiler.Compile(d) with { Id = expected.Id + "-f2-" + suffix, DesignId = expected.Id };
        return (layout, changes, ImpressionStyle.Stamped);
    }

    private static (SealLayout, List<ForgeryChange>, ImpressionStyle) OtherSeal(AccountSeals account, SealDesign expected, SynthRandom rng)
    {
        SealKind[] preference = expected.Kind switch
        {
            SealKind.FinanceSeal => [SealKind.CompanySeal, SealKind.ContractSeal],
            SealKind.CompanySeal => [SealKind.FinanceSeal, SealKind.ContractSeal],
            SealKind.ContractSeal => [SealKind.CompanySeal, SealKind.FinanceSeal],
            _ => [SealKind.FinanceSeal, SealKind.CompanySeal],
        };
        SealDesign? other = preference.Select(account.Design).FirstOrDefault(d => d is not null)
            ?? account.Designs.First(d => d.Id != expected.Id);
        if (rng.Bernoulli(0.3))
        {
            var candidates = account.Designs.Where(d => d.Id != expected.Id).ToList();
            other = rng.Pick(candidates);
        }

        return (account.Layout(other), [new ForgeryChange("*", "other-seal", 0)], ImpressionStyle.Stamped);
    }

    private static (SealLayout, List<ForgeryChange>, ImpressionStyle) Unrelated(SealDesign expected, SynthRandom rng, string suffix)
    {
        bool roundish = expected.Shape is SealShape.Round or SealShape.Oval;
        for (int attempt = 0; attempt < 60; attempt++)
        {
            SynthRandom r = rng.Fork("attempt", attempt);
            string id = "unrelated-" + suffix + "-" + attempt.ToString(CultureInfo.InvariantCulture);
            string company = SealDesigner.CompanyName(r.Fork("company"));
            SealDesign d = expected.Kind switch
            {
                SealKind.CompanySeal => SealDesigner.CompanySeal(r, id, company),
                SealKind.FinanceSeal => SealDesigner.FinanceSeal(r, id, company),
                SealKind.ContractSeal => SealDesigner.ContractSeal(r, id, company),
                SealKind.LegalRepresentativeNameSeal => SealDesigner.NameSeal(r, id, SealDesigner.PersonName(r.Fork("person"))),
                _ => SealDesigner.BankProcessingStamp(r, id),
            };
            bool dRoundish = d.Shape is SealShape.Round or SealShape.Oval;
            if (dRoundish == roundish)
            {
                return (LayoutCompiler.Compile(d with { Ink = expected.Ink }), [new ForgeryChange("*", "unrelated", 0)], ImpressionStyle.Stamped);
            }
        }

        throw new InvalidOperationException("Could not draw an unrelated seal of the same shape class.");
    }

    private static SealElement Move(SealElement e, double dx, double dy) => e switch
    {
        GlyphElement g => g with { X = g.X + dx, Y = g.Y + dy },
        RingElement r => r with { X = r.X + dx, Y = r.Y + dy },
        StarElement s => s with { X = s.X + dx, Y = s.Y + dy },
        LineElement l => l with { X1 = l.X1 + dx, Y1 = l.Y1 + dy, X2 = l.X2 + dx, Y2 = l.Y2 + dy },
        SolidElement s => s with { X = s.X + dx, Y = s.Y + dy },
        _ => e,
    };
}
