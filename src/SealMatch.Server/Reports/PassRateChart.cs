using System.Globalization;
using OpenCvSharp;
using Proto = SealMatch.Protos.V1;

namespace SealMatch.Server.Reports;

/// <summary>
/// The pass-rate report as a PNG bar chart: one bar per account (automatic pass rate, 0–100 %), red
/// for accounts flagged to renew their specimens, grey otherwise, and the threshold as a dashed line.
/// At most <see cref="MaxBars"/> accounts are drawn, lowest pass rate first; the CSV has them all.
/// </summary>
internal static class PassRateChart
{
    public const int MaxBars = 40;
    private const int Height = 420;
    private const int MinWidth = 480;
    private const int Top = 40;
    private const int Bottom = 110;
    private const int Left = 60;
    private const int BarWidth = 24;
    private const int Gap = 10;

    public static byte[] Render(IReadOnlyList<Proto.PassRateRow> rows, double threshold)
    {
        ArgumentNullException.ThrowIfNull(rows);
        List<Proto.PassRateRow> shown = [.. rows.OrderBy(r => r.AutomaticPassRate).ThenBy(r => r.AccountId, StringComparer.Ordinal).Take(MaxBars)];
        int width = Math.Max(MinWidth, Left + (Math.Max(1, shown.Count) * (BarWidth + Gap)) + 40);
        int plotHeight = Height - Top - Bottom;
        int baseline = Height - Bottom;
        using var image = new Mat(Height, width, MatType.CV_8UC3, Scalar.White);

        Cv2.PutText(image, string.Create(CultureInfo.InvariantCulture, $"Automatic pass rate by account (threshold {threshold:0.##})"),
            new Point(10, 24), HersheyFonts.HersheySimplex, 0.5, Scalar.Black, 1, LineTypes.AntiAlias);
        for (int pct = 0; pct <= 100; pct += 25)
        {
            int y = baseline - (pct * plotHeight / 100);
            Cv2.Line(image, new Point(Left - 4, y), new Point(width - 20, y), new Scalar(225, 225, 225), 1);
            Cv2.PutText(image, pct.ToString(CultureInfo.InvariantCulture) + "%", new Point(10, y + 4), HersheyFonts.HersheySimplex, 0.4, Scalar.Black, 1, LineTypes.AntiAlias);
        }

        for (int i = 0; i < shown.Count; i++)
        {
            Proto.PassRateRow row = shown[i];
            int x = Left + (i * (BarWidth + Gap));
            int barTop = baseline - (int)Math.Round(Math.Clamp(row.AutomaticPassRate, 0, 1) * plotHeight);
            Scalar colour = row.RenewSpecimens ? new Scalar(40, 40, 200) : new Scalar(150, 150, 150);
            // A zero rate still shows as a sliver, so a flagged account is visible.
            Cv2.Rectangle(image, new Point(x, Math.Min(barTop, baseline - 3)), new Point(x + BarWidth, baseline), colour, -1);
            string label = row.AccountNumber.Length > 10 ? row.AccountNumber[^10..] : row.AccountNumber;
            using var text = new Mat(BarWidth, Bottom - 10, MatType.CV_8UC3, Scalar.White);
            Cv2.PutText(text, label, new Point(2, 16), HersheyFonts.HersheySimplex, 0.35, Scalar.Black, 1, LineTypes.AntiAlias);
            using var rotated = new Mat();
            Cv2.Rotate(text, rotated, RotateFlags.Rotate90Counterclockwise);
            using Mat target = image[new Rect(x, baseline + 5, rotated.Width, rotated.Height)];
            rotated.CopyTo(target);
        }

        int thresholdY = baseline - (int)Math.Round(Math.Clamp(threshold, 0, 1) * plotHeight);
        for (int x = Left - 4; x < width - 20; x += 12)
        {
            Cv2.Line(image, new Point(x, thresholdY), new Point(Math.Min(x + 6, width - 20), thresholdY), new Scalar(0, 0, 220), 1);
        }

        Cv2.Line(image, new Point(Left - 4, baseline), new Point(width - 20, baseline), Scalar.Black, 1);
        return image.ImEncode(".png");
    }
}
