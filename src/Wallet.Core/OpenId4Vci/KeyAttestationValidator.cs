using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Wallet.Core.Jose;
using Wallet.Core.StatusList;
using Wallet.Core.Trust;

namespace Wallet.Core.OpenId4Vci;

/// <summary>
/// The Credential Issuer side of key attestations in JWT format (OpenID4VCI 1.0 Appendix D.1) as HAIP 1.0 §4.5.1
/// profiles them, in small named steps: structure, <c>typ</c>, <c>alg</c>, <c>x5c</c> chain to a wallet-provider trust
/// anchor with a leaf that is not self-signed, signature by the leaf, claims (<c>iat</c>, <c>exp</c>,
/// <c>attested_keys</c>, levels), <c>nonce</c>, the required attack potential resistance (Appendix D.2) and the
/// <c>status</c> when present. Every failed check is reported.
/// </summary>
public sealed class KeyAttestationValidator
{
    private readonly KeyAttestationValidatorOptions _options;

    /// <summary>Creates a validator with the given policy.</summary>
    public KeyAttestationValidator(KeyAttestationValidatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.TrustValidator);
        if (options.MaxAttestedKeys < 1 || options.ClockSkew < TimeSpan.Zero)
        {
            throw new ArgumentException("KeyAttestationValidatorOptions.MaxAttestedKeys must be positive and ClockSkew not negative.", nameof(options));
        }

