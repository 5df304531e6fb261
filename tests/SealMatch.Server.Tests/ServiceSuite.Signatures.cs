using Google.Protobuf;
using Grpc.Core;
using SealMatch.Protos.V1;
using SealMatch.Server.Tests.Infrastructure;

namespace SealMatch.Server.Tests;

using Verification = SealMatch.Protos.V1.Verification;

/// <summary>
/// Signatures end to end: signatory specimens under four eyes, slips carrying a real signature (a
/// writer held out from training) beside the synthetic seals, signature regions from the request or a
/// slip template, and signing rules that mix seals and signatures.
/// </summary>
public abstract partial class ServiceSuite
{
    private const string SignatoryName = "王涛";

    private void SkipWithoutSignatures()
    {
        SkipIfUnavailable();
        Skip.If(SignatureSamples.SkipReason is not null, SignatureSamples.SkipReason);
    }

    private static async Task<Specimen> SubmitSignatureAsync(Clients clerk, string accountId, byte[] image, string name = SignatoryName) =>
        await clerk.Specimens.SubmitSpecimenAsync(new SubmitSpecimenRequest
        {
            AccountId = accountId,
            Role = SpecimenRole.Signatory,
            SignatoryName = name,
            Image = ByteString.CopyFrom(image),
            // The captures carry no resolution; at 150 dpi they are 3–10 cm wide, like a signature on a card.
            Dpi = 150,
            EffectiveFrom = D(2020, 1, 1),
        });

    /// <summary>
    /// An account with approved finance and legal-representative seals and three approved references of
    /// <see cref="SignatureSamples.Writer"/> signing 王涛 (on a tablet and two phones: images 11, 21, 31);
    /// the paper signature of the same name (image 1) is left for the slips.
    /// </summary>
    private async Task<(Account Account, List<Specimen> Signatures)> SignatoryAccountAsync()
    {
        using Clients clerk = await Clerk();
        using Clients approver = await Approver();
        Account account = await NewAccountAsync(clerk);
        await ActiveSealAsync(account.Id, SpecimenRole.FinanceSeal, D(2026, 1, 1));
        await ActiveSealAsync(account.Id, SpecimenRole.LegalRepresentativeSeal, D(2026, 1, 1));
        var signatures = new List<Specimen>();
        foreach (int image in SignatureSamples.WangTaoReferences)
        {
            Specimen submitted = await SubmitSignatureAsync(clerk, account.Id, SignatureSamples.Image(SignatureSamples.Writer, image));
            signatures.Add(await approver.Specimens.ApproveSpecimenAsync(new ApproveSpecimenRequest { SpecimenId = submitted.Id, ExpectedVersion = submitted.Version }));
        }

        return (account, signatures);
    }

    private static (VerifySlipRequest Request, Box Box) SignedSlip(string accountId, int writer, int image, string key)
    {
        (byte[] png, int x, int y, int width, int height) = SignatureSamples.Sign(SyntheticBank.GenuineSlip, SignatureSamples.Image(writer, image));
        VerifySlipRequest request = Slip(accountId, png, key, dpi: 300);
        var box = new Box { X = x - 20, Y = y - 20, Width = width + 40, Height = height + 40 };
        return (request, box);
    }

    private static Finding SignatureFinding(Verification v) => Assert.Single(v.Findings, f => f.Kind == EvidenceKind.Signature);

    [SkippableFact]
    public async Task A_signature_specimen_is_normalised_embedded_and_shown_as_the_engine_compares_it()
    {
        SkipWithoutSignatures();
        using Clients clerk = await Clerk();
        using Clients approver = await Approver();
        Account account = await NewAccountAsync(clerk);

        Specimen submitted = await SubmitSignatureAsync(clerk, account.Id, SignatureSamples.Image(SignatureSamples.Writer, 1));
        Assert.Equal(SpecimenKind.Signature, submitted.Kind);
        Assert.Equal(SpecimenRole.Signatory, submitted.Role);
        Assert.Equal(SignatoryName, submitted.SignatoryName);
        Assert.Equal(SpecimenStatus.PendingApproval, submitted.Status);

        SpecimenImage image = await approver.Specimens.GetSpecimenImageAsync(new GetSpecimenImageRequest { SpecimenId = submitted.Id, Purpose = "four-eyes check of a new signatory" });
        Assert.Equal(SignatureSamples.Image(SignatureSamples.Writer, 1), image.Image.ToByteArray());
        using var normalised = SkiaSharp.SKBitmap.Decode(image.TemplatePng.ToByteArray());
        Assert.NotNull(normalised);
        Assert.True(normalised.Width > normalised.Height, $"normalised signature {normalised.Width}×{normalised.Height}");

        // A page with no ink is refused, naming the field, and nothing is stored.
        int before = (await clerk.Specimens.ListSpecimensAsync(new ListSpecimensRequest { AccountId = account.Id })).Specimens.Count;
        await RpcAssert.FailsOnFieldAsync(StatusCode.InvalidArgument, "image", () => SubmitSignatureAsync(clerk, account.Id, SyntheticBank.BlankPage()));
        Assert.Equal(before, (await clerk.Specimens.ListSpecimensAsync(new ListSpecimensRequest { AccountId = account.Id })).Specimens.Count);

        // A signatory needs a name.
        await RpcAssert.FailsOnFieldAsync(StatusCode.InvalidArgument, "signatory_name", () => SubmitSignatureAsync(clerk, account.Id, SignatureSamples.Image(SignatureSamples.Writer, 2), name: ""));
    }

