using Grpc.Core;
using Grpc.Net.Client;
using SealMatch.Protos.V1;

namespace SealMatch.Cli.Remote;

/// <summary>One command's connection to the server: authenticated clients for each service.</summary>
internal sealed class RemoteSession(GrpcChannel channel, CallInvoker invoker, Uri server, bool json) : IDisposable
{
    public Uri Server { get; } = server;

    /// <summary>Whether the command prints JSON.</summary>
    public bool Json { get; } = json;

    public AccountService.AccountServiceClient Accounts { get; } = new(invoker);

    public SpecimenService.SpecimenServiceClient Specimens { get; } = new(invoker);

    public VerificationService.VerificationServiceClient Verifications { get; } = new(invoker);

    public AdminService.AdminServiceClient Admin { get; } = new(invoker);

    public ReviewService.ReviewServiceClient Reviews { get; } = new(invoker);

    public AuditService.AuditServiceClient Audit { get; } = new(invoker);

    public ReportService.ReportServiceClient Reports { get; } = new(invoker);

    public TemplateService.TemplateServiceClient Templates { get; } = new(invoker);

    public void Dispose() => channel.Dispose();
}
