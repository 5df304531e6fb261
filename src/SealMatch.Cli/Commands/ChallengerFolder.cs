using SealMatch.Engine.Comparison;

namespace SealMatch.Cli.Commands;

/// <summary>
/// The folder a challenger pair model lives in: <c>calibrate seals --challenger</c> reads its ONNX file
/// and writes its fused score model there, <c>eval seals --challenger</c> reads both.
/// </summary>
internal static class ChallengerFolder
{
    /// <summary>File name of the challenger's fused score model.</summary>
    public const string ScoreModelFileName = "seal-score-model-fused.json";

    /// <summary>File name of the challenger's pair model.</summary>
    public static string PairModelFileName => SealPairInput.ModelName + ".onnx";

    public static string PairModelPath(DirectoryInfo folder) => Path.Combine(folder.FullName, PairModelFileName);

    public static string ScoreModelPath(DirectoryInfo folder) => Path.Combine(folder.FullName, ScoreModelFileName);
}
