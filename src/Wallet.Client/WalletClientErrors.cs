namespace Wallet.Client;

/// <summary>
/// The <see cref="WalletFlowError.Error"/> values the wallet itself assigns when the server named no error of its own.
/// Otherwise the error is the one on the wire (<c>invalid_grant</c>, <c>use_dpop_nonce</c>, …) or a Wallet.Core code
/// (<c>openid4vp.request.*</c>, <c>dcql.*</c>, …).
/// </summary>
public static class WalletClientErrors
{
    /// <summary>The server could not be reached or the exchange broke off.</summary>
    public const string Transport = "wallet.transport";

    /// <summary>The server answered with an unexpected HTTP status and no error code.</summary>
    public const string UnexpectedStatus = "wallet.unexpected_status";

    /// <summary>The server's answer is not what the specification prescribes (content type, JSON shape, size).</summary>
    public const string InvalidResponse = "wallet.invalid_response";

    /// <summary>The authorization response's <c>state</c> is not the one the wallet sent (RFC 6749 §10.12).</summary>
    public const string StateMismatch = "wallet.state_mismatch";

    /// <summary>The authorization response's <c>iss</c> is missing or not the authorization server's (RFC 9207 §2.4).</summary>
    public const string IssuerMismatch = "wallet.iss_mismatch";

    /// <summary>The user agent did not end at the wallet's <c>redirect_uri</c>.</summary>
    public const string RedirectMismatch = "wallet.redirect_mismatch";

    /// <summary>A deferred issuance (OpenID4VCI 1.0 §9) was still pending when <see cref="WalletClientOptions.MaxDeferredWait"/> ran out.</summary>
    public const string DeferredTimeout = "wallet.deferred_timeout";

    /// <summary>The issuer returned a credential the wallet cannot parse or that is not bound to the proof key.</summary>
    public const string InvalidCredential = "wallet.invalid_credential";

    /// <summary>The offer needs a transaction code and none was given, or one was given for an offer without.</summary>
    public const string TxCodeRequired = "wallet.tx_code_required";

    /// <summary>The End-User did not approve the request's transaction data (or no approval callback was configured), so the Verifier got <c>access_denied</c>.</summary>
    public const string ConsentDenied = "wallet.consent_denied";

    /// <summary>The credential configuration requires a key attestation (OpenID4VCI 1.0 §12.2.4 <c>key_attestations_required</c>) and the wallet has no key attester.</summary>
    public const string KeyAttestationUnavailable = "wallet.key_attestation_unavailable";
}
