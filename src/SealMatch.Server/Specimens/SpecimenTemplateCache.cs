using Microsoft.Extensions.Caching.Memory;
using SealMatch.Data.Specimens;
using SealMatch.Engine.Specimens;
using SealMatch.Server.Imaging;

namespace SealMatch.Server.Specimens;

/// <summary>
/// Decrypted, deserialised specimen templates, by specimen id. A specimen's material is written once
/// with its submission and never changes, so the id (plus the engine's feature version, which decides
/// whether features are rebuilt on load) identifies the template for good; status changes do not
/// touch it. Evicted templates are not disposed here: a verification may still be using one, and their
/// native buffers are released by the finaliser once nothing refers to them.
/// </summary>
internal sealed class SpecimenTemplateCache(ImageProtector protector, IConfiguration configuration) : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions
    {
        SizeLimit = configuration.GetValue("Verification:TemplateCacheSize", 2000),
    });

    public SealTemplate Get(SpecimenMaterial material)
    {
        ArgumentNullException.ThrowIfNull(material);
        string key = $"{material.SpecimenId}/{Engine.EngineInfo.FeatureVersion}";
        if (_cache.TryGetValue(key, out SealTemplate? cached) && cached is not null)
        {
            return cached;
        }

        byte[] plain = protector.Unprotect(material.EncryptedTemplate ?? throw new InvalidOperationException("The specimen has no template."),
            SpecimenPurposes.Template(material.SpecimenId));
        SealTemplate template = SealTemplate.Deserialise(plain);
        _cache.Set(key, template, new MemoryCacheEntryOptions { Size = 1 });
        return template;
    }

    public void Dispose() => _cache.Dispose();
}

/// <summary>Associated data binding each encrypted blob to its row.</summary>
internal static class SpecimenPurposes
{
    public static string Image(string specimenId) => "specimen-image:" + specimenId;

    public static string Template(string specimenId) => "specimen-template:" + specimenId;

    public static string Slip(string verificationId) => "slip-image:" + verificationId;
}
