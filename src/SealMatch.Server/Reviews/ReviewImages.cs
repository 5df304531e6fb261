using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using SealMatch.Data;
using SealMatch.Engine.Geometry;
using SealMatch.Engine.Imaging;
using SealMatch.Engine.Localisation;
using SealMatch.Engine.Review;
using SealMatch.Engine.Specimens;
using SealMatch.Engine.Verification;
using SealMatch.Server.Imaging;
using SealMatch.Server.Specimens;
using Proto = SealMatch.Protos.V1;

namespace SealMatch.Server.Reviews;

/// <summary>
/// The pictures a reviewer judges, per finding: the impression cropped from the stored slip, the
/// specimen it was matched to, and the engine's side-by-side, overlay, difference and fold views of
/// the two (where the specimen has a template and the impression is found again at the stored box).
/// </summary>
internal sealed class ReviewImages(SealMatchDbContext db, SealEngine engine, ImageProtector protector, SpecimenTemplateCache templates, ScanLimits limits)
{
    public async Task<List<Proto.ReviewImage>> RenderAsync(
        string verificationId, byte[] encryptedSlip, double dpi, Proto.Verification verification, CancellationToken cancellationToken)
    {
        var images = new List<Proto.ReviewImage>();
        if (verification.Findings.Count == 0)
        {
            return images;
        }

        var specimens = new Dictionary<string, (byte[] Png, SealTemplate? Template)>();
        foreach (Proto.Finding matched in verification.Findings.Where(f => !string.IsNullOrEmpty(f.SpecimenId)).DistinctBy(f => f.SpecimenId))
        {
            string specimenId = matched.SpecimenId;
            if (await SpecimenAsync(specimenId, matched.Kind == Proto.EvidenceKind.Signature, cancellationToken) is { } specimen)
            {
                specimens[specimenId] = specimen;
            }
        }

        byte[] slipFile = protector.Unprotect(encryptedSlip, SpecimenPurposes.Slip(verificationId));
        using ScanImage slip = ScanImage.Load(slipFile, dpi, limits);
        for (int i = 0; i < verification.Findings.Count; i++)
        {
            Proto.Finding finding = verification.Findings[i];
            if (finding.Box is not { Width: > 0, Height: > 0 } box)
            {
                continue;
            }

            var region = new PixelBox(box.X, box.Y, box.Width, box.Height);
            // A little of the paper around the seal, as a teller sees it.
            images.Add(Image(Proto.ReviewImageKind.Impression, i, string.Empty, slip.EncodeRegionPng(region.Inflate(Math.Max(box.Width, box.Height) / 10))));
            if (!specimens.TryGetValue(finding.SpecimenId, out var specimen))
            {
                continue;
            }

            images.Add(Image(Proto.ReviewImageKind.Specimen, i, finding.SpecimenId, specimen.Png));
            if (specimen.Template is { } template && engine.FindImpressionAt(slip, region, template.Ink) is { } impression)
            {
                ReviewPictures pictures = engine.RenderReviewPictures(template, slip, impression);
                images.Add(Image(Proto.ReviewImageKind.SideBySide, i, finding.SpecimenId, pictures.SideBySidePng));
                images.Add(Image(Proto.ReviewImageKind.Overlay, i, finding.SpecimenId, pictures.OverlayPng));
                images.Add(Image(Proto.ReviewImageKind.Difference, i, finding.SpecimenId, pictures.DifferencePng));
                Proto.ReviewImage fold = Image(Proto.ReviewImageKind.Fold, i, finding.SpecimenId, pictures.FoldPng);
                fold.FoldAngleDeg = pictures.FoldAngleDeg;
                images.Add(fold);
            }
        }

        return images;
    }

    private static Proto.ReviewImage Image(Proto.ReviewImageKind kind, int findingIndex, string specimenId, byte[] png) =>
        new() { Kind = kind, FindingIndex = findingIndex, SpecimenId = specimenId, Png = ByteString.CopyFrom(png) };

    /// <summary>
    /// The specimen's picture (the stored template's strength image, or the seal region of the stored
    /// original when there is no template, e.g. a signature) and its template; null when nothing is stored.
    /// </summary>
    private async Task<(byte[] Png, SealTemplate? Template)?> SpecimenAsync(string specimenId, bool signature, CancellationToken cancellationToken)
    {
        if (templates.TryGet(specimenId, out SealTemplate? cached))
        {
            return (cached.StrengthPng(), cached);
        }

        var material = await db.SpecimenMaterials.AsNoTracking().SingleOrDefaultAsync(m => m.SpecimenId == specimenId, cancellationToken);
        if (material is null)
        {
            return null;
        }

        // A signature's template is its embedding: reviewers see the signature itself.
        if (material.EncryptedTemplate is not null && !signature)
        {
            SealTemplate template = templates.Get(material);
            return (template.StrengthPng(), template);
        }

        byte[] original = protector.Unprotect(material.EncryptedImage, SpecimenPurposes.Image(specimenId));
        using ScanImage image = ScanImage.Load(original, material.Dpi, limits);
        PixelBox region = material.RegionX is int x && material.RegionY is int y && material.RegionWidth is int w && material.RegionHeight is int h
            ? new PixelBox(x, y, w, h)
            : new PixelBox(0, 0, image.Width, image.Height);
        return (image.EncodeRegionPng(region), null);
    }
}
