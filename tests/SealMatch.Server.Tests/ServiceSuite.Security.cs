using System.Reflection;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using SealMatch.Protos.V1;
using SealMatch.Server.Tests.Infrastructure;

namespace SealMatch.Server.Tests;

public abstract partial class ServiceSuite
{
    /// <summary>
    /// Who may call what: the expected matrix, kept here independently of the service attributes.
    /// Every RPC in the proto descriptors must appear (a new RPC fails the test until it is added).
    /// </summary>
    private static readonly Dictionary<string, UserRole[]> Allowed = new()
    {
        ["sealmatch.v1.AdminService/CreateCredential"] = [UserRole.Admin],
        ["sealmatch.v1.AdminService/RevokeCredential"] = [UserRole.Admin],
        ["sealmatch.v1.AdminService/ListCredentials"] = [UserRole.Admin],
        ["sealmatch.v1.AdminService/RegisterClientCertificate"] = [UserRole.Admin],
        ["sealmatch.v1.AccountService/CreateAccount"] = [UserRole.SpecimenClerk, UserRole.Admin],
        ["sealmatch.v1.AccountService/GetAccount"] = [UserRole.Teller, UserRole.SpecimenClerk, UserRole.SpecimenApprover, UserRole.Reviewer, UserRole.ReviewSupervisor, UserRole.Auditor, UserRole.Admin],
        ["sealmatch.v1.AccountService/SetSigningRules"] = [UserRole.SpecimenClerk, UserRole.Admin],
        ["sealmatch.v1.AccountService/CloseAccount"] = [UserRole.SpecimenClerk, UserRole.Admin],
        ["sealmatch.v1.SpecimenService/SubmitSpecimen"] = [UserRole.SpecimenClerk],
        ["sealmatch.v1.SpecimenService/ApproveSpecimen"] = [UserRole.SpecimenApprover],
        ["sealmatch.v1.SpecimenService/RejectSpecimen"] = [UserRole.SpecimenApprover],
        ["sealmatch.v1.SpecimenService/FreezeSpecimen"] = [UserRole.SpecimenClerk, UserRole.SpecimenApprover],
        ["sealmatch.v1.SpecimenService/UnfreezeSpecimen"] = [UserRole.SpecimenClerk],
        ["sealmatch.v1.SpecimenService/RevokeSpecimen"] = [UserRole.SpecimenClerk],
        ["sealmatch.v1.SpecimenService/ApproveSpecimenChange"] = [UserRole.SpecimenApprover],
        ["sealmatch.v1.SpecimenService/RejectSpecimenChange"] = [UserRole.SpecimenApprover],
        ["sealmatch.v1.SpecimenService/ListSpecimens"] = [UserRole.SpecimenClerk, UserRole.SpecimenApprover, UserRole.Reviewer, UserRole.ReviewSupervisor, UserRole.Auditor],
        ["sealmatch.v1.SpecimenService/GetSpecimenImage"] = [UserRole.SpecimenClerk, UserRole.SpecimenApprover, UserRole.Reviewer, UserRole.ReviewSupervisor, UserRole.Auditor],
        ["sealmatch.v1.SpecimenService/ExtractSpecimens"] = [UserRole.SpecimenClerk],
        ["sealmatch.v1.VerificationService/VerifySlip"] = [UserRole.Teller],
        ["sealmatch.v1.VerificationService/GetVerification"] = [UserRole.Teller, UserRole.Reviewer, UserRole.ReviewSupervisor, UserRole.Auditor],
        ["sealmatch.v1.VerificationService/WatchVerification"] = [UserRole.Teller, UserRole.Reviewer, UserRole.ReviewSupervisor, UserRole.Auditor],
        ["sealmatch.v1.AuditService/QueryAudit"] = [UserRole.Auditor],
        ["sealmatch.v1.AuditService/VerifyAuditChain"] = [UserRole.Auditor, UserRole.Admin],
        ["sealmatch.v1.AuditService/ExportAudit"] = [UserRole.Auditor],
        ["sealmatch.v1.ReviewService/ClaimNextCase"] = [UserRole.Reviewer],
        ["sealmatch.v1.ReviewService/GetCase"] = [UserRole.Reviewer, UserRole.ReviewSupervisor, UserRole.Auditor],
        ["sealmatch.v1.ReviewService/SubmitReview"] = [UserRole.Reviewer],
        ["sealmatch.v1.ReviewService/ReleaseCase"] = [UserRole.Reviewer],
        ["sealmatch.v1.ReviewService/ListCases"] = [UserRole.Reviewer, UserRole.ReviewSupervisor, UserRole.Auditor],
        ["sealmatch.v1.ReviewService/DecideEscalated"] = [UserRole.ReviewSupervisor],
        ["sealmatch.v1.ReportService/PassRates"] = [UserRole.Auditor],
        ["sealmatch.v1.ReportService/ReviewerConsistency"] = [UserRole.Auditor],
        ["sealmatch.v1.ReportService/Volumes"] = [UserRole.Auditor],
        ["sealmatch.v1.ReportService/Reconciliation"] = [UserRole.Auditor],
        ["sealmatch.v1.TemplateService/CreateTemplate"] = [UserRole.Admin],
        ["sealmatch.v1.TemplateService/ListTemplates"] = [UserRole.Teller, UserRole.Auditor, UserRole.Admin],
        ["sealmatch.v1.TemplateService/GetTemplate"] = [UserRole.Teller, UserRole.Auditor, UserRole.Admin],
    };

