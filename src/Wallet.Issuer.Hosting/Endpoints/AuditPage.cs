namespace Wallet.Issuer.Endpoints;

/// <summary>A page of the audit trail; <see cref="Next"/> is the <c>after</c> of the next page, null on the last.</summary>
internal sealed record AuditPage(IReadOnlyList<AuditPageEntry> Entries, long? Next);
