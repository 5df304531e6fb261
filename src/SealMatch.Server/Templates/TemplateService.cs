using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using SealMatch.Data;
using SealMatch.Domain.Security;
using SealMatch.Domain.Templates;
using SealMatch.Server.Audit;
using SealMatch.Server.Errors;
using SealMatch.Server.Security;
using Proto = SealMatch.Protos.V1;

namespace SealMatch.Server.Templates;

/// <summary>Slip templates: administrators register them; tellers name them in VerifySlip.</summary>
internal sealed class TemplateService(SealMatchDbContext db, AuditTrail audit, TimeProvider clock) : Proto.TemplateService.TemplateServiceBase
{
    private const string Readers = $"{UserRoles.Teller},{UserRoles.Auditor},{UserRoles.Admin}";

    [Authorize(Roles = UserRoles.Admin)]
    public override async Task<Proto.SlipTemplate> CreateTemplate(Proto.CreateTemplateRequest request, ServerCallContext context)
    {
        Actor actor = context.GetActor();
        var template = SlipTemplate.Create(ProtoMapping.NewId("tpl"), request.Name, request.Description, request.PageWidthMm, request.PageHeightMm,
            request.Regions.Select(TemplateMapping.ToDomain), actor, clock.GetUtcNow());
        if (await NameTakenAsync(template.Name, context.CancellationToken))
        {
            throw new ResourceExistsException("name", "A slip template with this name exists.");
        }

        db.SlipTemplates.Add(template);
        try
        {
            await audit.SaveChangesAsync(actor, AuditActions.TemplateCreate, AuditTargets.SlipTemplate, template.Id, null, context.CancellationToken);
        }
        catch (DbUpdateException e) when (!context.CancellationToken.IsCancellationRequested)
        {
            // A concurrent create with the same name won the unique index.
            db.ChangeTracker.Clear();
            if (await NameTakenAsync(template.Name, context.CancellationToken))
            {
                throw new ResourceExistsException("name", "A slip template with this name exists.", e);
            }

            throw;
        }

        return TemplateMapping.ToProto(template);
    }

    [Authorize(Roles = Readers)]
    public override async Task<Proto.ListTemplatesResponse> ListTemplates(Proto.ListTemplatesRequest request, ServerCallContext context)
    {
        List<SlipTemplate> templates = await db.SlipTemplates.AsNoTracking().OrderBy(t => t.Name).ToListAsync(context.CancellationToken);
        var response = new Proto.ListTemplatesResponse();
        response.Templates.AddRange(templates.Select(TemplateMapping.ToProto));
        return response;
    }

    [Authorize(Roles = Readers)]
    public override async Task<Proto.SlipTemplate> GetTemplate(Proto.GetTemplateRequest request, ServerCallContext context) =>
        TemplateMapping.ToProto(await db.FindTemplateAsync(request.TemplateId, "template_id", context.CancellationToken));

    private Task<bool> NameTakenAsync(string name, CancellationToken cancellationToken) =>
        db.SlipTemplates.AnyAsync(t => t.Name == name, cancellationToken);
}
