using Google.Rpc;
using Grpc.Core;

namespace SealMatch.Server.Tests.Infrastructure;

public static class RpcAssert
{
    /// <summary>Awaits a call that must fail with <paramref name="code"/>; returns the rich status.</summary>
    public static async Task<Google.Rpc.Status?> FailsAsync(StatusCode code, Func<Task> call)
    {
        RpcException e = await Assert.ThrowsAsync<RpcException>(call);
        Assert.True(code == e.StatusCode, $"expected {code}, got {e.StatusCode}: {e.Status.Detail}");
        return e.GetRpcStatus();
    }

    /// <summary>Awaits a call that must fail with <paramref name="code"/> and a field violation naming <paramref name="field"/>.</summary>
    public static async Task<Google.Rpc.Status> FailsOnFieldAsync(StatusCode code, string field, Func<Task> call)
    {
        Google.Rpc.Status? status = await FailsAsync(code, call);
        Assert.NotNull(status);
        BadRequest? bad = status.GetDetail<BadRequest>();
        Assert.True(bad is not null, $"no BadRequest detail in: {status.Message}");
        Assert.Contains(bad.FieldViolations, v => v.Field == field);
        return status;
    }

    /// <summary>The ErrorInfo reason of a status.</summary>
    public static string? Reason(Google.Rpc.Status? status) => status?.GetDetail<ErrorInfo>()?.Reason;
}
