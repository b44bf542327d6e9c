namespace Wallet.Issuer.Endpoints;

/// <summary>One audit entry on the wire: identifiers and the actor, never claim values.</summary>
internal sealed record AuditPageEntry(long Sequence, DateTimeOffset At, string Actor, string Action, string? OfferId, string? CredentialId, string? CredentialConfigurationId);
