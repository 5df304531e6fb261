using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using SealMatch.Data;
using SealMatch.Domain.Specimens;
using SealMatch.Domain.Verification;
using SealMatch.Engine.Geometry;
using SealMatch.Engine.Imaging;
using SealMatch.Engine.Signatures;
using SealMatch.Server.Imaging;
using SealMatch.Server.Specimens;

namespace SealMatch.Server.Verification;

/// <summary>A signatory's reference signature as the verifier compares it.</summary>
/// <param name="Specimen">The specimen it belongs to.</param>
/// <param name="Template">Its embedding, made by the engine's current model.</param>
internal sealed record SignatureReference(Specimen Specimen, SignatureTemplate Template);

/// <summary>One signature region of a slip and how it compared with the account's signatories.</summary>
/// <param name="Region">Where it was read.</param>
/// <param name="Scores">One probability per compared signature specimen.</param>
/// <param name="Comparisons">The engine's comparison per signatory group (for the stored scores).</param>
/// <param name="Problem">Why the region gave no signature (no ink, too small), or null.</param>
/// <param name="Milliseconds">Time to normalise, embed and compare.</param>
internal sealed record SignatureFinding(
    SlipRegion Region,
    IReadOnlyList<SpecimenScore> Scores,
    IReadOnlyList<SignatureGroupComparison> Comparisons,
    string? Problem,
    double Milliseconds);

/// <summary>A comparison with one group of references.</summary>
/// <param name="Signatory">The signatory's name.</param>
/// <param name="SpecimenIds">The references compared together.</param>
/// <param name="Usable">Whether the group is the signatory's usable references (else a single non-usable specimen).</param>
/// <param name="Comparison">The engine's result.</param>
internal sealed record SignatureGroupComparison(string Signatory, IReadOnlyList<string> SpecimenIds, bool Usable, SignatureComparison Comparison);

/// <summary>
/// Verifies the handwritten signatures of a slip against the account's SIGNATORY specimens.
/// </summary>
/// <remarks>
/// <para><b>Which references decide.</b> A signatory's usable specimens on the slip date (approved,
/// effective, not frozen or revoked) are compared together: the engine normalises the questioned
/// signature's distance by their spread, so several references sharpen the decision. The probability is
/// given to each of them. Every other signature specimen (pending, rejected, frozen, revoked, not yet
/// effective) is compared on its own, so a signature that matches a frozen signatory still rejects and an
/// unapproved reference can never lend weight to a usable one — four eyes hold for signatures too.</para>
/// <para><b>Model changes.</b> A stored template made by another model or preprocessing version is
/// recomputed from its encrypted original image (the stored row is never rewritten) and kept in memory.</para>
/// </remarks>
internal sealed class SignatureVerifier(ImageProtector protector, ScanLimits limits)
{
    private readonly ConcurrentDictionary<string, SignatureTemplate> _recomputed = new(StringComparer.Ordinal);

    /// <summary>The engine, or null when the service was built without the signature model.</summary>
    public SignatureEngine? Engine { get; } = SignatureEngine.Default;

    /// <summary>Loads the references of the account's signature specimens (decrypting their templates).</summary>
    public async Task<IReadOnlyList<SignatureReference>> LoadReferencesAsync(
        SealMatchDbContext db, IReadOnlyList<Specimen> specimens, CancellationToken cancellationToken)
    {
        if (Engine is not { } engine)
        {
            return [];
        }

        var signatures = specimens.Where(s => s.Kind == SpecimenKind.Signature).ToDictionary(s => s.Id, StringComparer.Ordinal);
        if (signatures.Count == 0)
        {
            return [];
        }

        List<string> ids = [.. signatures.Keys];
        var materials = await db.SpecimenMaterials.AsNoTracking()
            .Where(m => ids.Contains(m.SpecimenId) && m.EncryptedTemplate != null)
            .Select(m => new { m.SpecimenId, m.EncryptedTemplate })
            .ToListAsync(cancellationToken);
        var references = new List<SignatureReference>(materials.Count);
        foreach (var m in materials.OrderBy(m => m.SpecimenId, StringComparer.Ordinal))
        {
            SignatureTemplate template = SignatureTemplate.Deserialise(protector.Unprotect(m.EncryptedTemplate!, SpecimenPurposes.Template(m.SpecimenId)));
            if (template.ModelSha256 != engine.ModelSha256 || template.FeatureVersion != SignatureImage.PreprocessingVersion)
            {
                template = await RecomputeAsync(db, engine, m.SpecimenId, cancellationToken);
            }

            references.Add(new SignatureReference(signatures[m.SpecimenId], template));
        }

        return references;
    }

