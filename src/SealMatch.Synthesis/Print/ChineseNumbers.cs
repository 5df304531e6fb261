using System.Globalization;
using System.Text;

namespace SealMatch.Synthesis;

/// <summary>Amounts and dates in the financial uppercase numerals written on Chinese payment slips.</summary>
public static class ChineseNumbers
{
    private const string Digits = "零壹贰叁肆伍陆柒捌玖";

    /// <summary>人民币 amount in words, e.g. 12300.50 → 壹万贰仟叁佰元伍角; whole amounts end in 整.</summary>
    public static string AmountInWords(decimal amount)
    {
        if (amount < 0 || amount >= 1_000_000_000_000m)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "Amount out of range.");
        }

        long yuan = (long)decimal.Floor(amount);
        int cents = (int)decimal.Round((amount - yuan) * 100);
        var sb = new StringBuilder();
        if (yuan > 0)
        {
            sb.Append(IntegerWords(yuan)).Append('元');
        }

        int jiao = cents / 10;
        int fen = cents % 10;
        if (cents == 0)
        {
            sb.Append(yuan == 0 ? "零元整" : "整");
            return sb.ToString();
        }

        if (jiao > 0)
        {
            sb.Append(Digits[jiao]).Append('角');
        }
        else if (yuan > 0)
        {
            sb.Append('零');
        }

        if (fen > 0)
        {
            sb.Append(Digits[fen]).Append('分');
        }
        else
        {
            sb.Append('整');
        }

        return sb.ToString();
    }

    /// <summary>Date as written on cheques: 贰零贰伍年零叁月壹拾肆日 (months 1–10 and days 1–10, 20, 30 get a leading 零 / 壹拾).</summary>
    public static string DateInWords(DateOnly date)
    {
        var sb = new StringBuilder();
        foreach (char c in date.Year.ToString(CultureInfo.InvariantCulture))
        {
            sb.Append(Digits[c - '0']);
        }

        sb.Append('年');
        int m = date.Month;
        sb.Append(m <= 10 ? "零" + SmallNumber(m) : SmallNumber(m)).Append('月');
        int d = date.Day;
        sb.Append(d <= 10 || d % 10 == 0 ? "零" + SmallNumber(d) : SmallNumber(d)).Append('日');
        return sb.ToString();
    }

    /// <summary>Numbers 1–31 as 壹, 壹拾, 壹拾伍, 贰拾…</summary>
    private static string SmallNumber(int n) =>
        n < 10 ? Digits[n].ToString() : (n / 10 == 1 ? "壹拾" : Digits[n / 10] + "拾") + (n % 10 == 0 ? string.Empty : Digits[n % 10].ToString());

    private static string IntegerWords(long n)
    {
        string[] units = ["", "拾", "佰", "仟"];
        string[] groups = ["", "万", "亿"];
        var parts = new List<string>();
        int g = 0;
        bool needZero = false;
        var sb = new StringBuilder();
        while (n > 0)
        {
            int group = (int)(n % 10000);
            n /= 10000;
            if (group > 0)
            {
                var gs = new StringBuilder();
                bool zero = false;
                for (int i = 3; i >= 0; i--)
                {
                    int d = group / (int)Math.Pow(10, i) % 10;
                    if (d == 0)
                    {
                        zero = gs.Length > 0;
                        continue;
                    }

                    if (zero)
                    {
                        gs.Append('零');
                        zero = false;
                    }

                    gs.Append(Digits[d]).Append(units[i]);
                }

                string text = gs.ToString() + groups[g];
                if (needZero)
                {
                    text += "零";
                }

                parts.Insert(0, text);
                needZero = group < 1000;
            }
            else if (parts.Count > 0)
            {
                needZero = true;
            }

            g++;
        }

        foreach (string p in parts)
        {
            sb.Append(p);
        }

        string result = sb.ToString();
        return result.StartsWith('零') ? result[1..] : result;
    }
}
