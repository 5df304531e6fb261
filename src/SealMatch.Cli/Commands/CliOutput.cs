using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SealMatch.Cli.Commands;

/// <summary>Shared output helpers: JSON in snake_case, errors on stderr with stable exit codes.</summary>
internal static class CliOutput
{
    /// <summary>Exit code for bad input (unreadable image, missing resolution, wrong option).</summary>
    public const int BadInput = 2;

    /// <summary>Exit code for an internal failure.</summary>
    public const int Failure = 1;

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static void WriteJson<T>(T value) => Console.WriteLine(JsonSerializer.Serialize(value, Json));

    public static int Error(string message, int code = BadInput)
    {
        Console.Error.WriteLine($"error: {message}");
        return code;
    }

    /// <summary>Rounds for display and JSON (3 decimals).</summary>
    public static double R(double value, int digits = 3) => Math.Round(value, digits);
}
