using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using SealMatch.Data;
using SealMatch.Data.Credentials;
using SealMatch.Domain.Security;
using SealMatch.Protos.V1;
using SealMatch.Server.Errors;
using SealMatch.Server.Security;

namespace SealMatch.Server.Admin;

/// <summary>Credentials for users and systems. ADMIN only.</summary>
internal sealed partial class AdminService(SealMatchDbContext db, TimeProvider clock, ILogger<AdminService> logger) : Protos.V1.AdminService.AdminServiceBase
{
    [Authorize(Roles = UserRoles.Admin)]
    public override async Task<CreateCredentialResponse> CreateCredential(CreateCredentialRequest request, ServerCallContext context)
    {
        Actor actor = context.GetActor();
        string user = Required(request.User, "user", 200);
        string branch = Required(request.Branch, "branch", 64);
        if (request.Roles.Count == 0 || request.Roles.Any(r => r == UserRole.Unspecified || !Enum.IsDefined(r)))
        {
            throw new RequestInvalidException("roles", "Give at least one role, each a defined USER_ROLE_ value.");
        }

        (ApiCredential credential, string token) = Credentials.Create(user, request.Roles.Select(ProtoMapping.ToDomain), branch, actor.UserId, clock.GetUtcNow().UtcDateTime);
        db.Credentials.Add(credential);
        await db.SaveChangesAsync(context.CancellationToken);
        Log.Created(logger, credential.KeyId, user, actor.UserId);
        return new CreateCredentialResponse { Credential = ToProto(credential), ApiKey = token };
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
            await db.SaveChangesAsync(context.CancellationToken);
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
    }
}
