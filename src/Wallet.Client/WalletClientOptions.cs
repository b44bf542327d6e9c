using Wallet.Core.Trust;
using Wallet.Core.Verification;

namespace Wallet.Client;

/// <summary>Settings of <see cref="OpenId4VciClient"/> and <see cref="OpenId4VpClient"/>.</summary>
public sealed class WalletClientOptions
{
    /// <summary>The clock for DPoP proofs, key proofs, attestations, KB-JWTs and request object validation.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Called after each successful step with its timing, e.g. to print progress.</summary>
    public Action<WalletStepReport>? StepCompleted { get; init; }

    /// <summary>
    /// The wallet instance's attestation (OAuth 2.0 Attestation-Based Client Authentication), sent at the PAR and token
    /// endpoints; its <c>sub</c> is the wallet's <c>client_id</c>. Without it the wallet is an anonymous public client.
    /// </summary>
    public WalletInstance? WalletInstance { get; init; }

    /// <summary>
    /// Attests the wallet's new holder keys (OpenID4VCI 1.0 Appendix D): given the keys, the <c>c_nonce</c> and the time,
    /// returns a key attestation JWT, e.g. <see cref="DevelopmentWalletProvider.AttestKeys"/>. Used when a credential
    /// configuration announces <c>key_attestations_required</c>; without it such a configuration cannot be requested.
    /// </summary>
    public Func<IReadOnlyList<Wallet.Core.Jose.PublicJwk>, string?, DateTimeOffset, string>? KeyAttester { get; init; }

    /// <summary>
    /// Send key attestations as the <c>attestation</c> proof type (Appendix F.3) when the issuer supports it, instead of
    /// a <c>jwt</c> proof with a <c>key_attestation</c> header (Appendix F.1, the default).
    /// </summary>
    public bool UseAttestationProofType { get; init; }

    /// <summary>The <c>client_id</c> used when there is no <see cref="WalletInstance"/> (authorization code flow only).</summary>
    public string PublicClientId { get; init; } = "wallet-client";

    /// <summary>Where the authorization server sends the user back with the code (a private-use or loopback URI of the wallet).</summary>
    public Uri RedirectUri { get; init; } = new("eu.europa.ec.eudi.wallet.client:/authorized");

    /// <summary>Trust anchors for Verifier request signing certificates (OpenID4VP <c>x509_hash</c> / <c>x509_san_dns</c>); required to present.</summary>
    public ICertificateChainValidator? VerifierTrust { get; init; }

    /// <summary>
    /// When set, every credential an issuer sends is verified with these verifiers before it is stored: the issuer's
    /// signature and certificate chain to their trust anchors, validity, and status as their policy says. A credential
    /// that fails is refused at the credential step with <c>wallet.invalid_credential</c>, listing every failed check.
    /// Build it with <see cref="CredentialVerifiers.Create"/>. When null, only the holder-key checks are made.
    /// </summary>
    public CredentialVerifiers? CredentialVerification { get; init; }

    /// <summary>
    /// Shows the request's <c>transaction_data</c> (OpenID4VP 1.0 §5.1; decoded in <see cref="Wallet.Core.OpenId4Vp.TransactionData.Content"/>)
    /// to the End-User and returns their consent. Without it, or when it returns false, a request carrying transaction data
    /// is answered <c>access_denied</c>: the wallet never signs what nobody was shown.
    /// </summary>
    public Func<IReadOnlyList<Wallet.Core.OpenId4Vp.TransactionData>, bool>? ApproveTransactionData { get; init; }

    /// <summary>
    /// Trust anchors for issuers' signed metadata (OpenID4VCI 1.0 §12.2.3, HAIP 1.0 §4.1). When set, a
    /// <c>signed_metadata</c> in Credential Issuer Metadata must verify against them (<c>x5c</c> chain, signature,
    /// <c>sub</c>, times) or the metadata step fails, and its values take precedence over the unsigned ones; when
    /// <see cref="RequireSignedIssuerMetadata"/> is also set, metadata without it is refused. When null,
    /// <c>signed_metadata</c> is not evaluated.
    /// </summary>
    public ICertificateChainValidator? IssuerMetadataTrust { get; init; }

    /// <summary>Refuse Credential Issuer Metadata without a <c>signed_metadata</c> that verifies against <see cref="IssuerMetadataTrust"/>.</summary>
    public bool RequireSignedIssuerMetadata { get; init; }

    /// <summary>Largest accepted HTTP response body, in bytes. Default 1 MiB.</summary>
    public int MaxResponseBytes { get; init; } = 1024 * 1024;

    /// <summary>
    /// Whether the wallet sends <c>credential_accepted</c> or <c>credential_failure</c> to the issuer's Notification
    /// Endpoint after a Credential Response that carries a <c>notification_id</c> (OpenID4VCI 1.0 §11). Default true.
    /// </summary>
    public bool SendNotifications { get; init; } = true;

    /// <summary>
    /// How long the wallet keeps polling the Deferred Credential Endpoint (OpenID4VCI 1.0 §9) before it gives up with
    /// <see cref="WalletClientErrors.DeferredTimeout"/>; it waits the issuer's <c>interval</c> between polls. Default 2 minutes.
    /// </summary>
    public TimeSpan MaxDeferredWait { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The <c>client_id</c> the wallet identifies itself with.</summary>
    public string ClientId => WalletInstance?.ClientId ?? PublicClientId;
}
