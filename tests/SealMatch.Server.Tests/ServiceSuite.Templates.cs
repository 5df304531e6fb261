using Grpc.Core;
using SealMatch.Protos.V1;
using SealMatch.Server.Tests.Infrastructure;

namespace SealMatch.Server.Tests;

using Verification = SealMatch.Protos.V1.Verification;

public abstract partial class ServiceSuite
{
    private const double MillimetresPerInch = 25.4;

    protected Task<Clients> Admin() => As("admin-t", "HQ", UserRole.Admin);

    private static CreateTemplateRequest TemplateRequest(string name, double widthMm, double heightMm, params TemplateRegion[] regions)
    {
        var request = new CreateTemplateRequest { Name = name, PageWidthMm = widthMm, PageHeightMm = heightMm };
        request.Regions.AddRange(regions);
        return request;
    }

    private static TemplateRegion Region(string name, RegionKind kind, double x, double y, double width, double height) =>
        new() { Name = name, Kind = kind, Box = new MillimetreBox { X = x, Y = y, Width = width, Height = height } };

    private static string UniqueTemplateName(string stem) => $"{stem}-{Guid.NewGuid():N}";

    [SkippableFact]
    public async Task Templates_are_created_by_an_administrator_read_by_tellers_and_auditors_and_audited()
    {
        SkipIfUnavailable();
        using Clients admin = await Admin();
        using Clients teller = await Teller();
        using Clients auditor = await Auditor();
        using Clients clerk = await Clerk();
        string name = UniqueTemplateName("transfer-slip");
        CreateTemplateRequest request = TemplateRequest(name, 210, 99,
            Region("payer-seals", RegionKind.Seal, 120, 50, 80, 45),
            Region("drawer", RegionKind.Signature, 20.5, 70, 60, 20));
        request.Description = "Transfer slip, 2026 layout";

        SlipTemplate created = await admin.Templates.CreateTemplateAsync(request);
        Assert.StartsWith("tpl_", created.Id, StringComparison.Ordinal);
        Assert.Equal(name, created.Name);
        Assert.Equal("Transfer slip, 2026 layout", created.Description);
        Assert.Equal((210.0, 99.0), (created.PageWidthMm, created.PageHeightMm));
        Assert.Equal(request.Regions, created.Regions);
        Assert.Equal("admin-t", created.CreatedBy);
        Assert.NotNull(created.CreatedAt);

        Assert.Equal(created, await teller.Templates.GetTemplateAsync(new GetTemplateRequest { TemplateId = created.Id }));
        Assert.Equal(created, await auditor.Templates.GetTemplateAsync(new GetTemplateRequest { TemplateId = created.Id }));
        ListTemplatesResponse listed = await teller.Templates.ListTemplatesAsync(new ListTemplatesRequest());
        Assert.Equal(created, Assert.Single(listed.Templates, t => t.Id == created.Id));
        Assert.Equal(listed.Templates.Select(t => t.Name).Order(StringComparer.Ordinal), listed.Templates.Select(t => t.Name));

        // Only an administrator registers layouts; a refused create writes nothing.
        string tellerName = UniqueTemplateName("by-teller");
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => teller.Templates.CreateTemplateAsync(TemplateRequest(tellerName, 210, 99, Region("s", RegionKind.Seal, 0, 0, 10, 10))).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => clerk.Templates.GetTemplateAsync(new GetTemplateRequest { TemplateId = created.Id }).ResponseAsync);
        Assert.DoesNotContain((await admin.Templates.ListTemplatesAsync(new ListTemplatesRequest())).Templates, t => t.Name == tellerName);

