namespace Wallet.Issuer.Stores;

/// <summary>A filter over the audit trail; every criterion set must hold.</summary>
/// <param name="From">Entries at or after this time.</param>
/// <param name="To">Entries before this time.</param>
/// <param name="Action">Entries of this action (<see cref="AuditActions"/>).</param>
/// <param name="CredentialId">Entries about this credential.</param>
/// <param name="After">Entries with a <see cref="AuditEntry.Sequence"/> above this one: the cursor of the next page.</param>
/// <param name="Limit">At most this many entries.</param>
public sealed record AuditQuery(DateTimeOffset? From, DateTimeOffset? To, string? Action, string? CredentialId, long After, int Limit);
