using Grpc.Net.Client;
using SealMatch.Protos.V1;

namespace SealMatch.Server.Tests.Infrastructure;

/// <summary>The service clients of one identity.</summary>
public sealed class Clients(GrpcChannel channel) : IDisposable
{
    public AccountService.AccountServiceClient Accounts { get; } = new(channel);

    public SpecimenService.SpecimenServiceClient Specimens { get; } = new(channel);

    public VerificationService.VerificationServiceClient Verifications { get; } = new(channel);

    public AdminService.AdminServiceClient Admin { get; } = new(channel);

    public AuditService.AuditServiceClient Audit { get; } = new(channel);

    public ReviewService.ReviewServiceClient Reviews { get; } = new(channel);

    public ReportService.ReportServiceClient Reports { get; } = new(channel);

    public TemplateService.TemplateServiceClient Templates { get; } = new(channel);

    public void Dispose() => channel.Dispose();
}
