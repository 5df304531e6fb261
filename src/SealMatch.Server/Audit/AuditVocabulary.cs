namespace SealMatch.Server.Audit;

/// <summary>The actions recorded in the audit trail (<c>AuditEntry.Action</c>); stable: reports and filters name them.</summary>
internal static class AuditActions
{
    public const string AccountCreate = "account.create";
    public const string AccountSetSigningRules = "account.set_signing_rules";
    public const string AccountClose = "account.close";
    public const string SpecimenSubmit = "specimen.submit";
    public const string SpecimenApprove = "specimen.approve";
    public const string SpecimenReject = "specimen.reject";
    public const string SpecimenFreeze = "specimen.freeze";
    public const string SpecimenUnfreeze = "specimen.unfreeze";
    public const string SpecimenRevoke = "specimen.revoke";
    public const string SpecimenApproveChange = "specimen.approve_change";
    public const string SpecimenRejectChange = "specimen.reject_change";
    public const string SpecimenImageRead = "specimen.image.read";
    public const string VerificationCreate = "verification.create";
    public const string ReviewClaim = "review.claim";
    public const string ReviewRelease = "review.release";
    public const string ReviewSubmit = "review.submit";
    public const string ReviewDecide = "review.decide";
    public const string ReviewImageRead = "review.image.read";

    /// <summary>A quality sample of an ACCEPT was finally judged forged: the payment went, the account is flagged.</summary>
    public const string ReviewAlert = "review.alert";
    public const string CredentialCreate = "credential.create";
    public const string CredentialRevoke = "credential.revoke";
    public const string CredentialRegisterCertificate = "credential.register_certificate";
    public const string TemplateCreate = "template.create";
}

/// <summary>The kinds of target recorded in the audit trail (<c>AuditEntry.TargetType</c>).</summary>
internal static class AuditTargets
{
    public const string Account = "account";
    public const string Specimen = "specimen";
    public const string Verification = "verification";
    public const string Credential = "credential";
    public const string ReviewCase = "review_case";
    public const string SlipTemplate = "slip_template";
}
