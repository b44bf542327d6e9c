using System.Diagnostics.CodeAnalysis;
using Wallet.Core.Jose;

namespace Wallet.Core.OAuth;

/// <summary>The outcome of validating a DPoP proof: the proof key when valid, otherwise every failed check.</summary>
public sealed class DpopValidationResult
{
    internal DpopValidationResult(PublicJwk? key, string? jti, IReadOnlyList<VerificationError> errors)
    {
        Key = errors.Count == 0 ? key : null;
        Jti = jti;
        Errors = errors;
    }

    /// <summary>True when every check passed.</summary>
    [MemberNotNullWhen(true, nameof(Key), nameof(Thumbprint))]
    public bool Succeeded => Errors.Count == 0;

    /// <summary>The proof's public key; set only on success.</summary>
    public PublicJwk? Key { get; }

    /// <summary>The base64url RFC 7638 thumbprint of <see cref="Key"/>, for <c>cnf.jkt</c>.</summary>
    public string? Thumbprint => Key?.ComputeThumbprintBase64Url();

    /// <summary>The proof's <c>jti</c>, when it had one.</summary>
    public string? Jti { get; }

    /// <summary>Every failed check, in pipeline order.</summary>
    public IReadOnlyList<VerificationError> Errors { get; }

    /// <summary>
    /// The OAuth error to return: <c>use_dpop_nonce</c> when the only problems are a missing or stale nonce (the client
    /// retries with the nonce in the <c>DPoP-Nonce</c> header), otherwise <c>invalid_dpop_proof</c>; null on success.
    /// </summary>
    public string? WireError => Succeeded
        ? null
        : Errors.All(e => e.Code is OAuthErrorCodes.DpopNonceMissing or OAuthErrorCodes.DpopNonceInvalid) ? OAuthErrors.UseDpopNonce : OAuthErrors.InvalidDpopProof;
}
