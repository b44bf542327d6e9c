namespace Wallet.Issuer.Stores;

/// <summary>The audited actions, as written in <see cref="AuditEntry.Action"/> and accepted by <c>GET /api/audit?action=</c>.</summary>
public static class AuditActions
{
    /// <summary>The agency API created a Credential Offer.</summary>
    public const string OfferCreated = "offer_created";

    /// <summary>A credential was issued at the Credential Endpoint.</summary>
    public const string CredentialIssued = "credential_issued";

    /// <summary>The agency API revoked a credential (status invalid).</summary>
    public const string CredentialRevoked = "credential_revoked";

    /// <summary>The agency API suspended a credential.</summary>
    public const string CredentialSuspended = "credential_suspended";

    /// <summary>The agency API lifted a suspension (status valid).</summary>
    public const string CredentialUnsuspended = "credential_unsuspended";

    /// <summary>The agency API completed a deferred issuance (OpenID4VCI 1.0 §9): the Wallet's next poll receives the credentials.</summary>
    public const string DeferredIssuanceCompleted = "deferred_issuance_completed";

    /// <summary>The agency API refused a deferred issuance: polls are answered <c>credential_request_denied</c>.</summary>
    public const string DeferredIssuanceRefused = "deferred_issuance_refused";

    /// <summary>Every action, for validating a query.</summary>
    public static IReadOnlyList<string> All { get; } = [OfferCreated, CredentialIssued, CredentialRevoked, CredentialSuspended, CredentialUnsuspended, DeferredIssuanceCompleted, DeferredIssuanceRefused];
}
