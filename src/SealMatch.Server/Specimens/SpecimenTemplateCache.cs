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
        return TryGet(material.SpecimenId, out SealTemplate? cached)
            ? cached
            : Add(material.SpecimenId, material.EncryptedTemplate ?? throw new InvalidOperationException("The specimen has no template."));
    }

    /// <summary>The cached template of a specimen, if it is cached (no database read needed).</summary>
    public bool TryGet(string specimenId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SealTemplate? template) =>
        _cache.TryGetValue(Key(specimenId), out template) && template is not null;

    /// <summary>Decrypts, deserialises and caches a specimen's template.</summary>
    public SealTemplate Add(string specimenId, byte[] encryptedTemplate)
    {
        byte[] plain = protector.Unprotect(encryptedTemplate, SpecimenPurposes.Template(specimenId));
        SealTemplate template = SealTemplate.Deserialise(plain);
        _cache.Set(Key(specimenId), template, new MemoryCacheEntryOptions { Size = 1 });
        return template;
    }

    private static string Key(string specimenId) => $"{specimenId}/{Engine.EngineInfo.FeatureVersion}";

    public void Dispose() => _cache.Dispose();
}

/// <summary>Associated data binding each encrypted blob to its row.</summary>
internal static class SpecimenPurposes
{
    public static string Image(string specimenId) => "specimen-image:" + specimenId;

    public static string Template(string specimenId) => "specimen-template:" + specimenId;

    public static string Slip(string verificationId) => "slip-image:" + verificationId;
}
