using System.Text.Json;
using Wallet.Core.Jose;

namespace Wallet.Core.OpenId4Vci;

/// <summary>
/// The Credential Issuer side of the <c>jwt</c> key proof type (OpenID4VCI 1.0 Appendix F.1), as a pipeline of small
/// named steps per proof — structure, <c>typ</c>, <c>alg</c>, key reference, public <c>jwk</c>, signature, <c>aud</c>,
/// <c>iat</c>, <c>iss</c>, <c>nonce</c> present, the <c>key_attestation</c> header (Appendix D.1) — then per request:
/// one nonce for all proofs, a distinct key per credential, at most <c>batch_size</c> keys, and the single-use consumption
/// of the <c>c_nonce</c>. The <c>attestation</c> proof type (Appendix F.3) goes through the same request-level steps.
/// </summary>
/// <remarks>
/// Only <c>jwk</c> key references are supported; <c>kid</c> and <c>x5c</c> proofs are refused with their own code. The
/// nonce is consumed only when every other check passed, so a malformed request does not burn the Wallet's nonce.
/// </remarks>
public sealed class KeyProofValidator
{
    private static readonly string[] KeyReferenceHeaders = ["kid", "jwk", "x5c"];

    private readonly KeyProofValidatorOptions _options;

    /// <summary>Creates a validator with the given policy.</summary>
    public KeyProofValidator(KeyProofValidatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.CredentialIssuer);
        if (options.MaxAge <= TimeSpan.Zero || options.ClockSkew < TimeSpan.Zero || options.MaxHolderKeys < 1)
        {
            throw new ArgumentException("KeyProofValidatorOptions.MaxAge and MaxHolderKeys must be positive and ClockSkew not negative.", nameof(options));
        }

        if (options.KeyAttestationsRequired is not null && options.KeyAttestations is null)
        {
            throw new ArgumentException("KeyProofValidatorOptions.KeyAttestationsRequired needs a KeyAttestations validator.", nameof(options));
        }

