namespace Wallet.Issuer.Stores;

/// <summary>
/// Who did what to which offer or credential, and when: the issuer's audit trail, queried through the agency API
/// (<c>GET /api/audit</c>). Entries name identifiers and the actor only, never claim values.
/// </summary>
public interface IAuditTrail
{
    /// <summary>Appends <paramref name="entries"/>; the store assigns each its <see cref="AuditEntry.Sequence"/>.</summary>
    ValueTask AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>The entries matching <paramref name="query"/>, in ascending <see cref="AuditEntry.Sequence"/>, at most <see cref="AuditQuery.Limit"/>.</summary>
    ValueTask<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default);
}
