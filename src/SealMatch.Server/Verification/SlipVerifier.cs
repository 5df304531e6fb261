using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SealMatch.Data;
using SealMatch.Data.Specimens;
using SealMatch.Data.Verifications;
using SealMatch.Domain.Accounts;
using SealMatch.Domain.Reviews;
using SealMatch.Domain.Security;
using SealMatch.Domain.Specimens;
using SealMatch.Domain.Verification;
using SealMatch.Engine;
using SealMatch.Engine.Geometry;
using SealMatch.Engine.Imaging;
using SealMatch.Engine.Specimens;
using SealMatch.Engine.Verification;
using SealMatch.Server.Accounts;
using SealMatch.Server.Audit;
using SealMatch.Server.Errors;
using SealMatch.Server.Imaging;
using SealMatch.Server.Reviews;
using SealMatch.Server.Specimens;
using Proto = SealMatch.Protos.V1;

namespace SealMatch.Server.Verification;

/// <summary>
/// VerifySlip: idempotency, the engine's analysis of the slip against the account's seal specimens,
/// the domain's <see cref="VerificationPolicy"/>, and one insert that stores the decision with
/// everything it rested on.
/// </summary>
internal sealed partial class SlipVerifier(
    SealMatchDbContext db,
    AuditTrail audit,
    SealEngine engine,
    ScanLimits limits,
    ImageProtector protector,
    SpecimenTemplateCache templates,
    SignatureVerifier signatures,
    IOptions<VerificationThresholdOptions> options,
    IOptions<ReviewOptions> reviewOptions,
    TimeProvider clock,
    ILogger<SlipVerifier> logger)
{
    private static readonly JsonSerializerOptions ScoresJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public async Task<Proto.Verification> VerifyAsync(Proto.VerifySlipRequest request, Actor actor, CancellationToken cancellationToken)
    {
        string key = request.IdempotencyKey?.Trim() ?? string.Empty;
        if (key.Length is 0 or > 128)
        {
            throw new RequestInvalidException("idempotency_key", "idempotency_key is required (at most 128 characters).");
        }

        Account account = await db.FindVisibleAsync(request.AccountId, actor, "account_id", cancellationToken);
        DateOnly slipDate = ProtoMapping.ToDate(request.SlipDate, "slip_date");
        Money amount = ProtoMapping.ToMoney(request.Amount, "amount");
        if (request.SlipImage.IsEmpty)
        {
            // Checked here so an empty image is refused before idempotency replays anything.
            throw new ScanRejectedException(ScanProblem.Empty, "slip_image", "The image is empty.");
        }

        byte[] requestHash = HashRequest(request);
        if (await FindExistingAsync(account.Id, key, requestHash, cancellationToken) is { } replay)
        {
            Log.Replayed(logger, replay.Id, account.Id);
            return replay;
        }

        account.EnsureOpen();
        using ScanImage slip = Scans.Load(request.SlipImage, request.Dpi, limits, "slip_image");
        SlipRegions regions = await SlipRegions.ResolveAsync(db, request, slip, cancellationToken);

        List<Specimen> specimens = await db.Specimens.AsNoTracking().Where(s => s.AccountId == account.Id).ToListAsync(cancellationToken);
        List<string> sealIds = [.. specimens.Where(s => s.Kind == SpecimenKind.Seal).Select(s => s.Id)];
        // Every seal specimen is compared, whatever its status: a match to a frozen or revoked one must reject.
        // Only ids are read for cached templates; never the original images (a whole card scan each).
        List<string> templateIds = await db.SpecimenMaterials.AsNoTracking()
            .Where(m => sealIds.Contains(m.SpecimenId) && m.EncryptedTemplate != null)
            .OrderBy(m => m.SpecimenId)
            .Select(m => m.SpecimenId)
            .ToListAsync(cancellationToken);
        List<string> uncached = [.. templateIds.Where(id => !templates.TryGet(id, out _))];
        Dictionary<string, byte[]> encrypted = uncached.Count == 0 ? [] : await db.SpecimenMaterials.AsNoTracking()
            .Where(m => uncached.Contains(m.SpecimenId))
            .Select(m => new { m.SpecimenId, m.EncryptedTemplate })
            .ToDictionaryAsync(m => m.SpecimenId, m => m.EncryptedTemplate!, cancellationToken);
        List<SealTemplate> sealTemplates = [.. templateIds.Select(id => templates.TryGet(id, out SealTemplate? t) ? t : templates.Add(id, encrypted[id]))];

        SlipAnalysis analysis = engine.AnalyseSlip(slip, sealTemplates);
        List<Engine.Verification.ImpressionFinding> impressions = [.. analysis.Impressions.Where(i => regions.ContainsSeal(i.Detection.Centre))];
        ThresholdPolicy thresholds = options.Value.ToPolicy(engine.Model);

        // Signatures: every signature region (template or request) against the account's signatories.
        IReadOnlyList<SignatureReference> references = regions.SignatureBoxes.Count == 0 ? [] : await signatures.LoadReferencesAsync(db, specimens, cancellationToken);
        IReadOnlyList<SignatureFinding> signatureFindings = signatures.Verify(slip, regions.SignatureBoxes, references, slipDate);
        List<SignatureFinding> scoredSignatures = [.. signatureFindings.Where(f => f.Problem is null && f.Scores.Count > 0)];
        ThresholdPolicy? signatureThresholds = options.Value.ToSignaturePolicy(signatures.Engine?.ScoreModel);
        double analysisMs = analysis.Milliseconds + signatureFindings.Sum(f => f.Milliseconds);

        SlipEvidence evidence = ToEvidence(impressions, templateIds, scoredSignatures);
        VerificationOutcome outcome = VerificationPolicy.Evaluate(VerificationInput.For(account, slipDate, amount, specimens, thresholds, evidence, signatureThresholds));
        List<Proto.ModelUse> models = ModelsUsed(impressions, signatureFindings);

        string id = ProtoMapping.NewId("ver");
        DateTime now = clock.GetUtcNow().UtcDateTime;
        Dictionary<string, string> signatoryNames = specimens.Where(s => s.SignatoryName is not null).ToDictionary(s => s.Id, s => s.SignatoryName!, StringComparer.Ordinal);
        Proto.Verification result = VerificationMapping.ToProto(
            id, account.Id, key, actor.UserId, now, slipDate, amount, outcome, impressions, scoredSignatures, models, analysisMs, signatoryNames);
        db.Verifications.Add(new SlipVerification
        {
            Id = id,
            AccountId = account.Id,
            IdempotencyKey = key,
            RequestHash = requestHash,
            RequestedBy = actor.UserId,
            CreatedAt = now,
            SlipDate = slipDate,
            AmountMinorUnits = amount.MinorUnits,
            Currency = amount.Currency,
            Decision = outcome.Decision.ToString().ToUpperInvariant(),
            Status = result.Status == Proto.VerificationStatus.Final ? "FINAL" : "AWAITING_REVIEW",
            ReasonCodes = string.Join(',', outcome.Reasons.Select(r => r.Code.ToWireName()).Distinct()),
            Result = result.ToByteArray(),
            Scores = Scores(impressions, templateIds, signatureFindings, models, outcome),
            EngineVersion = EngineInfo.EngineVersion,
            AcceptThreshold = outcome.Thresholds.Accept,
            RejectThreshold = outcome.Thresholds.Reject,
            EncryptedSlipImage = protector.Protect(request.SlipImage.Span, SpecimenPurposes.Slip(id)),
            Dpi = slip.Dpi,
            AnalysisMilliseconds = analysisMs,
        });

        // A REVIEW holds the payment for people; a sampled ACCEPT is reviewed for quality without holding it.
        ReviewReason? reviewReason = outcome.Decision switch
        {
            Decision.Review => ReviewReason.ReviewDecision,
            Decision.Accept when reviewOptions.Value.Samples(id) => ReviewReason.QualitySample,
            _ => null,
        };
        if (reviewReason is { } reason)
        {
            db.ReviewCases.Add(ReviewCase.Open(ProtoMapping.NewId("rvc"), id, account.Id, account.BranchCode, reason, actor.UserId, clock.GetUtcNow()));
        }

        try
        {
            await audit.SaveChangesAsync(actor, AuditActions.VerificationCreate, AuditTargets.Verification, id, null, cancellationToken);
        }
        catch (DbUpdateException) when (!cancellationToken.IsCancellationRequested)
        {
            // A concurrent request with the same key won the unique index: return its verification.
            db.ChangeTracker.Clear();
            if (await FindExistingAsync(account.Id, key, requestHash, cancellationToken) is { } winner)
            {
                Log.Replayed(logger, winner.Id, account.Id);
                return winner;
            }

            throw;
        }

        Log.Verified(logger, id, account.Id, outcome.Decision, analysisMs);
        return result;
    }

    private async Task<Proto.Verification?> FindExistingAsync(string accountId, string key, byte[] requestHash, CancellationToken cancellationToken)
    {
        var existing = await db.Verifications.AsNoTracking()
            .Where(v => v.AccountId == accountId && v.IdempotencyKey == key)
            .Select(v => new { v.RequestHash, v.Result })
            .SingleOrDefaultAsync(cancellationToken);
        if (existing is null)
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(existing.RequestHash, requestHash))
        {
            throw new RequestInvalidException("idempotency_key", "This idempotency key was already used for a different slip or amount.");
        }

        return Proto.Verification.Parser.ParseFrom(existing.Result);
    }

    private SlipEvidence ToEvidence(List<Engine.Verification.ImpressionFinding> impressions, List<string> templateIds, List<SignatureFinding> signatureFindings)
    {
        double minimumCoverage = engine.Model?.MinimumCoverageToAccept ?? 0.5;
        var list = new List<Impression>(impressions.Count);
        foreach (Engine.Verification.ImpressionFinding finding in impressions)
        {
            var scores = new List<SpecimenScore>();
            for (int i = 0; i < finding.Comparisons.Count; i++)
            {
                if (finding.Comparisons[i] is { Probability: double p } comparison)
                {
                    // Too little of this specimen seen for an accept: it still matches (or rejects), a person decides.
                    bool mayAccept = engine.Model?.MayAccept(comparison.Measurements) ?? true;
                    scores.Add(new SpecimenScore(templateIds[i], Math.Clamp(p, 0, 1), mayAccept));
                }
            }

            // Too little of the seal visible (faint, cut off, covered): a low score is not trusted.
            bool poor = finding.Best is { } best && best.Measurements.Coverage < minimumCoverage;
            var box = finding.Detection.Box;
            list.Add(new Impression(new ImpressionBox(box.X, box.Y, box.Width, box.Height), poor, scores));
        }

        // Signatures follow the seals; the mapping relies on this order.
        foreach (SignatureFinding signature in signatureFindings)
        {
            PixelBox box = signature.Region.Box;
            list.Add(new Impression(new ImpressionBox(box.X, box.Y, box.Width, box.Height), false, signature.Scores, EvidenceKind.Signature));
        }

        return new SlipEvidence(list);
    }

    /// <summary>The learned models that took part: the seal pair model when a comparison ran it, the signature model when a signature was embedded.</summary>
    private List<Proto.ModelUse> ModelsUsed(List<Engine.Verification.ImpressionFinding> impressions, IReadOnlyList<SignatureFinding> signatureFindings)
    {
        var models = new List<Proto.ModelUse>();
        string? pairSha = impressions.SelectMany(i => i.Comparisons).Select(c => c?.PairModelSha256).FirstOrDefault(s => s is not null);
        if (pairSha is not null)
        {
            models.Add(new Proto.ModelUse { Name = Engine.Comparison.SealPairInput.ModelName, Sha256 = pairSha });
        }

        if (signatureFindings.Any(f => f.Problem is null) && signatures.Engine is { } signatureEngine)
        {
            models.Add(new Proto.ModelUse { Name = SealMatch.Engine.Signatures.SignatureEngine.ModelName, Sha256 = signatureEngine.ModelSha256 });
        }

        return models;
    }

    private static byte[] HashRequest(Proto.VerifySlipRequest request)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var copy = request.Clone();
        copy.SlipImage = ByteString.Empty;
        copy.IdempotencyKey = string.Empty;
        hash.AppendData(copy.ToByteArray());
        hash.AppendData(SHA256.HashData(request.SlipImage.Span));
        return hash.GetHashAndReset();
    }

    /// <summary>Every comparison's component scores, probability and pose, and the thresholds used.</summary>
    private string Scores(
        List<Engine.Verification.ImpressionFinding> impressions,
        List<string> templateIds,
        IReadOnlyList<SignatureFinding> signatureFindings,
        List<Proto.ModelUse> models,
        VerificationOutcome outcome)
    {
        var document = new
        {
            EngineVersion = EngineInfo.EngineVersion,
            FeatureVersion = EngineInfo.FeatureVersion,
            Model = engine.Model is { } m ? new { m.EngineVersion, m.AcceptThreshold, m.RejectThreshold, m.MinimumCoverageToAccept, m.TrainedOn } : null,
            Thresholds = new { outcome.Thresholds.Accept, outcome.Thresholds.Reject },
            SignatureThresholds = new { outcome.SignatureThresholds.Accept, outcome.SignatureThresholds.Reject },
            Models = models.Select(m => new { m.Name, m.Sha256 }),
            Signatures = signatureFindings.Select(f => new
            {
                Region = f.Region.Name,
                Box = new[] { f.Region.Box.X, f.Region.Box.Y, f.Region.Box.Width, f.Region.Box.Height },
                f.Problem,
                f.Milliseconds,
                Comparisons = f.Comparisons.Select(c => new
                {
                    c.Signatory,
                    c.SpecimenIds,
                    c.Usable,
                    c.Comparison.Probability,
                    Decision = c.Comparison.Decision.ToString(),
                    c.Comparison.Distances,
                    c.Comparison.ModelSha256,
                }),
            }),
            Impressions = impressions.Select(i => new
            {
                Box = i.Detection.Box.ToArray(),
                Shape = i.Detection.Shape.ToString(),
                Source = i.Detection.Source.ToString(),
                i.Detection.Confidence,
                Comparisons = i.Comparisons.Select((c, k) => c is null ? null : new
                {
                    SpecimenId = templateIds[k],
                    c.Probability,
                    Decision = c.Decision?.ToString(),
                    c.Measurements,
                    Pose = new { c.Pose.CentrePx.X, c.Pose.CentrePx.Y, c.Pose.RotationDeg, c.Pose.Scale },
                }).Where(c => c is not null),
            }),
        };
        return JsonSerializer.Serialize(document, ScoresJson);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Verification {VerificationId} of account {AccountId}: {Decision} ({Milliseconds:F0} ms analysis)")]
        public static partial void Verified(ILogger logger, string verificationId, string accountId, Decision decision, double milliseconds);

        [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Idempotent replay of verification {VerificationId} for account {AccountId}")]
        public static partial void Replayed(ILogger logger, string verificationId, string accountId);
    }
}
