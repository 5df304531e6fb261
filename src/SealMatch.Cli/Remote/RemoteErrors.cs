using Google.Rpc;
using Grpc.Core;
using SealMatch.Cli.Commands;

namespace SealMatch.Cli.Remote;

/// <summary>How a refused or failed call is shown: status, message, reason and each field violation.</summary>
internal static class RemoteErrors
{
    /// <summary>
    /// Exit code for a status: 2 when the request or the caller was at fault (fix the input, the key or
    /// the state and retry), 1 for everything else (server down, internal error, conflict).
    /// </summary>
    public static int ExitCode(StatusCode code) => code switch
    {
        StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.NotFound
            or StatusCode.PermissionDenied or StatusCode.Unauthenticated or StatusCode.AlreadyExists => CliOutput.BadInput,
        _ => CliOutput.Failure,
    };

    /// <summary>The lines printed on stderr for a failed call.</summary>
    public static IReadOnlyList<string> Describe(RpcException error, Uri server)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(server);
        var lines = new List<string> { $"error: {error.StatusCode}: {error.Status.Detail}" };
        Google.Rpc.Status? rich = error.GetRpcStatus();
        if (rich?.GetDetail<ErrorInfo>() is { } info)
        {
            lines.Add($"  reason: {info.Reason}");
        }

        if (rich?.GetDetail<BadRequest>() is { } bad)
        {
            foreach (BadRequest.Types.FieldViolation v in bad.FieldViolations)
            {
                lines.Add($"  field {v.Field}: {v.Description}");
            }
        }

        if (rich?.GetDetail<ResourceInfo>() is { } resource)
        {
            lines.Add($"  resource: {resource.ResourceType} {resource.ResourceName}");
        }

        switch (error.StatusCode)
        {
            case StatusCode.Unavailable:
                lines.Add($"  is the server running at {server}? Start it with `dotnet run --project src/SealMatch.Server`, or pass --server.");
                break;
            case StatusCode.Unauthenticated:
                lines.Add("  check --key (or SEALMATCH_API_KEY): the key is unknown, malformed or revoked.");
                break;
            case StatusCode.PermissionDenied:
                lines.Add("  this key's roles or branch do not allow the call.");
                break;
        }

        return lines;
    }
}
