using System.Text.Json;
using System.Text.Json.Serialization;

namespace SealMatch.Engine.Signatures;

/// <summary>The outcome for one questioned signature against a signatory's references.</summary>
public enum SignatureDecision
{
    /// <summary>Genuine with enough confidence to pass without a person.</summary>
    Accept,

    /// <summary>Needs a person's comparison.</summary>
    Review,

    /// <summary>Confidently not the signatory's signature.</summary>
    Reject,
}

/// <summary>
/// The calibrated writer-dependent decision: a logistic regression over
/// <see cref="SignatureFeatures"/>, fitted by <c>sealmatch calibrate signatures</c> on validation
/// writers only (never the writers reported on), with the accept and reject thresholds chosen on that
/// data. Loaded from the engine's embedded <c>signature-score-model.json</c> or from a file.
/// </summary>
public sealed record SignatureScoreModel
{
    /// <summary>Name of the embedded resource holding the default model.</summary>
    public const string ResourceName = "SealMatch.Engine.Signatures.signature-score-model.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>SHA-256 of the embedding model the decision was calibrated for.</summary>
    public required string EmbeddingModelSha256 { get; init; }

    /// <summary>Names of the model's inputs (<see cref="SignatureFeatures.Names"/> at fitting time).</summary>
    public required IReadOnlyList<string> FeatureNames { get; init; }

    /// <summary>Feature means used for standardisation.</summary>
    public required IReadOnlyList<double> Means { get; init; }

    /// <summary>Feature standard deviations used for standardisation.</summary>
    public required IReadOnlyList<double> Scales { get; init; }

    /// <summary>Logistic weights on standardised features.</summary>
    public required IReadOnlyList<double> Weights { get; init; }

    /// <summary>Logistic bias.</summary>
    public required double Bias { get; init; }

    /// <summary>
    /// Typical spread among one writer's references (median mean pairwise cosine distance on the
    /// calibration writers); stands in for the spread with one reference and steadies it with few.
    /// </summary>
    public required double PriorSpread { get; init; }

    /// <summary>Probability at or above which a signature is accepted.</summary>
    public required double AcceptThreshold { get; init; }

    /// <summary>Probability below which a signature is rejected.</summary>
    public required double RejectThreshold { get; init; }

    /// <summary>Free-text provenance: writers, references, draws, targets used to choose the thresholds.</summary>
    public string? TrainedOn { get; init; }

    /// <summary>The model shipped inside the engine, or null if none is embedded.</summary>
    public static SignatureScoreModel? LoadDefault()
    {
        using Stream? stream = typeof(SignatureScoreModel).Assembly.GetManifestResourceStream(ResourceName);
        return stream is null ? null : Load(stream);
    }

    /// <summary>Reads a model from JSON.</summary>
    /// <exception cref="InvalidDataException">The JSON is not a consistent model for this engine's features.</exception>
    public static SignatureScoreModel Load(Stream json)
    {
        SignatureScoreModel model;
        try
        {
            model = JsonSerializer.Deserialize<SignatureScoreModel>(json, Json) ?? throw new InvalidDataException("Empty signature score model.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The signature score model is not valid JSON: {e.Message}", e);
        }

        int n = model.FeatureNames.Count;
        if (model.Means.Count != n || model.Scales.Count != n || model.Weights.Count != n)
        {
            throw new InvalidDataException("Signature score model vectors differ in length.");
        }

        if (!model.FeatureNames.SequenceEqual(SignatureFeatures.Names))
        {
            throw new InvalidDataException("The signature score model was fitted on other features than this engine computes; run the calibration again.");
        }

        if (!(model.PriorSpread > 0) || model.RejectThreshold > model.AcceptThreshold)
        {
            throw new InvalidDataException("The signature score model has a non-positive prior spread or a reject threshold above the accept threshold.");
        }

        return model;
    }

    /// <summary>Writes the model as JSON.</summary>
    public void Save(Stream destination) => JsonSerializer.Serialize(destination, this, Json);

    /// <summary>Calibrated probability that the questioned signature is the signatory's.</summary>
    public double Probability(SignatureDistances distances)
    {
        ArgumentNullException.ThrowIfNull(distances);
        double[] x = SignatureFeatures.Compute(distances);
        return Scoring.StandardisedLogistic.Probability(x, Means, Scales, Weights, Bias);
    }

    /// <summary>The decision for a probability.</summary>
    public SignatureDecision Decide(double probability) =>
        probability < RejectThreshold ? SignatureDecision.Reject
        : probability >= AcceptThreshold ? SignatureDecision.Accept
        : SignatureDecision.Review;
}