    /// <summary>Compares each signature region of the slip with the references.</summary>
    public IReadOnlyList<SignatureFinding> Verify(
        ScanImage slip, IReadOnlyList<SlipRegion> regions, IReadOnlyList<SignatureReference> references, DateOnly slipDate)
    {
        if (Engine is not { } engine || regions.Count == 0 || references.Count == 0)
        {
            return [];
        }

        List<(string Signatory, List<SignatureReference> Members, bool Usable)> groups = Groups(references, slipDate);
        var findings = new List<SignatureFinding>(regions.Count);
        foreach (SlipRegion region in regions)
        {
            long start = System.Diagnostics.Stopwatch.GetTimestamp();
            SignatureTemplate questioned;
            try
            {
                questioned = engine.CreateTemplate(slip, region.Box);
            }
            catch (ScanRejectedException e)
            {
                findings.Add(new SignatureFinding(region, [], [], e.Message, System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds));
                continue;
            }

            var scores = new List<SpecimenScore>();
            var comparisons = new List<SignatureGroupComparison>();
            foreach ((string signatory, List<SignatureReference> members, bool usable) in groups)
            {
                SignatureComparison c = engine.Compare(questioned, [.. members.Select(m => m.Template)]);
                comparisons.Add(new SignatureGroupComparison(signatory, [.. members.Select(m => m.Specimen.Id)], usable, c));
                double p = Math.Clamp(c.Probability ?? 0, 0, 1);
                scores.AddRange(members.Select(m => new SpecimenScore(m.Specimen.Id, p)));
            }

            // A signature with no calibrated probability was not really scored: leave it uncompared.
            if (engine.ScoreModel is null)
            {
                scores.Clear();
            }

            findings.Add(new SignatureFinding(region, scores, comparisons, null, System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds));
        }

        return findings;
    }

    /// <summary>Usable references together per signatory; every other reference alone.</summary>
    private static List<(string Signatory, List<SignatureReference> Members, bool Usable)> Groups(IReadOnlyList<SignatureReference> references, DateOnly slipDate)
    {
        var groups = new List<(string, List<SignatureReference>, bool)>();
        foreach (var usable in references
            .Where(r => r.Specimen.UsabilityOn(slipDate) == SpecimenUsability.Usable)
            .GroupBy(r => SignatoryKey(r.Specimen), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            groups.Add((usable.First().Specimen.SignatoryName ?? string.Empty, [.. usable], true));
        }

        foreach (SignatureReference other in references.Where(r => r.Specimen.UsabilityOn(slipDate) != SpecimenUsability.Usable))
        {
            groups.Add((other.Specimen.SignatoryName ?? string.Empty, [other], false));
        }

        return groups;
    }

    private static string SignatoryKey(Specimen specimen) => (specimen.SignatoryName ?? string.Empty).Trim().ToUpperInvariant();

    private async Task<SignatureTemplate> RecomputeAsync(SealMatchDbContext db, SignatureEngine engine, string specimenId, CancellationToken cancellationToken)
    {
        string key = specimenId + "/" + engine.ModelSha256;
        if (_recomputed.TryGetValue(key, out SignatureTemplate? cached))
        {
            return cached;
        }

        var material = await db.SpecimenMaterials.AsNoTracking()
            .Where(m => m.SpecimenId == specimenId)
            .Select(m => new { m.EncryptedImage, m.Dpi, m.RegionX, m.RegionY, m.RegionWidth, m.RegionHeight })
            .SingleAsync(cancellationToken);
        byte[] image = protector.Unprotect(material.EncryptedImage, SpecimenPurposes.Image(specimenId));
        using ScanImage scan = ScanImage.Load(image, material.Dpi, limits);
        PixelBox? region = material.RegionX is int x && material.RegionY is int y && material.RegionWidth is int w && material.RegionHeight is int h
            ? new PixelBox(x, y, w, h)
            : null;
        SignatureTemplate template = engine.CreateTemplate(scan, region);
        _recomputed[key] = template;
        return template;
    }
}
