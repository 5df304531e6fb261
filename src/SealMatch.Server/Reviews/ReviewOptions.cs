using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using SealMatch.Domain.Reviews;

namespace SealMatch.Server.Reviews;

/// <summary>The <c>Reviews</c> settings.</summary>
internal sealed class ReviewOptions
{
    /// <summary>How long a claim holds a case (minutes; default 15, at most 24 hours).</summary>
    public double LeaseMinutes { get; set; } = 15;

    /// <summary>The share of ACCEPTs sampled into review for quality control, 0–1 (default 1 %).</summary>
    public double AcceptSampleRate { get; set; } = 0.01;

    /// <summary>The lease; a value out of range is a configuration error, refused at the first claim.</summary>
    public TimeSpan Lease
    {
        get
        {
            var lease = TimeSpan.FromMinutes(LeaseMinutes);
            return lease > TimeSpan.Zero && lease <= ReviewCase.MaxLeaseDuration
                ? lease
                : throw new InvalidOperationException($"Reviews:LeaseMinutes must be positive and at most {ReviewCase.MaxLeaseDuration.TotalMinutes} minutes.");
        }
    }

    /// <summary>
    /// Whether the ACCEPT <paramref name="verificationId"/> is sampled: deterministic per id (the first 8
    /// bytes of its SHA-256 as a fraction of 2^64), so a given verification is always in or out.
    /// </summary>
    public bool Samples(string verificationId)
    {
        if (AcceptSampleRate <= 0)
        {
            return false;
        }

        if (AcceptSampleRate >= 1)
        {
            return true;
        }

        ulong draw = BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(verificationId)));
        return draw / (double)ulong.MaxValue < AcceptSampleRate;
    }
}
