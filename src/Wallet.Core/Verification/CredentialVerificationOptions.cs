using Wallet.Core.StatusList;
using Wallet.Core.Trust;

namespace Wallet.Core.Verification;

/// <summary>
/// One policy for verifying credentials of every format: whom to trust, how to check status, what to accept.
/// <see cref="CredentialVerifiers.Create"/> builds the SD-JWT VC and mdoc verifiers, the chain validator and the
/// status checker from it, so every verifier of a deployment decides alike.
/// </summary>
/// <remarks>
/// The options are immutable and <see cref="CredentialVerifiers.Create"/> copies the lists it is given: what a
/// verifier was built with cannot change its verdict later. Build a new <see cref="CredentialVerifiers"/> to change policy.
/// </remarks>
public sealed record CredentialVerificationOptions
{
    /// <summary>
    /// The trust anchors of credential issuers (SD-JWT VC <c>x5c</c>, mdoc <c>x5chain</c> to an IACA) and of Status List
    /// Token signers. A <see cref="TrustAnchorStore"/> serves as a fixed source; a host's own source is asked at every
    /// validation.
    /// </summary>
    public required ITrustAnchorSource TrustAnchors { get; init; }

    /// <summary>Chain validation policy (revocation, chain length, anchor in the chain, caching).</summary>
    public X509ChainValidatorOptions ChainValidation { get; init; } = X509ChainValidatorOptions.Default;

    /// <summary>
    /// The host's own status checker. When null, Token Status Lists (JWT and CWT, draft-ietf-oauth-status-list §8) are
    /// fetched over the <see cref="HttpClient"/> given to <see cref="CredentialVerifiers.Create"/> and verified under
    /// <see cref="TrustAnchors"/>; without either, a credential that has a status reference fails closed unless
    /// <see cref="AllowUncheckedStatus"/> is set.
    /// </summary>
    public ITokenStatusChecker? StatusChecker { get; init; }

    /// <summary>Transport, limit and cache settings of the built-in status list fetcher (both token forms by default).</summary>
    public HttpTokenStatusCheckerOptions StatusListFetching { get; init; } = new();

    /// <summary>How fetched Status List Tokens are verified besides the chain to <see cref="TrustAnchors"/> (pinned keys, limits, maximum age).</summary>
    public StatusListTokenVerifierOptions StatusListTokens { get; init; } = new();

    /// <summary>Accept credentials whose status could not be checked. Off by default: verification fails closed.</summary>
    public bool AllowUncheckedStatus { get; init; }

    /// <summary>Accepted SD-JWT VC <c>vct</c> values; empty accepts any type. (An mdoc's docType is matched by the query.)</summary>
    public IReadOnlyList<string> AcceptedVcts { get; init; } = [];

    /// <summary>Require <c>cnf</c> in an SD-JWT VC (cryptographic holder binding, HAIP 1.0 §6.1). On by default.</summary>
    public bool RequireHolderBinding { get; init; } = true;

    /// <summary>
    /// Processes the Type Metadata of every SD-JWT VC (draft-ietf-oauth-sd-jwt-vc-18 §4.7: what is obtained is fully
    /// processed, <c>extends</c> and <c>vct#integrity</c> included, and any failure rejects). Null: not processed.
    /// </summary>
    public Wallet.Core.TypeMetadata.TypeMetadataProcessor? TypeMetadata { get; init; }

    /// <summary>Reject an SD-JWT VC whose Type Metadata cannot be obtained (only with <see cref="TypeMetadata"/>).</summary>
    public bool RequireTypeMetadata { get; init; }
}
