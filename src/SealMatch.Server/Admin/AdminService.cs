using Google.Protobuf.Collections;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using SealMatch.Data;
using SealMatch.Data.Credentials;
using SealMatch.Domain.Security;
using SealMatch.Protos.V1;
using SealMatch.Server.Audit;
using SealMatch.Server.Errors;
using SealMatch.Server.Security;

namespace SealMatch.Server.Admin;

/// <summary>Credentials (API keys and registered client certificates) for users and systems. ADMIN only.</summary>
internal sealed partial class AdminService(SealMatchDbContext db, AuditTrail audit, TimeProvider clock, ILogger<AdminService> logger) : Protos.V1.AdminService.AdminServiceBase
{
    [Authorize(Roles = UserRoles.Admin)]
    public override async Task<CreateCredentialResponse> CreateCredential(CreateCredentialRequest request, ServerCallContext context)
    {
        Actor actor = context.GetActor();
        string user = Required(request.User, "user", 200);
        string branch = Required(request.Branch, "branch", 64);
        IReadOnlyList<Role> roles = Roles(request.Roles);
        (ApiCredential credential, string token) = Credentials.Create(user, roles, branch, actor.UserId, clock.GetUtcNow().UtcDateTime);
        db.Credentials.Add(credential);
        await audit.SaveChangesAsync(actor, AuditActions.CredentialCreate, AuditTargets.Credential, credential.KeyId, null, context.CancellationToken);
        Log.Created(logger, credential.KeyId, user, actor.UserId);
        return new CreateCredentialResponse { Credential = ToProto(credential), ApiKey = token };
    }

    [Authorize(Roles = UserRoles.Admin)]
    public override async Task<Credential> RegisterClientCertificate(RegisterClientCertificateRequest request, ServerCallContext context)
    {
        Actor actor = context.GetActor();
        string user = Required(request.User, "user", 200);
        string branch = Required(request.Branch, "branch", 64);
        IReadOnlyList<Role> roles = Roles(request.Roles);
        (string sha256, string field) = request.CertificateCase switch
        {
            RegisterClientCertificateRequest.CertificateOneofCase.CertificatePem =>
                (request.CertificatePem.Contains("PRIVATE KEY", StringComparison.Ordinal)
                    ? throw new RequestInvalidException("certificate_pem", "Send the certificate only: its private key never leaves the teller system.")
                    : ClientCertificates.Sha256FromPem(request.CertificatePem)
                        ?? throw new RequestInvalidException("certificate_pem", "certificate_pem holds no readable X.509 certificate."), "certificate_pem"),
            RegisterClientCertificateRequest.CertificateOneofCase.CertificateSha256 =>
                (ClientCertificates.TryParseSha256(request.CertificateSha256, out string? parsed) ? parsed
                    : throw new RequestInvalidException("certificate_sha256", "certificate_sha256 must be 64 hex digits (SHA-256 of the DER certificate)."), "certificate_sha256"),
            _ => throw new RequestInvalidException("certificate_pem", "Give the certificate (certificate_pem) or its SHA-256 thumbprint (certificate_sha256)."),
        };

        // Unique also over revoked credentials: a revoked certificate is never admitted again; issue a new one.
        if (await db.Credentials.AnyAsync(c => c.CertificateSha256 == sha256, context.CancellationToken))
        {
            throw new ResourceExistsException(field, "This certificate is registered already (possibly revoked); a revoked certificate cannot be registered again.");
        }

        ApiCredential credential = Credentials.ForCertificate(user, roles, branch, sha256, actor.UserId, clock.GetUtcNow().UtcDateTime);
        db.Credentials.Add(credential);
        try
        {
            await audit.SaveChangesAsync(actor, AuditActions.CredentialRegisterCertificate, AuditTargets.Credential, credential.KeyId, null, context.CancellationToken);
        }
        catch (DbUpdateException e)
        {
            // A concurrent registration of the same certificate lost the unique index race.
            if (await db.Credentials.AsNoTracking().AnyAsync(c => c.CertificateSha256 == sha256 && c.KeyId != credential.KeyId, context.CancellationToken))
            {
                throw new ResourceExistsException(field, "This certificate was registered by a concurrent request.", e);
            }

            throw;
        }

        Log.CertificateRegistered(logger, credential.KeyId, sha256, user, actor.UserId);
        return ToProto(credential);
    }

    [Authorize(Roles = UserRoles.Admin)]
    public override async Task<Credential> RevokeCredential(RevokeCredentialRequest request, ServerCallContext context)
    {
        Actor actor = context.GetActor();
        ApiCredential credential = await db.Credentials.SingleOrDefaultAsync(c => c.KeyId == request.KeyId, context.CancellationToken)
            ?? throw new ResourceNotFoundException("credential", request.KeyId, "key_id");
        if (credential.RevokedAt is null)
        {
            credential.RevokedAt = clock.GetUtcNow().UtcDateTime;
            credential.RevokedBy = actor.UserId;
            await audit.SaveChangesAsync(actor, AuditActions.CredentialRevoke, AuditTargets.Credential, credential.KeyId, null, context.CancellationToken);
            Log.Revoked(logger, credential.KeyId, actor.UserId);
        }

        return ToProto(credential);
    }

    [Authorize(Roles = UserRoles.Admin)]
    public override async Task<ListCredentialsResponse> ListCredentials(ListCredentialsRequest request, ServerCallContext context)
    {
        List<ApiCredential> all = await db.Credentials.AsNoTracking()
            .Where(c => request.IncludeRevoked || c.RevokedAt == null)
            .OrderBy(c => c.User).ThenBy(c => c.KeyId)
            .ToListAsync(context.CancellationToken);
        return new ListCredentialsResponse { Credentials = { all.Select(ToProto) } };
    }

    private static List<Role> Roles(RepeatedField<UserRole> roles) =>
        roles.Count == 0 || roles.Any(r => r == UserRole.Unspecified || !Enum.IsDefined(r))
            ? throw new RequestInvalidException("roles", "Give at least one role, each a defined USER_ROLE_ value.")
            : [.. roles.Select(ProtoMapping.ToDomain)];

    private static string Required(string value, string field, int max) =>
        string.IsNullOrWhiteSpace(value) ? throw new RequestInvalidException(field, $"{field} is required.")
        : value.Trim().Length > max ? throw new RequestInvalidException(field, $"{field} is longer than {max} characters.")
        : value.Trim();

    private static Credential ToProto(ApiCredential c)
    {
        var proto = new Credential
        {
            KeyId = c.KeyId,
            User = c.User,
            Branch = c.Branch,
            CreatedAt = ProtoMapping.ToTimestamp(c.CreatedAt),
            CreatedBy = c.CreatedBy,
            RevokedBy = c.RevokedBy ?? string.Empty,
            CertificateSha256 = c.CertificateSha256 ?? string.Empty,
        };
        proto.Roles.AddRange(c.RoleList.Select(RoleNames.TryParse).OfType<Role>().Select(ProtoMapping.ToProto));
        if (c.RevokedAt is DateTime revoked)
        {
            proto.RevokedAt = ProtoMapping.ToTimestamp(revoked);
        }

        return proto;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Credential {KeyId} created for {User} by {Actor}")]
        public static partial void Created(ILogger logger, string keyId, string user, string actor);

        [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Credential {KeyId} revoked by {Actor}")]
        public static partial void Revoked(ILogger logger, string keyId, string actor);

        [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Credential {KeyId} registered client certificate {Sha256} for {User} by {Actor}")]
        public static partial void CertificateRegistered(ILogger logger, string keyId, string sha256, string user, string actor);
    }
}
