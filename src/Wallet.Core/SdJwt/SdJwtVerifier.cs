using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wallet.Core.Jose;

namespace Wallet.Core.SdJwt;

/// <summary>
/// Verifies SD-JWTs and SD-JWT+KBs as RFC 9901 §7.1 and §7.3 prescribe. Whether Key Binding is required is
/// the caller's decision per call (<see cref="KeyBindingExpectation"/>), never inferred from the input (§7.3 step 1).
/// Thread-safe; create once and reuse.
/// </summary>
public sealed class SdJwtVerifier
{
    private readonly SdJwtVerifierOptions _options;
    private readonly ISdJwtIssuerKeyResolver _resolver;

    /// <summary>Creates a verifier with the given policy.</summary>
    public SdJwtVerifier(SdJwtVerifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _resolver = options.IssuerKeyResolver ?? throw new ArgumentException("SdJwtVerifierOptions.IssuerKeyResolver is required.", nameof(options));
        _options = options;
    }

    /// <summary>The policy this verifier applies.</summary>
    public SdJwtVerifierOptions Options => _options;

    /// <summary>Verifies a compact SD-JWT or SD-JWT+KB.</summary>
    /// <param name="compact">The SD-JWT as received.</param>
    /// <param name="keyBinding">The required audience and nonce; null when a plain SD-JWT without Key Binding is expected.</param>
    /// <param name="cancellationToken">Cancels key resolution.</param>
    public async ValueTask<SdJwtVerificationResult> VerifyAsync(string compact, KeyBindingExpectation? keyBinding, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(compact);
        if (!SdJwt.TryParse(compact, _options.Limits, out var sdJwt, out var parseError))
        {
            return SdJwtVerificationResult.Failed(null, parseError);
        }

        var errors = new List<VerificationError>();
        var jwt = sdJwt.IssuerSignedJwt;

        // §7.1 step 2: the Issuer signature, with the algorithm checked before any key is used.
        var issuer = await _resolver.ResolveAsync(jwt, cancellationToken).ConfigureAwait(false);
        if (issuer.IsResolved)
        {
            errors.AddRange(jwt.Verify(issuer.Key, _options.AlgorithmPolicy, _options.AcceptedTypes).Select(e => Rename(e, issuerJwt: true)));
        }
        else
        {
            if (!_options.AlgorithmPolicy.TryResolve(jwt.Algorithm, out _, out var algError))
            {
                errors.Add(Rename(algError!, issuerJwt: true));
            }

            errors.AddRange(issuer.Errors.Select(e => e.Code.StartsWith("sd_jwt.", StringComparison.Ordinal) ? e
                : new VerificationError(e.Code, $"Issuer key not resolved: {e.Message}")));
            if (!issuer.Errors.Any(e => e.Code == SdJwtErrorCodes.IssuerKeyUnresolved))
            {
                errors.Add(new VerificationError(SdJwtErrorCodes.IssuerKeyUnresolved, "The Issuer's signing key could not be resolved and tied to the Issuer (RFC 9901 §7.1 2.c)."));
            }
        }

        // §7.1 2.d.
        if (!TryGetHashAlgorithm(jwt.Payload, out var hashAlgorithm, out var hashError))
        {
            errors.Add(hashError);
            return new SdJwtVerificationResult(sdJwt, null, [], issuer, null, errors);
        }

        // §7.1 steps 3–5.
        var processed = SdJwtPayloadProcessor.Process(jwt.Payload, sdJwt.Disclosures, hashAlgorithm, _options.Limits.MaxDepth);
        errors.AddRange(processed.Errors);
        var payload = processed.Payload;

        // §7.1 step 6.
        CheckTimeClaims(payload, errors);
        foreach (var claim in _options.RequiredClaims)
        {
            if (!payload.ContainsKey(claim))
            {
                errors.Add(new VerificationError(SdJwtErrorCodes.RequiredClaimMissing, $"The required claim '{claim}' is missing from the processed payload (RFC 9901 §7.1 step 6)."));
            }
        }

        var beforeKeyBinding = errors.Count;
        var holderKey = VerifyKeyBinding(sdJwt, payload, hashAlgorithm, keyBinding, errors);
        var disclosed = processed.Applied.Where(a => a is not null).Select(a => a!.Value.Path).ToArray();
        return new SdJwtVerificationResult(sdJwt, payload, disclosed, issuer, holderKey, errors, keyBindingFailed: errors.Count > beforeKeyBinding);
    }

