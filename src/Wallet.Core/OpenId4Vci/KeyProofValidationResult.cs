using System.Diagnostics.CodeAnalysis;
using Wallet.Core.Jose;

namespace Wallet.Core.OpenId4Vci;

/// <summary>The outcome of validating the key proofs of one Credential Request.</summary>
public sealed class KeyProofValidationResult
{
    internal KeyProofValidationResult(IReadOnlyList<PublicJwk> holderKeys, IReadOnlyList<VerificationError> errors)
    {
        HolderKeys = errors.Count == 0 ? holderKeys : [];
        Errors = errors;
    }

    /// <summary>True when every proof passed every check and the nonce was accepted.</summary>
    [MemberNotNullWhen(false, nameof(WireError))]
    public bool Succeeded => Errors.Count == 0;

    /// <summary>
    /// The holder keys, one credential each, in request order: each proof's key, or all keys of its key attestation;
    /// empty unless <see cref="Succeeded"/>.
    /// </summary>
    public IReadOnlyList<PublicJwk> HolderKeys { get; }

    /// <summary>The validated key attestations the holder keys came from; empty unless <see cref="Succeeded"/> or without them.</summary>
    public IReadOnlyList<KeyAttestation> KeyAttestations { get; internal init; } = [];

    /// <summary>Every failed check; messages name the proof by its position.</summary>
    public IReadOnlyList<VerificationError> Errors { get; }

    /// <summary>
    /// The §8.3.1.2 error: <c>invalid_nonce</c> when the only problem is a stale or unknown <c>c_nonce</c>, otherwise
    /// <c>invalid_proof</c>; null on success.
    /// </summary>
    public string? WireError => Succeeded
        ? null
        : Errors.All(e => e.Code == OpenId4VciErrorCodes.ProofNonceInvalid) ? OpenId4VciErrors.InvalidNonce : OpenId4VciErrors.InvalidProof;
}
