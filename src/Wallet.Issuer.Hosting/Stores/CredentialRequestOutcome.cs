using Wallet.Hosting.Statistics;

namespace Wallet.Issuer.Stores;

/// <summary>
/// What a Credential Request leaves besides its records, written only if the request commits: its audit entries and
/// its usage counts.
/// </summary>
internal sealed record CredentialRequestOutcome(IReadOnlyList<AuditEntry> Audit, IReadOnlyList<(UsageEvent Usage, long Count)> Counts)
{
    /// <summary>Nothing to audit or count (a failed request).</summary>
    public static CredentialRequestOutcome None { get; } = new([], []);
}