        QueryAuditResponse entries = await auditor.Audit.QueryAuditAsync(new QueryAuditRequest { Filter = new AuditFilter { TargetId = created.Id } });
        AuditRecord entry = Assert.Single(entries.Entries);
        Assert.Equal(("template.create", "slip_template", "admin-t"), (entry.Action, entry.TargetType, entry.ActorId));
    }

    [SkippableFact]
    public async Task Template_requests_are_refused_with_the_field_at_fault()
    {
        SkipIfUnavailable();
        using Clients admin = await Admin();
        TemplateRegion seal = Region("seal", RegionKind.Seal, 10, 10, 40, 40);

        async Task Refused(StatusCode code, string field, CreateTemplateRequest request) =>
            await RpcAssert.FailsOnFieldAsync(code, field, () => admin.Templates.CreateTemplateAsync(request).ResponseAsync);

        await Refused(StatusCode.InvalidArgument, "name", TemplateRequest(" ", 210, 99, seal));
        await Refused(StatusCode.InvalidArgument, "page_width_mm", TemplateRequest(UniqueTemplateName("t"), 0, 99, seal));
        await Refused(StatusCode.InvalidArgument, "regions", TemplateRequest(UniqueTemplateName("t"), 210, 99));
        await Refused(StatusCode.InvalidArgument, "regions[1].kind", TemplateRequest(UniqueTemplateName("t"), 210, 99, seal, Region("x", RegionKind.Unspecified, 0, 0, 5, 5)));
        await Refused(StatusCode.InvalidArgument, "regions[1].name", TemplateRequest(UniqueTemplateName("t"), 210, 99, seal, Region("SEAL", RegionKind.Signature, 0, 0, 5, 5)));
        await Refused(StatusCode.InvalidArgument, "regions[0].box", TemplateRequest(UniqueTemplateName("t"), 210, 99, Region("seal", RegionKind.Seal, 180, 10, 40, 40)));
        await Refused(StatusCode.InvalidArgument, "regions[0].box.height", TemplateRequest(UniqueTemplateName("t"), 210, 99, Region("seal", RegionKind.Seal, 10, 10, 40, 0)));
        var noBox = TemplateRequest(UniqueTemplateName("t"), 210, 99, seal.Clone());
        noBox.Regions[0].Box = null;
        await Refused(StatusCode.InvalidArgument, "regions[0].box", noBox);

        string name = UniqueTemplateName("duplicate");
        await admin.Templates.CreateTemplateAsync(TemplateRequest(name, 210, 99, seal));
        Assert.Equal("ALREADY_EXISTS", RpcAssert.Reason(await RpcAssert.FailsOnFieldAsync(StatusCode.AlreadyExists, "name",
            () => admin.Templates.CreateTemplateAsync(TemplateRequest(name, 100, 50, seal)).ResponseAsync)));
        Assert.Single((await admin.Templates.ListTemplatesAsync(new ListTemplatesRequest())).Templates, t => t.Name == name);

        await RpcAssert.FailsOnFieldAsync(StatusCode.NotFound, "template_id",
            () => admin.Templates.GetTemplateAsync(new GetTemplateRequest { TemplateId = "tpl_missing" }).ResponseAsync);
        await RpcAssert.FailsOnFieldAsync(StatusCode.InvalidArgument, "template_id",
            () => admin.Templates.GetTemplateAsync(new GetTemplateRequest()).ResponseAsync);
    }

    [SkippableFact]
    public async Task VerifySlip_refuses_an_unknown_template_a_template_larger_than_the_slip_and_signature_regions_outside_it()
    {
        SkipIfUnavailable();
        using Clients admin = await Admin();
        using Clients clerk = await Clerk();
        using Clients teller = await Teller();
        Account account = await NewAccountAsync(clerk);
        // 600 × 400 px at 300 dpi: 50.8 × 33.9 mm.
        byte[] blank = SyntheticBank.BlankPage();
        SlipTemplate large = await admin.Templates.CreateTemplateAsync(TemplateRequest(UniqueTemplateName("a4"), 210, 297,
            Region("seal", RegionKind.Seal, 10, 10, 30, 20),
            Region("drawer", RegionKind.Signature, 100, 250, 60, 20)));

        VerifySlipRequest With(string key, Action<VerifySlipRequest> change)
        {
            VerifySlipRequest request = Slip(account.Id, blank, key, dpi: 300);
            change(request);
            return request;
        }

        await RpcAssert.FailsOnFieldAsync(StatusCode.NotFound, "template_id",
            () => teller.Verifications.VerifySlipAsync(With("tpl-1", r => r.TemplateId = "tpl_missing"), Deadline).ResponseAsync);
        Google.Rpc.Status outside = await RpcAssert.FailsOnFieldAsync(StatusCode.InvalidArgument, "template_id",
            () => teller.Verifications.VerifySlipAsync(With("tpl-2", r => r.TemplateId = large.Id), Deadline).ResponseAsync);
        Assert.Contains("drawer", outside.Message, StringComparison.Ordinal);
        await RpcAssert.FailsOnFieldAsync(StatusCode.InvalidArgument, "signature_regions[1]",
            () => teller.Verifications.VerifySlipAsync(With("tpl-3", r => r.SignatureRegions.AddRange(
                [new Box { X = 0, Y = 0, Width = 100, Height = 50 }, new Box { X = 550, Y = 300, Width = 100, Height = 50 }])), Deadline).ResponseAsync);
        await RpcAssert.FailsOnFieldAsync(StatusCode.InvalidArgument, "signature_regions[0]",
            () => teller.Verifications.VerifySlipAsync(With("tpl-4", r => r.SignatureRegions.Add(new Box { X = 10, Y = 10, Width = 0, Height = 50 })), Deadline).ResponseAsync);
        Assert.Equal(0, await CountVerificationsAsync(account.Id));

        // A template fitting the slip is accepted; the idempotency key then binds the template too.
        SlipTemplate small = await admin.Templates.CreateTemplateAsync(TemplateRequest(UniqueTemplateName("small"), 50.8, 33.8,
            Region("seal", RegionKind.Seal, 1, 1, 20, 20),
            Region("drawer", RegionKind.Signature, 25, 20, 25.8, 13.8)));
        Verification first = await teller.Verifications.VerifySlipAsync(With("tpl-5", r =>
        {
            r.TemplateId = small.Id;
            r.SignatureRegions.Add(new Box { X = 0, Y = 300, Width = 600, Height = 100 });
        }), Deadline);
        Assert.Contains(first.Reasons, r => r.Code == ReasonCode.NoSealFound);
        await RpcAssert.FailsOnFieldAsync(StatusCode.InvalidArgument, "idempotency_key",
            () => teller.Verifications.VerifySlipAsync(With("tpl-5", r => r.SignatureRegions.Add(new Box { X = 0, Y = 300, Width = 600, Height = 100 })), Deadline).ResponseAsync);
        Assert.Equal(1, await CountVerificationsAsync(account.Id));
    }

    [SkippableFact]
    public async Task VerifySlip_with_a_template_considers_only_the_seals_in_its_seal_regions()
    {
        SkipIfUnavailable();
        using Clients admin = await Admin();
        using Clients clerk = await Clerk();
        using Clients teller = await Teller();
        (Account account, Dictionary<SpecimenRole, Specimen> specimens) = await SyntheticAccountAsync();
        await SetRulesAsync(clerk, account.Id, Rule("finance+legal", SpecimenRole.FinanceSeal, SpecimenRole.LegalRepresentativeSeal));
        const double dpi = 300;
        (int widthPx, int heightPx) = ImageSize(SyntheticBank.GenuineSlip);
        double Mm(double px) => px * MillimetresPerInch / dpi;

        // Where the seals are, from a verification without a template.
        Verification whole = await teller.Verifications.VerifySlipAsync(Slip(account.Id, SyntheticBank.GenuineSlip, "tpl-whole"), Deadline);
        Box finance = Assert.Single(whole.Findings, f => f.SpecimenId == specimens[SpecimenRole.FinanceSeal].Id).Box;
        Box legal = Assert.Single(whole.Findings, f => f.SpecimenId == specimens[SpecimenRole.LegalRepresentativeSeal].Id).Box;
        Output.WriteLine($"finance {finance}, legal {legal}, slip {widthPx} × {heightPx} px");

        // A template whose only seal region is the finance seal's box: the name seal is not considered.
        SlipTemplate financeOnly = await admin.Templates.CreateTemplateAsync(TemplateRequest(UniqueTemplateName("finance-only"), Mm(widthPx), Mm(heightPx),
            Region("finance-seal", RegionKind.Seal, Mm(finance.X), Mm(finance.Y), Mm(finance.Width), Mm(finance.Height)),
            Region("drawer", RegionKind.Signature, 0, 0, Mm(widthPx) / 4, Mm(heightPx) / 4)));
        VerifySlipRequest withTemplate = Slip(account.Id, SyntheticBank.GenuineSlip, "tpl-finance");
        withTemplate.TemplateId = financeOnly.Id;
        Verification restricted = await teller.Verifications.VerifySlipAsync(withTemplate, Deadline);
        Output.WriteLine("restricted: " + Describe(restricted));
        Assert.Contains(restricted.Findings, f => f.SpecimenId == specimens[SpecimenRole.FinanceSeal].Id);
        Assert.DoesNotContain(restricted.Findings, f => f.SpecimenId == specimens[SpecimenRole.LegalRepresentativeSeal].Id);
        Assert.DoesNotContain(SpecimenRole.LegalRepresentativeSeal, restricted.RuleEvaluations.Single().RolesSatisfied);
        Assert.NotEqual(Decision.Accept, restricted.Decision);

        // Request boxes are added to the template's: the name seal's box brings it back.
        VerifySlipRequest both = Slip(account.Id, SyntheticBank.GenuineSlip, "tpl-finance-roi");
        both.TemplateId = financeOnly.Id;
        both.RegionsOfInterest.Add(legal);
        Verification union = await teller.Verifications.VerifySlipAsync(both, Deadline);
        Output.WriteLine("union: " + Describe(union));
        Assert.Contains(union.Findings, f => f.SpecimenId == specimens[SpecimenRole.FinanceSeal].Id);
        Assert.Contains(union.Findings, f => f.SpecimenId == specimens[SpecimenRole.LegalRepresentativeSeal].Id);
    }

    private static (int Width, int Height) ImageSize(byte[] image)
    {
        using var codec = SkiaSharp.SKCodec.Create(new MemoryStream(image));
        return (codec.Info.Width, codec.Info.Height);
    }
}
