using System.CommandLine;
using Grpc.Core;
using SealMatch.Cli.Commands;

namespace SealMatch.Cli.Remote;

/// <summary>Builds remote commands: common options, connection, and one place that turns failures into exit codes.</summary>
internal static class RemoteCommand
{
    /// <summary>Adds <c>--server</c>, <c>--key</c> and <c>--json</c> to <paramref name="command"/> and runs <paramref name="body"/> with a session.</summary>
    public static Command WithAction(this Command command, Func<ParseResult, RemoteSession, CancellationToken, Task<int>> body) =>
        command.WithAction(new RemoteOptions(), body);

    /// <summary>As above, with the given options (e.g. another name for the key option).</summary>
    public static Command WithAction(this Command command, RemoteOptions options, Func<ParseResult, RemoteSession, CancellationToken, Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(body);
        options.AddTo(command);
        command.SetAction((parse, cancel) => RunAsync(parse, options, body, cancel));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, RemoteOptions options,
        Func<ParseResult, RemoteSession, CancellationToken, Task<int>> body, CancellationToken cancel)
    {
        Uri server;
        try
        {
            server = options.ResolveServer(parse);
            using RemoteSession session = RemoteOptions.Connect(server, options.ResolveKey(parse), parse.GetValue(options.Json));
            try
            {
                return await body(parse, session, cancel).ConfigureAwait(false);
            }
            catch (RpcException e) when (e.StatusCode != StatusCode.Cancelled || !cancel.IsCancellationRequested)
            {
                foreach (string line in RemoteErrors.Describe(e, server))
                {
                    await Console.Error.WriteLineAsync(line).ConfigureAwait(false);
                }

                return RemoteErrors.ExitCode(e.StatusCode);
            }
        }
        catch (CliInputException e)
        {
            return CliOutput.Error(e.Describe());
        }
        catch (FileNotFoundException e)
        {
            return CliOutput.Error(e.Message);
        }
        catch (DirectoryNotFoundException e)
        {
            return CliOutput.Error(e.Message);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return CliOutput.Error("cancelled.", CliOutput.Failure);
        }
        catch (RpcException) when (cancel.IsCancellationRequested)
        {
            return CliOutput.Error("cancelled.", CliOutput.Failure);
        }
    }
}
