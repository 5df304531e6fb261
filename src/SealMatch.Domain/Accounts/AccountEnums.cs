namespace SealMatch.Domain.Accounts;

/// <summary>The bank's risk grading of an account; thresholds can be stricter for higher tiers.</summary>
public enum RiskTier
{
    /// <summary>Ordinary account.</summary>
    Standard,

    /// <summary>Watched account.</summary>
    Elevated,

    /// <summary>High-risk account.</summary>
    High,
}

/// <summary>Lifecycle of an account.</summary>
public enum AccountStatus
{
    /// <summary>Open; specimens, rules and verifications are allowed.</summary>
    Open,

    /// <summary>Closed; kept for retention, nothing changes any more.</summary>
    Closed,
}
