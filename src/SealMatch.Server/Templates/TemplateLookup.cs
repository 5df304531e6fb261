using Microsoft.EntityFrameworkCore;
using SealMatch.Data;
using SealMatch.Domain.Templates;
using SealMatch.Server.Errors;

namespace SealMatch.Server.Templates;

/// <summary>Loads a slip template: NOT_FOUND, naming the request field, when absent.</summary>
internal static class TemplateLookup
{
    public static async Task<SlipTemplate> FindTemplateAsync(this SealMatchDbContext db, string templateId, string field, CancellationToken cancellationToken)
    {
        string id = ProtoMapping.RequiredId(templateId, field);
        return await db.SlipTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken)
            ?? throw new ResourceNotFoundException("slip template", id, field);
    }
}