    private PublicJwk? VerifyKeyBinding(SdJwt sdJwt, JsonObject payload, SdHashAlgorithm hashAlgorithm, KeyBindingExpectation? expectation, List<VerificationError> errors)
    {
        var kb = sdJwt.KeyBinding;
        if (expectation is null)
        {
            if (kb is not null)
            {
                errors.Add(new VerificationError(SdJwtErrorCodes.KeyBindingUnexpected, "A KB-JWT was presented but this verification expects a plain SD-JWT ending in '~' (RFC 9901 §4)."));
            }

            return null;
        }

        if (kb is null)
        {
            errors.Add(new VerificationError(SdJwtErrorCodes.KeyBindingMissing, "Key Binding is required but the presentation has no KB-JWT (RFC 9901 §7.3 step 2)."));
            return null;
        }

        if (!TryGetHolderKey(payload, out var holderKey, out var keyError))
        {
            errors.Add(keyError);
            return null;
        }

        var before = errors.Count;
        errors.AddRange(kb.Jws.Verify(holderKey, _options.AlgorithmPolicy, [KeyBindingJwt.Type]).Select(e => Rename(e, issuerJwt: false)));

        // The holder key is new with every credential and used for this one signature: its imported key is freed here,
        // not on the finalizer thread. The result keeps the JWK (data, thumbprint).
        holderKey.ReleaseImportedKey();

        if (!string.Equals(kb.Audience, expectation.Audience, StringComparison.Ordinal))
        {
            errors.Add(new VerificationError(SdJwtErrorCodes.KeyBindingAudienceMismatch, $"The KB-JWT 'aud' is '{kb.Audience}', not this verifier's '{expectation.Audience}' (RFC 9901 §7.3 5.f)."));
        }

        if (!FixedTimeEquals(kb.Nonce, expectation.Nonce))
        {
            errors.Add(new VerificationError(SdJwtErrorCodes.KeyBindingNonceMismatch, "The KB-JWT 'nonce' is not the nonce of this transaction (RFC 9901 §7.3 5.f)."));
        }

        var now = _options.TimeProvider.GetUtcNow();
        if (kb.IssuedAt > now + _options.ClockSkew || kb.IssuedAt < now - _options.KeyBindingMaxAge - _options.ClockSkew)
        {
            errors.Add(new VerificationError(SdJwtErrorCodes.KeyBindingIatOutOfWindow, $"The KB-JWT 'iat' ({kb.IssuedAt:u}) is outside the accepted window of {_options.KeyBindingMaxAge.TotalSeconds:0} s before now ({now:u}) with {_options.ClockSkew.TotalSeconds:0} s skew (RFC 9901 §7.3 5.e)."));
        }

        if (!FixedTimeEquals(kb.SdHash, hashAlgorithm.ComputeDigest(sdJwt.SdHashInputSpan)))
        {
            errors.Add(new VerificationError(SdJwtErrorCodes.KeyBindingSdHashMismatch, "The KB-JWT 'sd_hash' does not match the presented Issuer-signed JWT and Disclosures (RFC 9901 §4.3.1, §7.3 5.g)."));
        }

        return errors.Count == before ? holderKey : null;
    }