    [SkippableFact]
    public async Task The_signatory_s_own_signature_outscores_a_same_name_impostor_and_only_the_impostor_fails_a_signature_rule()
    {
        SkipWithoutSignatures();
        using Clients clerk = await Clerk();
        using Clients teller = await Teller();
        (Account account, List<Specimen> references) = await SignatoryAccountAsync();
        await SetRulesAsync(clerk, account.Id, Rule("signatory", SpecimenRole.Signatory));

        (VerifySlipRequest genuineRequest, Box genuineBox) = SignedSlip(account.Id, SignatureSamples.Writer, SignatureSamples.WangTaoPaper, "sig-genuine");
        genuineRequest.SignatureRegions.Add(genuineBox);
        Verification genuine = await teller.Verifications.VerifySlipAsync(genuineRequest, Deadline);
        Output.WriteLine("genuine: " + Describe(genuine));

        (VerifySlipRequest impostorRequest, Box impostorBox) = SignedSlip(account.Id, SignatureSamples.Impostor, SignatureSamples.WangTaoPaper, "sig-impostor");
        impostorRequest.SignatureRegions.Add(impostorBox);
        Verification impostor = await teller.Verifications.VerifySlipAsync(impostorRequest, Deadline);
        Output.WriteLine("impostor: " + Describe(impostor));

        Finding g = SignatureFinding(genuine);
        Finding i = SignatureFinding(impostor);
        Assert.Equal("signature_regions[0]", g.RegionName);
        Assert.Equal(SignatoryName, g.SignatoryName);
        Assert.True(g.Probability > i.Probability, $"genuine p={g.Probability:F3}, impostor p={i.Probability:F3}");
        Assert.NotEqual(Decision.Reject, genuine.Decision);
        Assert.NotEqual(Decision.Accept, impostor.Decision);
        if (genuine.Decision == Decision.Accept)
        {
            Assert.Equal("signatory", genuine.SatisfiedRule);
            Assert.Contains(references, r => r.Id == g.SpecimenId);
            Assert.True(g.Probability >= genuine.SignatureAcceptThreshold);
        }

        // The signature model's SHA-256 is recorded with each decision it took part in.
        foreach (Verification v in new[] { genuine, impostor })
        {
            ModelUse model = Assert.Single(v.Models, m => m.Name == "signature-embedding");
            Assert.Matches("^[0-9a-f]{64}$", model.Sha256);
            Assert.InRange(v.SignatureAcceptThreshold, v.SignatureRejectThreshold, 1);
        }

        // A signature region outside the image is refused, naming the field.
        VerifySlipRequest outside = genuineRequest.Clone();
        outside.IdempotencyKey = "sig-outside";
        outside.SignatureRegions.Add(new Box { X = 0, Y = 0, Width = 100_000, Height = 10 });
        await RpcAssert.FailsOnFieldAsync(StatusCode.InvalidArgument, "signature_regions[1]", () => teller.Verifications.VerifySlipAsync(outside).ResponseAsync);
    }

