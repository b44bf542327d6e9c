using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Wallet.Core.Jose;
using Wallet.Core.Trust;

namespace Wallet.Core.OAuth;

/// <summary>
/// The authorization server side of Attestation-Based Client Authentication (draft -10 §7.1, §7.2, §7.5) as HAIP 1.0
/// §4.4.1 profiles it, in small named steps. Attestation: one header, structure, <c>typ</c>, <c>alg</c>, <c>x5c</c>
/// chain to a wallet-provider trust anchor with a leaf that is not self-signed, signature by the leaf, <c>sub</c>,
/// <c>exp</c> / <c>iat</c>, public <c>cnf.jwk</c>, <c>client_id</c> = <c>sub</c>. PoP: one header, structure, <c>typ</c>,
/// <c>alg</c> matching the <c>cnf</c> key, signature by that key, <c>aud</c>, <c>jti</c>, <c>iat</c> window.
/// </summary>
/// <remarks>
/// The DPoP-combined mode (§5.2, §7.3), server challenges (§6) and PoP <c>jti</c> replay detection (§11.1, optional)
/// are not implemented: a request without the PoP header fails.
/// </remarks>
public sealed class ClientAttestationValidator
{
    private readonly ClientAttestationValidatorOptions _options;

    /// <summary>Creates a validator with the given policy.</summary>
    public ClientAttestationValidator(ClientAttestationValidatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.Audience);
        ArgumentNullException.ThrowIfNull(options.TrustValidator);
        _options = options;
    }

    /// <summary>Authenticates the client of <paramref name="request"/>.</summary>
    public ClientAttestationValidationResult Validate(ClientAttestationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<VerificationError>();
        var attestation = ParseSingle(request.AttestationHeaders, OAuthErrorCodes.AttestationMissing, OAuthErrorCodes.AttestationMalformed, "OAuth-Client-Attestation", errors);
        var pop = ParseSingle(request.PopHeaders, OAuthErrorCodes.AttestationPopMissing, OAuthErrorCodes.AttestationPopMalformed, "OAuth-Client-Attestation-PoP", errors);
        if (attestation is null)
        {
            return new ClientAttestationValidationResult(null, null, errors);
        }

        var now = _options.TimeProvider.GetUtcNow();
        CheckType(attestation, ClientAttestation.Type, OAuthErrorCodes.AttestationTypeInvalid, errors);
        var algorithm = CheckAlgorithm(attestation, OAuthErrorCodes.AttestationAlgorithmNotAllowed, errors);
        CheckIssuerSignature(attestation, algorithm, now, errors);
        var (clientId, instanceKey) = CheckClaims(attestation, now, errors);
        CheckClientId(request.ClientId, clientId, errors);
        if (pop is not null)
        {
            CheckPop(pop, instanceKey, now, errors);
        }

        return new ClientAttestationValidationResult(clientId, instanceKey, errors);
    }

    private CompactJws? ParseSingle(IReadOnlyList<string> headers, string missingCode, string malformedCode, string name, List<VerificationError> errors)
    {
        if (headers.Count != 1)
        {
            errors.Add(new(missingCode, $"Exactly one {name} header is required; the request has {headers.Count} (ABCA -10 Sec. 7.1, 7.2)."));
            return null;
        }

        if (!CompactJws.TryParse(headers[0] ?? string.Empty, _options.Limits, out var jws, out var error))
        {
            errors.Add(new(malformedCode, $"The {name} header is not one well-formed JWT: {error.Message}"));
            return null;
        }

        return jws;
    }

    private static void CheckType(CompactJws jws, string type, string code, List<VerificationError> errors)
    {
        if (!jws.HasType([type]))
        {
            errors.Add(new(code, $"The 'typ' header is '{jws.Type ?? "(missing)"}'; it must be '{type}'."));
        }
    }

    private JwsAlgorithm? CheckAlgorithm(CompactJws jws, string code, List<VerificationError> errors)
    {
        if (_options.AlgorithmPolicy.TryResolve(jws.Algorithm, out var algorithm, out var error))
        {
            return algorithm;
        }

        errors.Add(new(code, error!.Message));
        return null;
    }

    private void CheckIssuerSignature(CompactJws attestation, JwsAlgorithm? algorithm, DateTimeOffset now, List<VerificationError> errors)
    {
        if (!attestation.Header.TryGetProperty("x5c", out var x5c) || !X5cParser.TryParseX5c(x5c, out var chain, out var x5cError))
        {
            errors.Add(new(OAuthErrorCodes.AttestationX5cInvalid, "The Client Attestation has no valid 'x5c' chain (HAIP 1.0 Sec. 4.4.1)."));
            return;
        }

        var leaf = chain[0];
        _ = x5cError;
        if (leaf.SubjectName.RawData.AsSpan().SequenceEqual(leaf.IssuerName.RawData))
        {
            errors.Add(new(OAuthErrorCodes.AttestationUntrusted, $"The attestation certificate '{leaf.Subject}' is self-signed; HAIP 1.0 Sec. 4.4.1 requires a chain to the wallet provider's trust anchor."));
            return;
        }

        var validation = _options.TrustValidator.Validate(chain, CertificateUsage.WalletProvider, now);
        if (!validation.IsValid)
        {
            errors.Add(new(OAuthErrorCodes.AttestationUntrusted, $"The attestation chain is not trusted: {string.Join(" ", validation.Errors.Select(e => e.Message))}"));
            return;
        }

        using var key = leaf.GetECDsaPublicKey();
        if (algorithm is null || key is null || !SameCurve(key, algorithm) || !attestation.VerifySignature(key, algorithm))
        {
            errors.Add(new(OAuthErrorCodes.AttestationSignatureInvalid, $"The Client Attestation signature does not verify with the key of '{leaf.Subject}'."));
        }
    }

    private static bool SameCurve(System.Security.Cryptography.ECDsa key, JwsAlgorithm algorithm)
    {
        try
        {
            return PublicJwk.FromECDsa(key).Algorithm.Equals(algorithm);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private (string? ClientId, PublicJwk? InstanceKey) CheckClaims(CompactJws attestation, DateTimeOffset now, List<VerificationError> errors)
    {
        var payload = attestation.Payload;
        var sub = payload.TryGetProperty("sub", out var subElement) && subElement.ValueKind == JsonValueKind.String ? subElement.GetString() : null;
        long? exp = payload.TryGetProperty("exp", out var expElement) && expElement.ValueKind == JsonValueKind.Number && expElement.TryGetInt64(out var e) ? e : null;
        if (string.IsNullOrEmpty(sub) || exp is null)
        {
            errors.Add(new(OAuthErrorCodes.AttestationClaimMissing, "The Client Attestation lacks 'sub' or 'exp' (ABCA -10 Sec. 4)."));
        }

        var skew = (long)_options.ClockSkew.TotalSeconds;
        var seconds = now.ToUnixTimeSeconds();
        if (exp is { } expiry && expiry <= seconds - skew)
        {
            errors.Add(new(OAuthErrorCodes.AttestationExpired, "The Client Attestation has expired (ABCA -10 Sec. 7.1)."));
        }

        if (payload.TryGetProperty("iat", out var iatElement) && (iatElement.ValueKind != JsonValueKind.Number || !iatElement.TryGetInt64(out var iat) || iat > seconds + skew))
        {
            errors.Add(new(OAuthErrorCodes.AttestationExpired, "The Client Attestation's 'iat' is malformed or in the future (ABCA -10 Sec. 7.1)."));
        }

        PublicJwk? instanceKey = null;
        if (!payload.TryGetProperty("cnf", out var cnf) || cnf.ValueKind != JsonValueKind.Object || !cnf.TryGetProperty("jwk", out var jwk))
        {
            errors.Add(new(OAuthErrorCodes.AttestationClaimMissing, "The Client Attestation lacks 'cnf.jwk' (ABCA -10 Sec. 4)."));
        }
        else if (!PublicJwk.TryParse(jwk, out instanceKey, out var jwkError))
        {
            errors.Add(new(jwkError.Code == JoseErrorCodes.PrivateKeyInJwk ? OAuthErrorCodes.AttestationCnfPrivate : OAuthErrorCodes.AttestationClaimMissing, $"'cnf.jwk': {jwkError.Message}"));
        }

        return (sub, instanceKey);
    }

    private static void CheckClientId(string? requested, string? sub, List<VerificationError> errors)
    {
        if (requested is not null && sub is not null && !string.Equals(requested, sub, StringComparison.Ordinal))
        {
            errors.Add(new(OAuthErrorCodes.AttestationClientIdMismatch, "The request's client_id differs from the attestation's 'sub' (ABCA -10 Sec. 7.5)."));
        }
    }

    private void CheckPop(CompactJws pop, PublicJwk? instanceKey, DateTimeOffset now, List<VerificationError> errors)
    {
        CheckType(pop, ClientAttestation.PopType, OAuthErrorCodes.AttestationPopTypeInvalid, errors);
        var algorithm = CheckAlgorithm(pop, OAuthErrorCodes.AttestationPopAlgorithmNotAllowed, errors);
        if (algorithm is not null && instanceKey is not null)
        {
            if (!algorithm.Equals(instanceKey.Algorithm))
            {
                errors.Add(new(OAuthErrorCodes.AttestationPopAlgorithmNotAllowed, $"The PoP is signed with {algorithm} but the cnf key is on curve {instanceKey.Curve}."));
            }
            else if (!pop.VerifySignature(instanceKey))
            {
                errors.Add(new(OAuthErrorCodes.AttestationPopSignatureInvalid, "The PoP signature does not verify with the attestation's cnf key (ABCA -10 Sec. 7.2)."));
            }
        }

        var payload = pop.Payload;
        var audienceOk = payload.TryGetProperty("aud", out var aud) && aud.ValueKind switch
        {
            JsonValueKind.String => aud.GetString() == _options.Audience,
            JsonValueKind.Array => aud.GetArrayLength() == 1 && aud[0].ValueKind == JsonValueKind.String && aud[0].GetString() == _options.Audience,
            _ => false,
        };
        if (!audienceOk)
        {
            errors.Add(new(OAuthErrorCodes.AttestationPopAudienceInvalid, $"The PoP's 'aud' is not this authorization server '{_options.Audience}' (ABCA -10 Sec. 5.1)."));
        }

        var hasJti = payload.TryGetProperty("jti", out var jti) && jti.ValueKind == JsonValueKind.String && jti.GetString()!.Length > 0;
        if (!hasJti || !payload.TryGetProperty("iat", out var iatElement) || iatElement.ValueKind != JsonValueKind.Number || !iatElement.TryGetInt64(out var iat))
        {
            errors.Add(new(OAuthErrorCodes.AttestationPopMalformed, "The PoP lacks 'jti' or 'iat' (ABCA -10 Sec. 5.1)."));
            return;
        }

        var seconds = now.ToUnixTimeSeconds();
        if (iat < seconds - (long)_options.MaxPopAge.TotalSeconds || iat > seconds + (long)_options.ClockSkew.TotalSeconds)
        {
            errors.Add(new(OAuthErrorCodes.AttestationPopStale, "The PoP's 'iat' is outside the accepted window (ABCA -10 Sec. 7.2)."));
        }
    }
}
