using System.Globalization;
using System.Text;

namespace SealMatch.Synthesis;

/// <summary>What is written on a slip.</summary>
internal sealed record SlipContent(
    string Bank,
    string BankBranch,
    string Payer,
    string Payee,
    string PayeeBank,
    decimal Amount,
    DateOnly Date,
    string PayerAccount,
    string PayeeAccount,
    string Purpose,
    string SerialNumber)
{
    private static readonly string[] Purposes = ["货款", "服务费", "工程款", "往来款", "材料款", "租金", "咨询费", "运费", "设备款", "劳务费"];

    public static SlipContent Random(SynthRandom rng, string? payer)
    {
        string bank = rng.Pick(ChineseNames.Banks);
        string branch = bank + rng.Pick(ChineseNames.Cities) + rng.Pick(ChineseNames.Districts) + "支行";
        double logAmount = rng.Uniform(Math.Log(100), Math.Log(3_000_000));
        decimal amount = Math.Round((decimal)Math.Exp(logAmount), rng.Bernoulli(0.6) ? 0 : 2);
        return new SlipContent(
            bank,
            branch,
            payer ?? SealDesigner.CompanyName(rng.Fork("payer")),
            SealDesigner.CompanyName(rng.Fork("payee")),
            rng.Pick(ChineseNames.Banks) + rng.Pick(ChineseNames.Cities) + "分行",
            amount,
            new DateOnly(2024, 1, 1).AddDays(rng.Int(0, 900)),
            Digits(rng, rng.Bernoulli(0.5) ? 19 : 17),
            Digits(rng, rng.Bernoulli(0.5) ? 19 : 16),
            rng.Pick(Purposes),
            Digits(rng, 8));
    }

    /// <summary>Amount digits as written in the amount boxes: ¥ then yuan digits, jiao and fen.</summary>
    public string AmountDigits => "¥" + ((long)Math.Round(Amount * 100)).ToString(CultureInfo.InvariantCulture);

    private static string Digits(SynthRandom rng, int n)
    {
        var sb = new StringBuilder(n);
        for (int i = 0; i < n; i++)
        {
            sb.Append((char)('0' + rng.Int(i == 0 ? 1 : 0, 10)));
        }

        return sb.ToString();
    }
}
