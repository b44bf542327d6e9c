using System.Diagnostics.CodeAnalysis;
using Wallet.Core.Jose;

namespace Wallet.Core.OAuth;

/// <summary>The outcome of client authentication with a Client Attestation and its PoP.</summary>
public sealed class ClientAttestationValidationResult
{
    internal ClientAttestationValidationResult(string? clientId, PublicJwk? instanceKey, IReadOnlyList<VerificationError> errors)
    {
        Errors = errors;
        ClientId = errors.Count == 0 ? clientId : null;
        InstanceKey = errors.Count == 0 ? instanceKey : null;
    }

    /// <summary>True when the client is authenticated.</summary>
    [MemberNotNullWhen(true, nameof(ClientId), nameof(InstanceKey))]
    public bool Succeeded => Errors.Count == 0;

    /// <summary>The authenticated <c>client_id</c> (the attestation's <c>sub</c>).</summary>
    public string? ClientId { get; }

    /// <summary>The wallet instance key (<c>cnf.jwk</c>).</summary>
    public PublicJwk? InstanceKey { get; }

    /// <summary>Every failed check.</summary>
    public IReadOnlyList<VerificationError> Errors { get; }

    /// <summary>The OAuth error: <c>invalid_client</c> (ABCA -10 §7.4 allows it for every failure), null on success.</summary>
    public string? WireError => Succeeded ? null : OAuthErrors.InvalidClient;
}