        _options = options;
    }

    /// <summary>Validates <paramref name="jwt"/> against <paramref name="expectations"/>.</summary>
    public async ValueTask<KeyAttestationValidationResult> ValidateAsync(string jwt, KeyAttestationExpectations expectations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jwt);
        ArgumentNullException.ThrowIfNull(expectations);
        var errors = new List<VerificationError>();
        if (!CompactJws.TryParse(jwt, _options.Limits, out var jws, out var parseError))
        {
            errors.Add(new(OpenId4VciErrorCodes.KeyAttestationMalformed, $"The key attestation is not a well-formed JWT: {parseError.Message}"));
            return new KeyAttestationValidationResult(null, null, errors);
        }

        var now = _options.TimeProvider.GetUtcNow();
        CheckType(jws, errors);
        var algorithm = CheckAlgorithm(jws, errors);
        var chain = CheckChainAndSignature(jws, algorithm, now, errors);
        var claims = ReadClaims(jws, errors);
        CheckTimes(claims, expectations, now, errors);
        CheckNonce(claims.Nonce, expectations, errors);
        CheckLevels(claims, expectations.Requirement, errors);
        await CheckStatusAsync(claims.Status, errors, cancellationToken).ConfigureAwait(false);

        var attestation = errors.Count == 0
            ? new KeyAttestation(jws.Raw, claims.Keys, DateTimeOffset.FromUnixTimeSeconds(claims.IssuedAt!.Value), claims.ExpiresAt is { } exp ? DateTimeOffset.FromUnixTimeSeconds(exp) : null, claims.KeyStorage, claims.UserAuthentication, claims.Certification, claims.Nonce, claims.Status, chain)
            : null;
        return new KeyAttestationValidationResult(attestation, claims.Nonce, errors);
    }

    private static void CheckType(CompactJws jws, List<VerificationError> errors)
    {
        if (!jws.HasType([KeyAttestation.Type]))
        {
            errors.Add(new(OpenId4VciErrorCodes.KeyAttestationTypeInvalid, $"The key attestation's 'typ' is '{jws.Type ?? "(missing)"}'; it must be '{KeyAttestation.Type}' (Appendix D.1)."));
        }
    }

    private JwsAlgorithm? CheckAlgorithm(CompactJws jws, List<VerificationError> errors)
    {
        if (_options.AlgorithmPolicy.TryResolve(jws.Algorithm, out var algorithm, out var error))
        {
            return algorithm;
        }

        errors.Add(new(OpenId4VciErrorCodes.KeyAttestationAlgorithmNotAllowed, $"The key attestation: {error!.Message} (Appendix D.1, proof_signing_alg_values_supported)"));
        return null;
    }

    // HAIP 1.0 §4.5.1: the signing key is in x5c, the chain leads to a trust anchor not itself included, the signer is not self-signed.
    private IReadOnlyList<X509Certificate2> CheckChainAndSignature(CompactJws jws, JwsAlgorithm? algorithm, DateTimeOffset now, List<VerificationError> errors)
    {
        if (!jws.Header.TryGetProperty("x5c", out var x5c) || !X5cParser.TryParseX5c(x5c, out var chain, out var x5cError))
        {
            errors.Add(new(OpenId4VciErrorCodes.KeyAttestationUntrusted, "The key attestation has no valid 'x5c' chain; HAIP 1.0 Sec. 4.5.1 requires the signing key's certificate there."));
            return [];
        }

        _ = x5cError;
        var leaf = chain[0];
        if (leaf.SubjectName.RawData.AsSpan().SequenceEqual(leaf.IssuerName.RawData))
        {
            errors.Add(new(OpenId4VciErrorCodes.KeyAttestationUntrusted, $"The key attestation certificate '{leaf.Subject}' is self-signed (HAIP 1.0 Sec. 4.5.1)."));
            return [];
        }

        var validation = _options.TrustValidator.Validate(chain, CertificateUsage.WalletProvider, now);
        if (!validation.IsValid)
        {
            errors.Add(new(OpenId4VciErrorCodes.KeyAttestationUntrusted, $"The key attestation chain does not lead to a wallet-provider trust anchor: {string.Join(" ", validation.Errors.Select(e => e.Message))}"));
            return [];
        }

        using var key = leaf.GetECDsaPublicKey();
        if (algorithm is null)
        {
            return validation.Chain;
        }

        if (key is null || !SameCurve(key, algorithm) || !jws.VerifySignature(key, algorithm))
        {
            errors.Add(new(OpenId4VciErrorCodes.KeyAttestationSignatureInvalid, $"The key attestation's signature does not verify with the key of '{leaf.Subject}' (Appendix D.1)."));
        }

        return validation.Chain;
    }

    private static bool SameCurve(ECDsa key, JwsAlgorithm algorithm)
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

    private Claims ReadClaims(CompactJws jws, List<VerificationError> errors)
    {
        var payload = jws.Payload;
        var claims = new Claims();
        if (payload.TryGetProperty("iat", out var iat) && iat.ValueKind == JsonValueKind.Number && iat.TryGetInt64(out var issuedAt))
        {
            claims.IssuedAt = issuedAt;
        }
        else
        {
            errors.Add(new(OpenId4VciErrorCodes.KeyAttestationMalformed, "The key attestation's 'iat' is missing or not a NumericDate (Appendix D.1)."));
        }

        if (payload.TryGetProperty("exp", out var exp))
        {
            if (exp.ValueKind == JsonValueKind.Number && exp.TryGetInt64(out var expiresAt))
            {
                claims.ExpiresAt = expiresAt;
            }
            else
            {
                errors.Add(new(OpenId4VciErrorCodes.KeyAttestationMalformed, "The key attestation's 'exp' is not a NumericDate (Appendix D.1)."));
            }
        }

        ReadKeys(payload, claims, errors);
        claims.KeyStorage = ReadLevels(payload, "key_storage", errors);
        claims.UserAuthentication = ReadLevels(payload, "user_authentication", errors);
        claims.Certification = ReadOptionalString(payload, "certification", errors);
        claims.Nonce = ReadOptionalString(payload, "nonce", errors);
        if (payload.TryGetProperty("status", out var status))
        {
            if (StatusClaim.TryParse(status, out var reference, out var statusError))
            {
                claims.Status = reference;
            }
            else
            {
                errors.Add(new(OpenId4VciErrorCodes.KeyAttestationMalformed, $"The key attestation's 'status': {statusError.Message}"));
            }
        }

        return claims;
    }

    private void ReadKeys(JsonElement payload, Claims claims, List<VerificationError> errors)
    {
        if (!payload.TryGetProperty("attested_keys", out var keys) || keys.ValueKind != JsonValueKind.Array || keys.GetArrayLength() == 0)
        {
            errors.Add(new(OpenId4VciErrorCodes.KeyAttestationMalformed, "The key attestation's 'attested_keys' is missing or not a non-empty array (Appendix D.1)."));
            return;
        }

        if (keys.GetArrayLength() > _options.MaxAttestedKeys)
        {
            errors.Add(new(OpenId4VciErrorCodes.KeyAttestationTooManyKeys, $"The key attestation lists {keys.GetArrayLength()} keys; at most {_options.MaxAttestedKeys} are accepted."));
            return;
        }

        var index = 0;
        foreach (var element in keys.EnumerateArray())
        {
            if (PublicJwk.TryParse(element, out var key, out var error))
            {
                claims.Keys.Add(key);
            }
            else
            {
                errors.Add(new(OpenId4VciErrorCodes.KeyAttestationMalformed, $"The key attestation's 'attested_keys[{index}]': {error.Message}"));
            }

            index++;
        }

        for (var i = 0; i < claims.Keys.Count; i++)
        {
            for (var j = i + 1; j < claims.Keys.Count; j++)
            {
                if (claims.Keys[i].HasSameKey(claims.Keys[j]))
                {
                    errors.Add(new(OpenId4VciErrorCodes.KeyAttestationMalformed, $"The key attestation lists the same key at positions {i} and {j}; each credential is bound to its own key."));
                    return;
                }
            }
        }
    }

    private static string[] ReadLevels(JsonElement payload, string name, List<VerificationError> errors)
    {
        if (!payload.TryGetProperty(name, out var array))
        {
            return [];
        }

        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0 || array.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
        {
            errors.Add(new(OpenId4VciErrorCodes.KeyAttestationMalformed, $"The key attestation's '{name}' is not a non-empty array of strings (Appendix D.1)."));
            return [];
        }

        return [.. array.EnumerateArray().Select(v => v.GetString()!)];
    }

    private static string? ReadOptionalString(JsonElement payload, string name, List<VerificationError> errors)
    {
        if (!payload.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || value.GetString()!.Length == 0)
        {
            errors.Add(new(OpenId4VciErrorCodes.KeyAttestationMalformed, $"The key attestation's '{name}' is not a non-empty string (Appendix D.1)."));
            return null;
        }

        return value.GetString();
    }

    private void CheckTimes(Claims claims, KeyAttestationExpectations expectations, DateTimeOffset now, List<VerificationError> errors)
    {
        var seconds = now.ToUnixTimeSeconds();
        var skew = (long)_options.ClockSkew.TotalSeconds;
        if (claims.IssuedAt is { } iat && iat > seconds + skew)
        {
            errors.Add(new(OpenId4VciErrorCodes.KeyAttestationExpired, $"The key attestation's 'iat' is {iat - seconds} s in the future (Appendix D.1)."));
        }

        if (claims.ExpiresAt is { } exp)
        {
            if (exp <= seconds - skew)
            {
                errors.Add(new(OpenId4VciErrorCodes.KeyAttestationExpired, $"The key attestation expired {seconds - exp} s ago; its keys expire with it (Appendix D.1)."));
            }
        }
        else if (expectations.RequireExpiry)
        {
            errors.Add(new(OpenId4VciErrorCodes.KeyAttestationExpiryMissing, "The key attestation in a 'jwt' proof has no 'exp', which Appendix D.1 requires there."));
        }
    }

    private static void CheckNonce(string? nonce, KeyAttestationExpectations expectations, List<VerificationError> errors)
    {
        if (nonce is null)
        {
            if (expectations.RequireNonce)
            {
                errors.Add(new(OpenId4VciErrorCodes.KeyAttestationNonceMismatch, "The key attestation has no 'nonce'; this issuer has a Nonce Endpoint, so it must be the c_nonce (Appendix F.1, F.3)."));
            }

            return;
        }

        if (expectations.Nonce is { } expected && !CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(nonce), System.Text.Encoding.UTF8.GetBytes(expected)))
        {
            errors.Add(new(OpenId4VciErrorCodes.KeyAttestationNonceMismatch, "The key attestation's 'nonce' is not the c_nonce of the proof (Appendix F.1)."));
        }
    }

    // §12.2.4: the lists name the values the issuer accepts; the attestation must state one of them.
    private static void CheckLevels(Claims claims, KeyAttestationRequirement? requirement, List<VerificationError> errors)
    {
        if (requirement is null)
        {
            return;
        }

        if (requirement.KeyStorage.Count > 0 && !claims.KeyStorage.Any(v => requirement.KeyStorage.Contains(v, StringComparer.Ordinal)))
        {
            errors.Add(new(OpenId4VciErrorCodes.KeyAttestationKeyStorageInsufficient, $"The key attestation's 'key_storage' [{string.Join(", ", claims.KeyStorage)}] holds none of the accepted values [{string.Join(", ", requirement.KeyStorage)}] (Sec. 12.2.4, Appendix D.2)."));
        }

        if (requirement.UserAuthentication.Count > 0 && !claims.UserAuthentication.Any(v => requirement.UserAuthentication.Contains(v, StringComparer.Ordinal)))
        {
            errors.Add(new(OpenId4VciErrorCodes.KeyAttestationUserAuthenticationInsufficient, $"The key attestation's 'user_authentication' [{string.Join(", ", claims.UserAuthentication)}] holds none of the accepted values [{string.Join(", ", requirement.UserAuthentication)}] (Sec. 12.2.4, Appendix D.2)."));
        }
    }

    private async ValueTask CheckStatusAsync(StatusListReference? status, List<VerificationError> errors, CancellationToken cancellationToken)
    {
        // Checked only when everything else holds: a forged attestation must not make the issuer fetch its URL.
        if (status is null || errors.Count > 0)
        {
            return;
        }

        if (_options.StatusChecker is null)
        {
            errors.Add(new(OpenId4VciErrorCodes.KeyAttestationStatusUnchecked, "The key attestation has a 'status' and this issuer has no status checker for it; it is refused rather than assumed valid."));
            return;
        }

        var result = await _options.StatusChecker.CheckAsync(status, cancellationToken).ConfigureAwait(false);
        if (!result.IsChecked)
        {
            errors.Add(new(OpenId4VciErrorCodes.KeyAttestationStatusUnchecked, $"The key attestation's status could not be read: {string.Join(" ", result.Errors.Select(e => e.Message))}"));
        }
        else if (!result.IsValid)
        {
            errors.Add(new(OpenId4VciErrorCodes.KeyAttestationRevoked, $"The key attestation's status is 0x{result.Status:X2}, not valid; its keys are no longer attested."));
        }
    }

    private sealed class Claims
    {
        public long? IssuedAt { get; set; }

        public long? ExpiresAt { get; set; }

        public List<PublicJwk> Keys { get; } = [];

        public IReadOnlyList<string> KeyStorage { get; set; } = [];

        public IReadOnlyList<string> UserAuthentication { get; set; } = [];

        public string? Certification { get; set; }

        public string? Nonce { get; set; }

        public StatusListReference? Status { get; set; }
    }
}
