using System.Security.Cryptography;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.EntityFrameworkCore;
using SealMatch.Domain;
using SealMatch.Engine.Imaging;
using SealMatch.Server.Audit;

namespace SealMatch.Server.Errors;

/// <summary>
/// Turns the exceptions a service method may raise into precise gRPC statuses with
/// <c>google.rpc.Status</c> details: a <see cref="BadRequest"/> field violation where a request field
/// is at fault and an <see cref="ErrorInfo"/> with the stable reason code. Anything unexpected becomes
/// INTERNAL without detail (logged, never echoed).
/// </summary>
internal sealed partial class ErrorInterceptor(ILogger<ErrorInterceptor> logger) : Interceptor
{
    private const string Domain = "sealmatch.v1";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw Translate(e, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw Translate(e, context);
        }
    }

    private RpcException Translate(Exception e, ServerCallContext context)
    {
        switch (e)
        {
            case DomainRuleViolationException v:
                Log.RuleViolated(logger, context.Method, v.Code);
                return Build(v.Category switch
                {
                    ViolationCategory.InvalidArgument => Code.InvalidArgument,
                    ViolationCategory.PermissionDenied => Code.PermissionDenied,
                    _ => Code.FailedPrecondition,
                }, v.Message, ToScreamingSnake(v.Code.ToString()), v.Field);
            case ScanRejectedException s:
                Log.ScanRefused(logger, context.Method, s.Problem);
                return Build(Code.InvalidArgument, s.Message, "SCAN_" + ToScreamingSnake(s.Problem.ToString()), s.Field);
            case RequestInvalidException r:
                return Build(Code.InvalidArgument, r.Message, "INVALID_REQUEST", r.Field);
            case ResourceNotFoundException n:
                var status = Status(Code.NotFound, n.Message, "NOT_FOUND", n.Field);
                status.Details.Add(Any.Pack(new ResourceInfo { ResourceType = n.ResourceType, ResourceName = n.ResourceName }));
                return status.ToRpcException();
            case ResourceExistsException exists:
                return Build(Code.AlreadyExists, exists.Message, "ALREADY_EXISTS", exists.Field);
            case StaleVersionException stale:
                return Build(Code.Aborted, stale.Message, "STALE_VERSION", stale.Field);
            case DbUpdateConcurrencyException or AuditAppendConflictException:
                return Build(Code.Aborted, "The record was changed by another request; read it again and retry.", "CONCURRENT_UPDATE", null);
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                return new RpcException(new Grpc.Core.Status(StatusCode.Cancelled, "The call was cancelled."));
            case CryptographicException:
                Log.Unexpected(logger, context.Method, e);
                return Build(Code.DataLoss, "Stored data failed its integrity check.", "INTEGRITY", null);
            default:
                Log.Unexpected(logger, context.Method, e);
                return new RpcException(new Grpc.Core.Status(StatusCode.Internal, "An internal error occurred."));
        }
    }

    private static RpcException Build(Code code, string message, string reason, string? field) =>
        Status(code, message, reason, field).ToRpcException();

    private static Google.Rpc.Status Status(Code code, string message, string reason, string? field)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        status.Details.Add(Any.Pack(new ErrorInfo { Reason = reason, Domain = Domain }));
        if (field is not null)
        {
            status.Details.Add(Any.Pack(new BadRequest
            {
                FieldViolations = { new BadRequest.Types.FieldViolation { Field = field, Description = message } },
            }));
        }

        return status;
    }

    /// <summary><c>IllegalTransition</c> → <c>ILLEGAL_TRANSITION</c>.</summary>
    internal static string ToScreamingSnake(string pascal)
    {
        var builder = new System.Text.StringBuilder(pascal.Length + 8);
        for (int i = 0; i < pascal.Length; i++)
        {
            if (i > 0 && char.IsUpper(pascal[i]) && !char.IsUpper(pascal[i - 1]))
            {
                builder.Append('_');
            }

            builder.Append(char.ToUpperInvariant(pascal[i]));
        }

        return builder.ToString();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "{Method} refused: rule {Code}")]
        public static partial void RuleViolated(ILogger logger, string method, ViolationCode code);

        [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "{Method} refused a scan: {Problem}")]
        public static partial void ScanRefused(ILogger logger, string method, ScanProblem problem);

        [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "{Method} failed unexpectedly")]
        public static partial void Unexpected(ILogger logger, string method, Exception exception);
    }
}
