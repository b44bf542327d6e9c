using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Wallet.Core.Jose;

namespace Wallet.Core.OAuth;

/// <summary>
/// The server side of DPoP (RFC 9449 §4.3): validates the proof sent with a token or resource request as a pipeline of
/// small named steps — header count, structure, <c>typ</c>, <c>alg</c>, <c>jwk</c>, signature, required claims,
/// <c>htm</c>, <c>htu</c>, <c>iat</c>, <c>ath</c>, token binding, nonce, replay — and reports every failed check.
/// </summary>
/// <remarks>
/// The nonce and replay steps run only when every other step passed, so that an invalid proof never consumes a replay
/// cache entry and a nonce retry is not mistaken for an attack.
/// </remarks>
public sealed class DpopProofValidator
{
    private readonly DpopValidatorOptions _options;

    /// <summary>Creates a validator with the given policy.</summary>
    public DpopProofValidator(DpopValidatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxAge <= TimeSpan.Zero || options.ClockSkew < TimeSpan.Zero)
        {
            throw new ArgumentException("DpopValidatorOptions.MaxAge must be positive and ClockSkew not negative.", nameof(options));
        }

        _options = options;
    }

    /// <summary>Validates the proof of <paramref name="request"/>.</summary>
    public async ValueTask<DpopValidationResult> ValidateAsync(DpopValidationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<VerificationError>();
        if (!TryReadSingleHeader(request, errors, out var raw) || !TryParse(raw, errors, out var jws))
        {
            return new DpopValidationResult(null, null, errors);
        }

        CheckType(jws, errors);
        var algorithm = CheckAlgorithm(jws, errors);
        var key = CheckJwk(jws, errors);
        CheckSignature(jws, algorithm, key, errors);
        var claims = CheckRequiredClaims(jws, errors);
        if (claims is { } c)
        {
            CheckHtm(c.Htm, request.Method, errors);
            CheckHtu(c.Htu, request.RequestUri, errors);
            CheckIat(c.Iat, errors);
        }

        CheckAccessTokenHash(jws, request.AccessToken, errors);
        CheckTokenBinding(key, request.BoundKeyThumbprint, errors);
        if (errors.Count == 0)
        {
            CheckNonce(jws, errors);
        }

        if (errors.Count == 0 && claims is { } accepted && key is not null)
        {
            await CheckReplayAsync(key, accepted, errors, cancellationToken).ConfigureAwait(false);
        }

        return new DpopValidationResult(key, claims?.Jti, errors);
    }

    private static bool TryReadSingleHeader(DpopValidationRequest request, List<VerificationError> errors, out string raw)
    {
        raw = string.Empty;
        switch (request.ProofHeaders.Count)
        {
            case 0:
                errors.Add(new(OAuthErrorCodes.DpopMissing, "The request carries no DPoP header (RFC 9449 §4.3 check 1)."));
                return false;
            case > 1:
                errors.Add(new(OAuthErrorCodes.DpopMultipleHeaders, $"The request carries {request.ProofHeaders.Count} DPoP headers; exactly one is allowed (RFC 9449 §4.3 check 1)."));
                return false;
            default:
                raw = request.ProofHeaders[0] ?? string.Empty;
                return true;
        }
    }

    private bool TryParse(string raw, List<VerificationError> errors, out CompactJws jws)
    {
        if (CompactJws.TryParse(raw, _options.Limits, out var parsed, out var error))
        {
            jws = parsed;
            return true;
        }

        jws = null!;
        errors.Add(new(OAuthErrorCodes.DpopMalformed, $"The DPoP header is not one well-formed JWT (RFC 9449 §4.3 check 2): {error.Message}"));
        return false;
    }

    private static void CheckType(CompactJws jws, List<VerificationError> errors)
    {
        // RFC 9449 §4.2 pins the exact value; media-type case-insensitivity (RFC 7515 §4.1.9) still applies.
        if (!jws.HasType([DpopProof.Type]))
        {
            errors.Add(new(OAuthErrorCodes.DpopTypeInvalid, $"The 'typ' header is '{jws.Type ?? "(missing)"}'; it must be 'dpop+jwt' (RFC 9449 §4.3 check 4)."));
        }
    }

    private JwsAlgorithm? CheckAlgorithm(CompactJws jws, List<VerificationError> errors)
    {
        if (_options.AlgorithmPolicy.TryResolve(jws.Algorithm, out var algorithm, out var error))
        {
            return algorithm;
        }

        errors.Add(new(OAuthErrorCodes.DpopAlgorithmNotAllowed, $"{error!.Message} (RFC 9449 §4.3 check 5)"));
        return null;
    }

    private static PublicJwk? CheckJwk(CompactJws jws, List<VerificationError> errors)
    {
        if (!jws.Header.TryGetProperty("jwk", out var jwkElement))
        {
            errors.Add(new(OAuthErrorCodes.DpopJwkInvalid, "The 'jwk' header is missing (RFC 9449 §4.2)."));
            return null;
        }

        if (PublicJwk.TryParse(jwkElement, out var key, out var error))
        {
            return key;
        }

        errors.Add(error.Code == JoseErrorCodes.PrivateKeyInJwk
            ? new(OAuthErrorCodes.DpopJwkPrivate, $"{error.Message} (RFC 9449 §4.3 check 7)")
            : new(OAuthErrorCodes.DpopJwkInvalid, $"{error.Message} (RFC 9449 §4.3 check 7)"));
        return null;
    }

    private static void CheckSignature(CompactJws jws, JwsAlgorithm? algorithm, PublicJwk? key, List<VerificationError> errors)
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
            errors.Add(new(OAuthErrorCodes.DpopKeyAlgorithmMismatch, $"The proof is signed with {algorithm} but its jwk is on curve {key.Curve}."));
        }
        else if (!jws.VerifySignature(key))
        {
            errors.Add(new(OAuthErrorCodes.DpopSignatureInvalid, "The DPoP proof signature does not verify with its 'jwk' (RFC 9449 §4.3 check 6)."));
        }

        // A proof's key serves this one signature check (the result keeps its JWK for the thumbprint): freed here, not on
        // the finalizer thread.
        key.ReleaseImportedKey();
    }

    private static ProofClaims? CheckRequiredClaims(CompactJws jws, List<VerificationError> errors)
    {
        var payload = jws.Payload;
        var jti = String(payload, "jti");
        var htm = String(payload, "htm");
        var htu = String(payload, "htu");
        long? iat = payload.TryGetProperty("iat", out var iatElement) && iatElement.ValueKind == JsonValueKind.Number && iatElement.TryGetInt64(out var seconds) ? seconds : null;
        var missing = new List<string>();
        if (string.IsNullOrEmpty(jti))
        {
            missing.Add("jti");
        }

        if (string.IsNullOrEmpty(htm))
        {
            missing.Add("htm");
        }

        if (string.IsNullOrEmpty(htu))
        {
            missing.Add("htu");
        }

        if (iat is null)
        {
            missing.Add("iat");
        }

        if (missing.Count > 0)
        {
            errors.Add(new(OAuthErrorCodes.DpopClaimMissing, $"The DPoP proof lacks the required claim(s) {string.Join(", ", missing)} or has them with the wrong type (RFC 9449 §4.2, §4.3 check 3)."));
            return null;
        }

        return new ProofClaims(jti!, htm!, htu!, iat!.Value);
    }

    private static void CheckHtm(string htm, string method, List<VerificationError> errors)
    {
        // HTTP methods are case-sensitive (RFC 9110 §9.1).
        if (!string.Equals(htm, method, StringComparison.Ordinal))
        {
            errors.Add(new(OAuthErrorCodes.DpopHtmMismatch, $"The 'htm' is '{htm}' but the request method is '{method}' (RFC 9449 §4.3 check 8)."));
        }
    }

    private static void CheckHtu(string htu, Uri requestUri, List<VerificationError> errors)
    {
        if (!Uri.TryCreate(htu, UriKind.Absolute, out var claimed) || (claimed.Scheme != Uri.UriSchemeHttps && claimed.Scheme != Uri.UriSchemeHttp)
            || !string.Equals(DpopProof.NormalizeHtu(claimed), DpopProof.NormalizeHtu(requestUri), StringComparison.Ordinal))
        {
            errors.Add(new(OAuthErrorCodes.DpopHtuMismatch, $"The 'htu' does not match the request URI '{DpopProof.NormalizeHtu(requestUri)}', ignoring query and fragment (RFC 9449 §4.3 check 9)."));
        }
    }

    private void CheckIat(long iat, List<VerificationError> errors)
    {
        var now = _options.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        if (iat < now - (long)_options.MaxAge.TotalSeconds)
        {
            errors.Add(new(OAuthErrorCodes.DpopIatTooOld, $"The proof was issued {now - iat} s ago; at most {(long)_options.MaxAge.TotalSeconds} s are accepted (RFC 9449 §4.3 check 11)."));
        }
        else if (iat > now + (long)_options.ClockSkew.TotalSeconds)
        {
            errors.Add(new(OAuthErrorCodes.DpopIatInFuture, $"The proof's iat is {iat - now} s in the future; at most {(long)_options.ClockSkew.TotalSeconds} s of clock skew are accepted (RFC 9449 §4.3 check 11)."));
        }
    }

    private static void CheckAccessTokenHash(CompactJws jws, string? accessToken, List<VerificationError> errors)
    {
        if (accessToken is null)
        {
            return;
        }

        var ath = String(jws.Payload, "ath");
        if (ath is null)
        {
            errors.Add(new(OAuthErrorCodes.DpopAthMissing, "An access token is presented but the proof has no 'ath' (RFC 9449 §4.2, §7)."));
            return;
        }

        var expected = DpopProof.ComputeAccessTokenHash(accessToken);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(ath), Encoding.ASCII.GetBytes(expected)))
        {
            errors.Add(new(OAuthErrorCodes.DpopAthMismatch, "The 'ath' is not the SHA-256 hash of the presented access token (RFC 9449 §4.3 check 12)."));
        }
    }

    private static void CheckTokenBinding(PublicJwk? key, string? boundThumbprint, List<VerificationError> errors)
    {
        if (boundThumbprint is null || key is null)
        {
            return;
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(key.ComputeThumbprintBase64Url()), Encoding.ASCII.GetBytes(boundThumbprint)))
        {
            errors.Add(new(OAuthErrorCodes.DpopKeyMismatch, "The proof key is not the key the access token is bound to (cnf.jkt, RFC 9449 §6.1, §4.3 check 12)."));
        }
    }

    private void CheckNonce(CompactJws jws, List<VerificationError> errors)
    {
        if (_options.NonceValidator is not { } validator)
        {
            return;
        }

        var nonce = String(jws.Payload, "nonce");
        if (nonce is null)
        {
            errors.Add(new(OAuthErrorCodes.DpopNonceMissing, "The server requires a DPoP nonce and the proof has none (RFC 9449 §8)."));
        }
        else if (!validator(nonce))
        {
            errors.Add(new(OAuthErrorCodes.DpopNonceInvalid, "The proof's nonce is not one this server currently accepts (RFC 9449 §4.3 check 10, §8)."));
        }
    }

    private async ValueTask CheckReplayAsync(PublicJwk key, ProofClaims claims, List<VerificationError> errors, CancellationToken cancellationToken)
    {
        if (_options.ReplayCache is not { } cache)
        {
            return;
        }

        var proofId = key.ComputeThumbprintBase64Url() + ":" + claims.Jti;
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(claims.Iat) + _options.MaxAge + _options.ClockSkew;
        if (!await cache.TryAddAsync(proofId, expiresAt, cancellationToken).ConfigureAwait(false))
        {
            errors.Add(new(OAuthErrorCodes.DpopReplayed, "A DPoP proof with this jti from this key was already used (RFC 9449 §11.1)."));
        }
    }

    private static string? String(JsonElement payload, string name) =>
        payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private readonly record struct ProofClaims(string Jti, string Htm, string Htu, long Iat);
}