        _options = options;
    }

    /// <summary>Validates the proofs of one request.</summary>
    /// <param name="proofs">The <c>proofs.jwt</c> values.</param>
    /// <param name="consumeNonce">
    /// Atomically consumes a <c>c_nonce</c> issued by the Nonce Endpoint; false when it is unknown, used or expired.
    /// Required when <see cref="KeyProofValidatorOptions.RequireNonce"/> is set.
    /// </param>
    /// <param name="clientId">The authenticated <c>client_id</c>, which <c>iss</c> must equal when present; null for anonymous access.</param>
    /// <param name="cancellationToken">Cancels the nonce consumption.</param>
    public async ValueTask<KeyProofValidationResult> ValidateAsync(IReadOnlyList<string> proofs, Func<string, CancellationToken, ValueTask<bool>>? consumeNonce, string? clientId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proofs);
        if (_options.RequireNonce && consumeNonce is null)
        {
            throw new ArgumentException("A nonce consumer is required when RequireNonce is set.", nameof(consumeNonce));
        }

        var errors = new List<VerificationError>();
        if (proofs.Count == 0)
        {
            errors.Add(new(OpenId4VciErrorCodes.ProofsMissing, "The request carries no key proof (§8.2)."));
            return new KeyProofValidationResult([], errors);
        }

        var keys = new List<PublicJwk>();
        var attestations = new List<KeyAttestation>();
        var nonces = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < proofs.Count; i++)
        {
            var (proofKeys, attestation, nonce) = await ValidateOneAsync(proofs[i], i, clientId, errors, cancellationToken).ConfigureAwait(false);
            keys.AddRange(proofKeys);
            if (attestation is not null)
            {
                attestations.Add(attestation);
            }

            if (nonce is not null)
            {
                nonces.Add(nonce);
            }
        }

        return await FinishAsync(keys, attestations, nonces, proofs.Count, consumeNonce, errors, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Validates the <c>attestation</c> proof type (Appendix F.3): the proof is one key attestation, without proof of
    /// possession; its <c>nonce</c> is the <c>c_nonce</c>, and every attested key gets its own credential.
    /// </summary>
    /// <param name="attestation">The single element of <c>proofs.attestation</c>.</param>
    /// <param name="consumeNonce">Atomically consumes a <c>c_nonce</c>, as for <c>jwt</c> proofs.</param>
    /// <param name="cancellationToken">Cancels the status check and the nonce consumption.</param>
    public async ValueTask<KeyProofValidationResult> ValidateAttestationAsync(string attestation, Func<string, CancellationToken, ValueTask<bool>>? consumeNonce, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attestation);
        if (_options.RequireNonce && consumeNonce is null)
        {
            throw new ArgumentException("A nonce consumer is required when RequireNonce is set.", nameof(consumeNonce));
        }

        var errors = new List<VerificationError>();
        if (_options.KeyAttestations is null)
        {
            errors.Add(new(OpenId4VciErrorCodes.ProofTypeUnsupported, $"The '{KeyAttestation.ProofType}' proof type is not supported for this configuration (Appendix F.3)."));
            return new KeyProofValidationResult([], errors);
        }

        var result = await _options.KeyAttestations.ValidateAsync(attestation, new KeyAttestationExpectations { Requirement = _options.KeyAttestationsRequired, RequireNonce = _options.RequireNonce }, cancellationToken).ConfigureAwait(false);
        errors.AddRange(result.Errors);
        HashSet<string> nonces = result.Nonce is null ? [] : [result.Nonce];
        return await FinishAsync(result.Attestation?.AttestedKeys ?? [], result.Attestation is null ? [] : [result.Attestation], nonces, 1, consumeNonce, errors, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<KeyProofValidationResult> FinishAsync(IReadOnlyList<PublicJwk> keys, IReadOnlyList<KeyAttestation> attestations, HashSet<string> nonces, int proofCount, Func<string, CancellationToken, ValueTask<bool>>? consumeNonce, List<VerificationError> errors, CancellationToken cancellationToken)
    {
        CheckDistinctKeys(keys, errors);
        if (keys.Count > _options.MaxHolderKeys)
        {
            errors.Add(new(OpenId4VciErrorCodes.KeyAttestationTooManyKeys, $"The proofs attest {keys.Count} keys; one request yields at most {_options.MaxHolderKeys} credentials (batch_size)."));
        }

        if (nonces.Count > 1)
        {
            errors.Add(new(OpenId4VciErrorCodes.ProofNonceInconsistent, $"The {proofCount} proofs carry {nonces.Count} different nonces; all proofs of one request carry the same c_nonce."));
        }

        if (errors.Count == 0 && consumeNonce is not null && nonces.Count == 1
            && !await consumeNonce(nonces.First(), cancellationToken).ConfigureAwait(false))
        {
            errors.Add(new(OpenId4VciErrorCodes.ProofNonceInvalid, "The proofs' nonce is not a c_nonce this issuer issued, or it was already used or has expired (§8.3.1.2)."));
        }

        return new KeyProofValidationResult(keys, errors) { KeyAttestations = errors.Count == 0 ? attestations : [] };
    }

    private async ValueTask<(IReadOnlyList<PublicJwk> Keys, KeyAttestation? Attestation, string? Nonce)> ValidateOneAsync(string raw, int index, string? clientId, List<VerificationError> errors, CancellationToken cancellationToken)
    {
        var label = $"Proof {index}";
        if (!CompactJws.TryParse(raw, _options.Limits, out var jws, out var parseError))
        {
            errors.Add(new(OpenId4VciErrorCodes.ProofMalformed, $"{label}: not a well-formed JWT: {parseError.Message}"));
            return ([], null, null);
        }

        CheckType(jws, label, errors);
        var algorithm = CheckAlgorithm(jws, label, errors);
        var key = CheckKey(jws, label, errors);
        CheckSignature(jws, algorithm, key, label, errors);
        CheckAudience(jws, label, errors);
        CheckIssuedAt(jws, label, errors);
        CheckIssuer(jws, clientId, label, errors);
        var nonce = CheckNoncePresent(jws, label, errors);
        var attestation = await CheckKeyAttestationAsync(jws, key, nonce, label, errors, cancellationToken).ConfigureAwait(false);
        if (attestation is not null)
        {
            // Appendix F.1: a Credential for each key of the attestation, the proof's own key among them.
            return (attestation.AttestedKeys, attestation, nonce);
        }

        return (key is null ? [] : [key], null, nonce);
    }

    // Appendix F.1 and D.1: the key_attestation header carries a key attestation whose nonce is the proof's c_nonce, with
    // exp, and one of whose attested keys signed the proof.
    private async ValueTask<KeyAttestation?> CheckKeyAttestationAsync(CompactJws jws, PublicJwk? key, string? nonce, string label, List<VerificationError> errors, CancellationToken cancellationToken)
    {
        var present = jws.Header.TryGetProperty(KeyAttestation.HeaderName, out var header);
        if (!present || _options.KeyAttestations is null)
        {
            if (_options.KeyAttestationsRequired is not null)
            {
                errors.Add(new(OpenId4VciErrorCodes.KeyAttestationMissing, $"{label}: no '{KeyAttestation.HeaderName}' header; this credential configuration requires a key attestation (key_attestations_required, Appendix F.1)."));
            }

            return null;
        }

        if (header.ValueKind != JsonValueKind.String)
        {
            errors.Add(new(OpenId4VciErrorCodes.KeyAttestationMalformed, $"{label}: the '{KeyAttestation.HeaderName}' header is not a JWT string (Appendix F.1)."));
            return null;
        }

        var expectations = new KeyAttestationExpectations { Requirement = _options.KeyAttestationsRequired, Nonce = nonce, RequireNonce = _options.RequireNonce || nonce is not null, RequireExpiry = true };
        var result = await _options.KeyAttestations.ValidateAsync(header.GetString()!, expectations, cancellationToken).ConfigureAwait(false);
        errors.AddRange(result.Errors.Select(e => e with { Message = $"{label}: {e.Message}" }));
        if (!result.Succeeded)
        {
            return null;
        }

        if (key is not null && !result.Attestation.AttestedKeys.Any(key.HasSameKey))
        {
            errors.Add(new(OpenId4VciErrorCodes.ProofKeyNotAttested, $"{label}: the proof is signed by a key that is not among the {result.Attestation.AttestedKeys.Count} 'attested_keys' of its key attestation (Appendix D.1)."));
            return null;
        }

        return result.Attestation;
    }

    private static void CheckType(CompactJws jws, string label, List<VerificationError> errors)
    {
        if (!jws.HasType([KeyProof.Type]))
        {
            errors.Add(new(OpenId4VciErrorCodes.ProofTypeInvalid, $"{label}: the 'typ' header is '{jws.Type ?? "(missing)"}'; it must be '{KeyProof.Type}' (Appendix F.1)."));
        }
    }

    private JwsAlgorithm? CheckAlgorithm(CompactJws jws, string label, List<VerificationError> errors)
    {
        if (_options.AlgorithmPolicy.TryResolve(jws.Algorithm, out var algorithm, out var error))
        {
            return algorithm;
        }

        errors.Add(new(OpenId4VciErrorCodes.ProofAlgorithmNotAllowed, $"{label}: {error!.Message} (Appendix F.1, proof_signing_alg_values_supported)"));
        return null;
    }

    private static PublicJwk? CheckKey(CompactJws jws, string label, List<VerificationError> errors)
    {
        var header = jws.Header;
        var references = KeyReferenceHeaders.Where(name => header.TryGetProperty(name, out _)).ToList();
        if (references.Count != 1)
        {
            errors.Add(new(OpenId4VciErrorCodes.ProofKeyReferenceInvalid, $"{label}: the header must name the key in exactly one of 'kid', 'jwk', 'x5c'; it uses {(references.Count == 0 ? "none" : string.Join(", ", references))} (Appendix F.1)."));
            return null;
        }

        if (references[0] != "jwk")
        {
            errors.Add(new(OpenId4VciErrorCodes.ProofKeyReferenceUnsupported, $"{label}: the key is referenced by '{references[0]}', which this issuer cannot resolve; send the public key in 'jwk'."));
            return null;
        }

        if (PublicJwk.TryParse(header.GetProperty("jwk"), out var key, out var error))
        {
            return key;
        }

        errors.Add(new(error.Code == JoseErrorCodes.PrivateKeyInJwk ? OpenId4VciErrorCodes.ProofJwkPrivate : OpenId4VciErrorCodes.ProofJwkInvalid, $"{label}: {error.Message}"));
        return null;
    }

    private static void CheckSignature(CompactJws jws, JwsAlgorithm? algorithm, PublicJwk? key, string label, List<VerificationError> errors)
    {
        if (key is null)
        {
            return;
        }

        if (algorithm is null)
        {
        }
        else if (!algorithm.Equals(key.Algorithm))
        {
            errors.Add(new(OpenId4VciErrorCodes.ProofJwkInvalid, $"{label}: signed with {algorithm} but the jwk is on curve {key.Curve}."));
        }
        else if (!jws.VerifySignature(key))
        {
            errors.Add(new(OpenId4VciErrorCodes.ProofSignatureInvalid, $"{label}: the signature does not verify with the 'jwk' (Appendix F.1)."));
        }

        // The proof key is fresh per credential and serves this one check (the credential binds its JWK data, not the
        // imported key): freed here, not on the finalizer thread.
        key.ReleaseImportedKey();
    }

    private void CheckAudience(CompactJws jws, string label, List<VerificationError> errors)
    {
        var ok = jws.Payload.TryGetProperty("aud", out var aud) && aud.ValueKind switch
        {
            JsonValueKind.String => aud.GetString() == _options.CredentialIssuer,
            JsonValueKind.Array => aud.EnumerateArray().Any(a => a.ValueKind == JsonValueKind.String && a.GetString() == _options.CredentialIssuer),
            _ => false,
        };
        if (!ok)
        {
            errors.Add(new(OpenId4VciErrorCodes.ProofAudienceInvalid, $"{label}: 'aud' is missing or is not the Credential Issuer Identifier '{_options.CredentialIssuer}' (Appendix F.1)."));
        }
    }

    private void CheckIssuedAt(CompactJws jws, string label, List<VerificationError> errors)
    {
        if (!jws.Payload.TryGetProperty("iat", out var iatElement) || iatElement.ValueKind != JsonValueKind.Number || !iatElement.TryGetInt64(out var iat))
        {
            errors.Add(new(OpenId4VciErrorCodes.ProofIatMissing, $"{label}: 'iat' is missing or not a NumericDate (Appendix F.1)."));
            return;
        }

        var now = _options.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        if (iat < now - (long)_options.MaxAge.TotalSeconds)
        {
            errors.Add(new(OpenId4VciErrorCodes.ProofIatTooOld, $"{label}: issued {now - iat} s ago; at most {(long)_options.MaxAge.TotalSeconds} s are accepted."));
        }
        else if (iat > now + (long)_options.ClockSkew.TotalSeconds)
        {
            errors.Add(new(OpenId4VciErrorCodes.ProofIatInFuture, $"{label}: 'iat' is {iat - now} s in the future; at most {(long)_options.ClockSkew.TotalSeconds} s of skew are accepted."));
        }
    }

    private static void CheckIssuer(CompactJws jws, string? clientId, string label, List<VerificationError> errors)
    {
        if (clientId is null || !jws.Payload.TryGetProperty("iss", out var iss))
        {
            return;
        }

        if (iss.ValueKind != JsonValueKind.String || iss.GetString() != clientId)
        {
            errors.Add(new(OpenId4VciErrorCodes.ProofIssuerMismatch, $"{label}: 'iss' is not the authenticated client_id (Appendix F.1)."));
        }
    }

    private string? CheckNoncePresent(CompactJws jws, string label, List<VerificationError> errors)
    {
        var nonce = jws.Payload.TryGetProperty("nonce", out var element) && element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        if (string.IsNullOrEmpty(nonce) && _options.RequireNonce)
        {
            errors.Add(new(OpenId4VciErrorCodes.ProofNonceMissing, $"{label}: no 'nonce'; this issuer has a Nonce Endpoint, so every proof carries a c_nonce (Appendix F.1, §8.3.1.2)."));
            return null;
        }

        return string.IsNullOrEmpty(nonce) ? null : nonce;
    }

    private static void CheckDistinctKeys(IReadOnlyList<PublicJwk> keys, List<VerificationError> errors)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            for (var j = i + 1; j < keys.Count; j++)
            {
                if (keys[i].HasSameKey(keys[j]))
                {
                    errors.Add(new(OpenId4VciErrorCodes.ProofDuplicateKey, $"Two proofs use the same key; every credential of a batch is bound to its own key so that they cannot be linked."));
                    return;
                }
            }
        }
    }
}
