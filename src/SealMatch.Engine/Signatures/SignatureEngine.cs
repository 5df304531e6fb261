using SealMatch.Engine.Geometry;
using SealMatch.Engine.Imaging;
using SealMatch.Engine.Models;

namespace SealMatch.Engine.Signatures;

/// <summary>The evidence from comparing one questioned signature with a signatory's references.</summary>
/// <param name="Probability">Calibrated probability that the signature is the signatory's; null without a calibrated model for this embedding.</param>
/// <param name="Decision">Accept, review or reject by the calibrated thresholds (review without a calibrated model).</param>
/// <param name="Distances">The component distances the probability was computed from.</param>
/// <param name="ModelSha256">SHA-256 of the embedding model (record it with the decision).</param>
public sealed record SignatureComparison(double? Probability, SignatureDecision Decision, SignatureDistances Distances, string ModelSha256);

/// <summary>
/// The signature engine's entry point: normalise a signature, embed it with the learned model
/// (<c>models/signature-embedding.onnx</c>, through ONNX Runtime) and compare a questioned signature
/// with a signatory's references (writer-dependent, calibrated). Thread-safe; one instance serves the
/// whole process.
/// </summary>
public sealed class SignatureEngine
{
    /// <summary>Name of the embedding model under <c>models/</c>.</summary>
    public const string ModelName = "signature-embedding";

    private static readonly Lazy<SignatureEngine?> Shared = new(
        () => OnnxModel.Embedded(ModelName) is { } model ? new SignatureEngine(model, SignatureScoreModel.LoadDefault()) : null,
        LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly OnnxModel _model;

    /// <summary>Creates an engine over an embedding model and an optional calibrated decision.</summary>
    /// <param name="model">The embedding model (not disposed by the engine).</param>
    /// <param name="scoreModel">
    /// The calibrated decision; ignored (no probability, every decision review) when it was
    /// calibrated for another embedding model.
    /// </param>
    public SignatureEngine(OnnxModel model, SignatureScoreModel? scoreModel)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        ScoreModel = scoreModel is not null && string.Equals(scoreModel.EmbeddingModelSha256, model.Sha256, StringComparison.OrdinalIgnoreCase) ? scoreModel : null;
    }

    /// <summary>The engine with the embedded model and calibration; null when the engine was built without the model.</summary>
    public static SignatureEngine? Default => Shared.Value;

    /// <summary>Lower-case hex SHA-256 of the embedding model.</summary>
    public string ModelSha256 => _model.Sha256;

    /// <summary>The calibrated decision, or null when none matches the embedding model.</summary>
    public SignatureScoreModel? ScoreModel { get; }

    /// <summary>
    /// Normalises and embeds the signature in <paramref name="region"/> of a scan (the whole scan when
    /// null): a reference from a specimen card, or a questioned signature from a slip's signature box.
    /// </summary>
    /// <exception cref="ScanRejectedException">The region is too small or holds no signature ink.</exception>
    public SignatureTemplate CreateTemplate(ScanImage scan, PixelBox? region = null) =>
        CreateTemplate(SignaturePreprocessor.Prepare(scan, region));

    /// <summary>Embeds an already normalised signature.</summary>
    public SignatureTemplate CreateTemplate(SignatureImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return new SignatureTemplate(Embed(image), ModelSha256, SignatureImage.PreprocessingVersion);
    }

    /// <summary>The model's embedding of a normalised signature (L2-normalised).</summary>
    public float[] Embed(SignatureImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return _model.Run(image.ToTensor(), [1, 1, SignatureImage.Height, SignatureImage.Width]);
    }

    /// <summary>Compares a questioned signature with the signatory's references.</summary>
    /// <exception cref="ArgumentException">
    /// No references, or a template was made by another model or preprocessing version (recompute it
    /// from its stored image).
    /// </exception>
    public SignatureComparison Compare(SignatureTemplate questioned, IReadOnlyList<SignatureTemplate> references)
    {
        ArgumentNullException.ThrowIfNull(questioned);
        ArgumentNullException.ThrowIfNull(references);
        if (references.Count == 0)
        {
            throw new ArgumentException("At least one reference signature is needed.", nameof(references));
        }

        foreach (SignatureTemplate t in references.Append(questioned))
        {
            if (t.ModelSha256 != ModelSha256 || t.FeatureVersion != SignatureImage.PreprocessingVersion)
            {
                throw new ArgumentException(
                    $"A signature template was made by model {t.ModelSha256[..12]}… (preprocessing {t.FeatureVersion}); this engine runs {ModelSha256[..12]}… (preprocessing {SignatureImage.PreprocessingVersion}). Recompute it from its image.",
                    nameof(references));
            }
        }

        double prior = ScoreModel?.PriorSpread ?? DefaultPriorSpread;
        SignatureDistances distances = SignatureDistances.Measure(questioned.Embedding, [.. references.Select(r => r.Embedding.ToArray())], prior);
        if (ScoreModel is null)
        {
            return new SignatureComparison(null, SignatureDecision.Review, distances, ModelSha256);
        }

        double p = ScoreModel.Probability(distances);
        return new SignatureComparison(p, ScoreModel.Decide(p), distances, ModelSha256);
    }

    /// <summary>Spread assumed before any calibration (calibration replaces it with the measured one).</summary>
    internal const double DefaultPriorSpread = 0.5;
}
