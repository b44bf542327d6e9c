namespace Wallet.Issuer.Stores;

/// <summary>Where a deferred issuance (OpenID4VCI 1.0 §9) stands.</summary>
public enum DeferredIssuanceState
{
    /// <summary>Waiting for the agency's decision; polls are answered 202 with the same <c>transaction_id</c> (§9.2).</summary>
    Pending = 0,

    /// <summary>Completed by the agency: the next poll receives the credentials.</summary>
    Ready = 1,

    /// <summary>Refused by the agency: polls are answered <c>credential_request_denied</c> (§9.3).</summary>
    Refused = 2,

    /// <summary>Delivered: the <c>transaction_id</c> is invalidated (§9.1).</summary>
    Delivered = 3,
}
