using Grpc.Net.Client;
using SealMatch.Protos.V1;

namespace SealMatch.Console.Tests.Infrastructure;

/// <summary>The gRPC clients of one identity (for arranging data the screens then work on).</summary>
public sealed class Clients(GrpcChannel channel) : IDisposable
{
    public AccountService.AccountServiceClient Accounts { get; } = new(channel);

    public SpecimenService.SpecimenServiceClient Specimens { get; } = new(channel);

    public VerificationService.VerificationServiceClient Verifications { get; } = new(channel);

    public AuditService.AuditServiceClient Audit { get; } = new(channel);

    public ReviewService.ReviewServiceClient Reviews { get; } = new(channel);

    public void Dispose() => channel.Dispose();
}
