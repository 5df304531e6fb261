using System.CommandLine;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace SealMatch.Cli.Remote;

/// <summary>
/// The options every remote command takes: the server's address, the caller's API key and the output
/// format. The key is read from the option or the environment and only ever put in the
/// <c>authorization</c> header: no default is shown in help and nothing prints it.
/// </summary>
internal sealed class RemoteOptions
{
    public const string DefaultServer = "http://127.0.0.1:5271";
    public const string ServerVariable = "SEALMATCH_SERVER";
    public const string KeyVariable = "SEALMATCH_API_KEY";

    public Option<string?> Server { get; } = new("--server")
    {
        Description = $"Server address (default ${ServerVariable}, else {DefaultServer}).",
    };

    /// <summary>Options with the usual <c>--key</c>.</summary>
    public RemoteOptions()
        : this("--key", $"API key, sent as 'authorization: Bearer <key>' (default ${KeyVariable}). Never printed.")
    {
    }

    /// <summary>Options whose key option has another name (the demo's <c>--admin-key</c>).</summary>
    public RemoteOptions(string keyOption, string keyDescription)
    {
        // No DefaultValueFactory: help would print its value, and this one is a secret.
        Key = new Option<string?>(keyOption) { Description = keyDescription };
    }

    public Option<string?> Key { get; }

    public Option<bool> Json { get; } = new("--json") { Description = "Print JSON (proto3 JSON, snake_case field names) instead of a summary." };

    /// <summary>Adds the three options to a remote command.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Server);
        command.Options.Add(Key);
        command.Options.Add(Json);
    }

    /// <summary>The server address: the option, else the environment, else the default.</summary>
    public Uri ResolveServer(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        string text = parse.GetValue(Server) ?? Environment.GetEnvironmentVariable(ServerVariable) ?? DefaultServer;
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliInputException("--server", $"'{text}' is not an http:// or https:// address.");
        }

        return uri;
    }

    /// <summary>The API key: the option, else the environment.</summary>
    public string ResolveKey(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        string? key = parse.GetValue(Key);
        if (string.IsNullOrWhiteSpace(key))
        {
            key = Environment.GetEnvironmentVariable(KeyVariable);
        }

        return string.IsNullOrWhiteSpace(key)
            ? throw new CliInputException(Key.Name, $"no API key: pass {Key.Name} or set {KeyVariable}.")
            : key.Trim();
    }

    /// <summary>Opens a channel to the server whose calls carry <paramref name="apiKey"/> as a bearer token.</summary>
    public static RemoteSession Connect(Uri server, string apiKey, bool json)
    {
        ArgumentNullException.ThrowIfNull(server);
        var channel = GrpcChannel.ForAddress(server, new GrpcChannelOptions
        {
            // Specimen images come back whole; the server's own limit on uploads is 40 MB by default.
            MaxReceiveMessageSize = 64 << 20,
            MaxSendMessageSize = 64 << 20,
        });
        string header = "Bearer " + apiKey;
        CallInvoker invoker = channel.Intercept(metadata =>
        {
            metadata.Add("authorization", header);
            return metadata;
        });
        return new RemoteSession(channel, invoker, server, json);
    }
}