    private bool TryGetHashAlgorithm(JsonElement payload, out SdHashAlgorithm algorithm, out VerificationError error)
    {
        algorithm = SdHashAlgorithm.Sha256;
        error = null!;
        if (!payload.TryGetProperty("_sd_alg", out var value))
        {
            return true;
        }

        if (value.ValueKind != JsonValueKind.String || !SdHashAlgorithm.TryFromName(value.GetString(), out var named) || !_options.HashAlgorithms.Contains(named))
        {
            error = new VerificationError(SdJwtErrorCodes.HashAlgorithmNotSupported, $"'_sd_alg' {value.GetRawText()} is not one of the accepted hash algorithms ({string.Join(", ", _options.HashAlgorithms)}; RFC 9901 §7.1 2.d).");
            return false;
        }

        algorithm = named;
        return true;
    }

    private void CheckTimeClaims(JsonObject payload, List<VerificationError> errors)
    {
        var now = _options.TimeProvider.GetUtcNow();
        if (TryGetTime(payload, "exp", errors, out var exp) && exp <= now - _options.ClockSkew)
        {
            errors.Add(new VerificationError(SdJwtErrorCodes.Expired, $"The SD-JWT expired at {exp:u} (now {now:u}; RFC 7519 §4.1.4)."));
        }

        if (TryGetTime(payload, "nbf", errors, out var nbf) && nbf > now + _options.ClockSkew)
        {
            errors.Add(new VerificationError(SdJwtErrorCodes.NotYetValid, $"The SD-JWT is not valid before {nbf:u} (now {now:u}; RFC 7519 §4.1.5)."));
        }

        if (TryGetTime(payload, "iat", errors, out var iat) && iat > now + _options.ClockSkew)
        {
            errors.Add(new VerificationError(SdJwtErrorCodes.IssuedInFuture, $"The SD-JWT claims to be issued at {iat:u}, after now ({now:u}; RFC 7519 §4.1.6)."));
        }
    }

    private static bool TryGetTime(JsonObject payload, string claim, List<VerificationError> errors, out DateTimeOffset time)
    {
        time = default;
        if (!payload.TryGetPropertyValue(claim, out var node))
        {
            return false;
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<double>(out var seconds)
            && seconds is >= -62135596800 and <= 253402300799)
        {
            time = DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));
            return true;
        }

        errors.Add(new VerificationError(SdJwtErrorCodes.InvalidTimeClaim, $"The '{claim}' claim is not a NumericDate (RFC 7519 §2)."));
        return false;
    }

    private static bool TryGetHolderKey(JsonObject payload, out PublicJwk key, out VerificationError error)
    {
        key = null!;
        error = null!;
        if (payload["cnf"] is not JsonObject cnf || cnf["jwk"] is not JsonObject jwk)
        {
            error = new VerificationError(SdJwtErrorCodes.HolderKeyMissing, "Key Binding is required but the SD-JWT has no 'cnf.jwk' holder key (RFC 9901 §4.1.2, §7.3 5.a).");
            return false;
        }

        if (!PublicJwk.TryParse(jwk.ToJsonString(), out var parsed, out var jwkError))
        {
            error = new VerificationError(SdJwtErrorCodes.HolderKeyMissing, $"'cnf.jwk' is not a usable holder key: {jwkError.Message}");
            return false;
        }

        key = parsed;
        return true;
    }

    private static VerificationError Rename(VerificationError error, bool issuerJwt)
    {
        var code = (error.Code, issuerJwt) switch
        {
            (JoseErrorCodes.TypeMismatch, true) => SdJwtErrorCodes.TypeMismatch,
            (JoseErrorCodes.AlgorithmNotAllowed, true) => SdJwtErrorCodes.AlgorithmNotAllowed,
            (_, true) => SdJwtErrorCodes.SignatureInvalid,
            (JoseErrorCodes.TypeMismatch, false) => SdJwtErrorCodes.KeyBindingTypeMismatch,
            (JoseErrorCodes.AlgorithmNotAllowed, false) => SdJwtErrorCodes.KeyBindingAlgorithmNotAllowed,
            _ => SdJwtErrorCodes.KeyBindingSignatureInvalid,
        };
        return new VerificationError(code, (issuerJwt ? "Issuer-signed JWT: " : "KB-JWT: ") + error.Message);
    }

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