    /// <summary>Every RPC of every sealmatch.v1 service, from the generated descriptors.</summary>
    public static IReadOnlyList<MethodDescriptor> AllMethods() =>
        [.. typeof(Account).Assembly.GetTypes()
            .Where(t => t.Namespace == "SealMatch.Protos.V1" && t.Name.EndsWith("Reflection", StringComparison.Ordinal))
            .Select(t => (FileDescriptor)t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!)
            .SelectMany(f => f.Services)
            .SelectMany(s => s.Methods)];

    [SkippableFact]
    public async Task Every_rpc_admits_exactly_its_roles_and_refuses_the_rest()
    {
        SkipIfUnavailable();
        IReadOnlyList<MethodDescriptor> methods = AllMethods();
        Assert.Equal(Allowed.Keys.Order(), methods.Select(Name).Order());

        var channels = new Dictionary<UserRole, GrpcChannel>();
        foreach (UserRole role in Enum.GetValues<UserRole>().Where(r => r != UserRole.Unspecified))
        {
            channels[role] = Host.Channel(await Host.UserAsync("matrix-" + role, Branch, role));
        }

        using GrpcChannel anonymous = Host.Channel(null);
        var failures = new List<string>();
        foreach (MethodDescriptor method in methods)
        {
            StatusCode unauthenticated = await CallWithEmptyRequestAsync(anonymous, method);
            if (unauthenticated != StatusCode.Unauthenticated)
            {
                failures.Add($"{Name(method)} without a key: {unauthenticated}");
            }

            foreach ((UserRole role, GrpcChannel channel) in channels)
            {
                bool allowed = Allowed[Name(method)].Contains(role);
                StatusCode code = await CallWithEmptyRequestAsync(channel, method);
                // An allowed role gets past authorisation: an empty request then fails validation (or succeeds).
                bool ok = allowed ? code is not (StatusCode.PermissionDenied or StatusCode.Unauthenticated) : code == StatusCode.PermissionDenied;
                if (!ok)
                {
                    failures.Add($"{Name(method)} as {role}: {code} (expected {(allowed ? "admitted" : "PermissionDenied")})");
                }
            }
        }

        foreach (GrpcChannel channel in channels.Values)
        {
            channel.Dispose();
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static string Name(MethodDescriptor method) => $"{method.Service.FullName}/{method.Name}";

    private static async Task<StatusCode> CallWithEmptyRequestAsync(GrpcChannel channel, MethodDescriptor descriptor)
    {
        Marshaller<byte[]> bytes = Marshallers.Create(b => b, b => b);
        var method = new Method<byte[], byte[]>(descriptor.IsServerStreaming ? MethodType.ServerStreaming : MethodType.Unary,
            descriptor.Service.FullName, descriptor.Name, bytes, bytes);
        CallInvoker invoker = channel.CreateCallInvoker();
        var options = new CallOptions(deadline: DateTime.UtcNow.AddSeconds(60));
        try
        {
            if (descriptor.IsServerStreaming)
            {
                using AsyncServerStreamingCall<byte[]> call = invoker.AsyncServerStreamingCall(method, null, options, []);
                while (await call.ResponseStream.MoveNext(CancellationToken.None))
                {
                }
            }
            else
            {
                await invoker.AsyncUnaryCall(method, null, options, []);
            }

            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }

    [SkippableFact]
    public async Task Keys_are_checked_revoked_keys_stop_working_and_health_needs_no_key()
    {
        SkipIfUnavailable();
        string key = await Host.UserAsync("short-lived-" + Guid.NewGuid().ToString("N")[..6], Branch, UserRole.Teller);
        using var teller = new Clients(Host.Channel(key));
        using var admin = new Clients(Host.Channel(Host.AdminKey));
        using var anonymous = new Clients(Host.Channel(null));
        using var forged = new Clients(Host.Channel(key[..^4] + "0000"));
        using var malformed = new Clients(Host.Channel("not-a-key"));
        var probe = new GetAccountRequest { AccountId = "acc_x" };

        await RpcAssert.FailsAsync(StatusCode.NotFound, () => teller.Accounts.GetAccountAsync(probe).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => anonymous.Accounts.GetAccountAsync(probe).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => forged.Accounts.GetAccountAsync(probe).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => malformed.Accounts.GetAccountAsync(probe).ResponseAsync);

        string keyId = key.Split('_')[1];
        Credential revoked = await admin.Admin.RevokeCredentialAsync(new RevokeCredentialRequest { KeyId = keyId });
        Assert.NotNull(revoked.RevokedAt);
        await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => teller.Accounts.GetAccountAsync(probe).ResponseAsync);
        ListCredentialsResponse active = await admin.Admin.ListCredentialsAsync(new ListCredentialsRequest());
        Assert.DoesNotContain(active.Credentials, c => c.KeyId == keyId);
        await RpcAssert.FailsOnFieldAsync(StatusCode.InvalidArgument, "roles",
            () => admin.Admin.CreateCredentialAsync(new CreateCredentialRequest { User = "x", Branch = "B1" }).ResponseAsync);

        // Server reflection answers any valid key (grpcurl -H 'authorization: Bearer …' list).
        using GrpcChannel reflectionChannel = Host.Channel(Host.AdminKey);
        using (var reflection = new Grpc.Reflection.V1Alpha.ServerReflection.ServerReflectionClient(reflectionChannel).ServerReflectionInfo())
        {
            await reflection.RequestStream.WriteAsync(new Grpc.Reflection.V1Alpha.ServerReflectionRequest { ListServices = string.Empty });
            await reflection.RequestStream.CompleteAsync();
            Assert.True(await reflection.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Contains(reflection.ResponseStream.Current.ListServicesResponse.Service, s => s.Name == "sealmatch.v1.VerificationService");
        }

        using GrpcChannel probeChannel = Host.Channel(null);
        HealthCheckResponse health = await new Health.HealthClient(probeChannel).CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }
}
