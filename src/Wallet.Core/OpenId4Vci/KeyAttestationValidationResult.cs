using System.Diagnostics.CodeAnalysis;

namespace Wallet.Core.OpenId4Vci;

/// <summary>The outcome of validating one key attestation: the attestation, or every failed check.</summary>
public sealed class KeyAttestationValidationResult
{
    internal KeyAttestationValidationResult(KeyAttestation? attestation, string? nonce, IReadOnlyList<VerificationError> errors)
    {
        Attestation = errors.Count == 0 ? attestation : null;
        Nonce = nonce;
        Errors = errors;
    }

    /// <summary>True when every check passed.</summary>
    [MemberNotNullWhen(true, nameof(Attestation))]
    public bool Succeeded => Errors.Count == 0 && Attestation is not null;

    /// <summary>The validated attestation; null unless <see cref="Succeeded"/>.</summary>
    public KeyAttestation? Attestation { get; }

    /// <summary>The attestation's <c>nonce</c> as read, even when other checks failed, so that a caller can report consistency.</summary>
    public string? Nonce { get; }

    /// <summary>Every failed check, with codes of <see cref="OpenId4VciErrorCodes"/>.</summary>
    public IReadOnlyList<VerificationError> Errors { get; }
}
