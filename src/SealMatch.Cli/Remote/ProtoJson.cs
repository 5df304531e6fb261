using Google.Protobuf;

namespace SealMatch.Cli.Remote;

/// <summary><c>--json</c> output: proto3 JSON with the proto's snake_case field names and every field present.</summary>
internal static class ProtoJson
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default
        .WithFormatDefaultValues(true)
        .WithPreserveProtoFieldNames(true)
        .WithIndentation());

    public static string Format(IMessage message) => Formatter.Format(message);

    public static void Write(IMessage message) => Console.WriteLine(Format(message));
}