    [SkippableFact]
    public async Task A_rule_mixing_seals_and_a_signature_needs_both_and_a_template_supplies_the_signature_region()
    {
        SkipWithoutSignatures();
        using Clients clerk = await Clerk();
        using Clients teller = await Teller();
        using Clients admin = await Admin();
        (Account account, _) = await SignatoryAccountAsync();
        await SetRulesAsync(clerk, account.Id,
            Rule("finance+signatory", SpecimenRole.FinanceSeal, SpecimenRole.Signatory),
            Rule("finance+legal+signatory", SpecimenRole.FinanceSeal, SpecimenRole.LegalRepresentativeSeal, SpecimenRole.Signatory));

        (VerifySlipRequest request, Box box) = SignedSlip(account.Id, SignatureSamples.Writer, SignatureSamples.WangTaoPaper, "mixed-template");
        const double mmPerPx = 25.4 / 300;
        SlipTemplate template = await admin.Templates.CreateTemplateAsync(TemplateRequest(UniqueTemplateName("signed-slip"), 250, 120,
            Region("drawer-signature", RegionKind.Signature, box.X * mmPerPx, box.Y * mmPerPx, box.Width * mmPerPx, box.Height * mmPerPx)));
        request.TemplateId = template.Id;
        Verification v = await teller.Verifications.VerifySlipAsync(request, Deadline);
        Output.WriteLine("mixed: " + Describe(v));

        Finding signature = SignatureFinding(v);
        Assert.Equal("drawer-signature", signature.RegionName);
        Assert.Contains(v.Findings, f => f.Kind == EvidenceKind.Seal && f.Role == SpecimenRole.FinanceSeal);
        foreach (RuleEvaluation rule in v.RuleEvaluations)
        {
            // Every required role, seal or signature, is accounted for in exactly one list.
            var roles = rule.RolesSatisfied.Concat(rule.RolesUncertain).Concat(rule.RolesMissing).ToList();
            Assert.Contains(SpecimenRole.Signatory, roles);
            Assert.Contains(SpecimenRole.FinanceSeal, roles);
            Assert.Equal(roles.Count, roles.Distinct().Count());
        }

        // The same slip without any signature region: the signature role cannot be judged by the
        // engine, so the rule is uncertain and people decide; never an accept.
        (VerifySlipRequest bare, _) = SignedSlip(account.Id, SignatureSamples.Writer, SignatureSamples.WangTaoPaper, "mixed-no-region");
        Verification unsigned = await teller.Verifications.VerifySlipAsync(bare, Deadline);
        Output.WriteLine("no region: " + Describe(unsigned));
        Assert.DoesNotContain(unsigned.Findings, f => f.Kind == EvidenceKind.Signature);
        Assert.NotEqual(Decision.Accept, unsigned.Decision);
        Assert.All(unsigned.RuleEvaluations, r => Assert.DoesNotContain(SpecimenRole.Signatory, r.RolesSatisfied));
    }

    [SkippableFact]
    public async Task A_signature_matching_a_frozen_signatory_rejects_and_an_unapproved_reference_never_helps()
    {
        SkipWithoutSignatures();
        using Clients clerk = await Clerk();
        using Clients teller = await Teller();
        (Account account, List<Specimen> references) = await SignatoryAccountAsync();
        await SetRulesAsync(clerk, account.Id, Rule("signatory", SpecimenRole.Signatory));

        // A clerk alone submits the impostor's signature as a reference of the same signatory: while it
        // waits for a second person, the impostor's slip must not pass on it.
        await SubmitSignatureAsync(clerk, account.Id, SignatureSamples.Image(SignatureSamples.Impostor, 11));
        (VerifySlipRequest impostorRequest, Box impostorBox) = SignedSlip(account.Id, SignatureSamples.Impostor, SignatureSamples.WangTaoPaper, "sig-pending-ref");
        impostorRequest.SignatureRegions.Add(impostorBox);
        Verification impostor = await teller.Verifications.VerifySlipAsync(impostorRequest, Deadline);
        Output.WriteLine("impostor with a pending reference: " + Describe(impostor));
        Assert.NotEqual(Decision.Accept, impostor.Decision);

        // Every reference of the signatory frozen: the signatory's own signature now rejects.
        foreach (Specimen reference in references)
        {
            await clerk.Specimens.FreezeSpecimenAsync(new FreezeSpecimenRequest { SpecimenId = reference.Id, Reason = "signatory's authority suspended" });
        }

        (VerifySlipRequest genuineRequest, Box genuineBox) = SignedSlip(account.Id, SignatureSamples.Writer, SignatureSamples.WangTaoPaper, "sig-frozen");
        genuineRequest.SignatureRegions.Add(genuineBox);
        Verification frozen = await teller.Verifications.VerifySlipAsync(genuineRequest, Deadline);
        Output.WriteLine("frozen: " + Describe(frozen));
        Assert.NotEqual(Decision.Accept, frozen.Decision);
        Finding finding = SignatureFinding(frozen);
        if (finding.Probability >= 0.5)
        {
            Assert.Equal(Decision.Reject, frozen.Decision);
            Assert.Contains(frozen.Reasons, r => r.Code == ReasonCode.SpecimenFrozen);
        }
    }
}
