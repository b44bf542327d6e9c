using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wallet.Core.Jose;

namespace Wallet.Core.SdJwt;

/// <summary>
/// A Key Binding JWT (RFC 9901 §4.3): proof that the holder of the key in <c>cnf</c> presented this SD-JWT
/// to this audience for this nonce. Parsed with its required claims present and typed; not yet verified.
/// </summary>
public sealed class KeyBindingJwt
{
    /// <summary>The <c>typ</c> of a KB-JWT.</summary>
    public const string Type = "kb+jwt";

    private KeyBindingJwt(CompactJws jws, DateTimeOffset issuedAt, string audience, string nonce, string sdHash)
    {
        Jws = jws;
        IssuedAt = issuedAt;
        Audience = audience;
        Nonce = nonce;
        SdHash = sdHash;
    }

    /// <summary>The JWS as received.</summary>
    public CompactJws Jws { get; }

    /// <summary>The <c>iat</c> claim.</summary>
    public DateTimeOffset IssuedAt { get; }

    /// <summary>The <c>aud</c> claim (a single string, RFC 9901 §4.3).</summary>
    public string Audience { get; }

    /// <summary>The <c>nonce</c> claim.</summary>
    public string Nonce { get; }

    /// <summary>The <c>sd_hash</c> claim.</summary>
    public string SdHash { get; }

    /// <summary>Parses within <see cref="SdJwtLimits.Default"/>; the overload that takes <c>limits</c> describes the checks.</summary>
    public static bool TryParse(string token, [NotNullWhen(true)] out KeyBindingJwt? keyBinding, [NotNullWhen(false)] out VerificationError? error)
        => TryParse(token, SdJwtLimits.Default, out keyBinding, out error);

    /// <summary>Parses a KB-JWT and its required claims <c>iat</c>, <c>aud</c>, <c>nonce</c>, <c>sd_hash</c>.</summary>
    public static bool TryParse(string token, SdJwtLimits limits, [NotNullWhen(true)] out KeyBindingJwt? keyBinding, [NotNullWhen(false)] out VerificationError? error)
    {
        ArgumentNullException.ThrowIfNull(limits);
        keyBinding = null;
        if (!CompactJws.TryParse(token, limits.Jose, out var jws, out var jwsError))
        {
            error = new VerificationError(SdJwtErrorCodes.KeyBindingMalformed, $"The KB-JWT is malformed: {jwsError.Message}");
            return false;
        }

        var payload = jws.Payload;
        if (!payload.TryGetProperty("iat", out var iat) || iat.ValueKind != JsonValueKind.Number || !iat.TryGetInt64(out var iatSeconds))
        {
            error = Missing("iat", "an integer NumericDate");
            return false;
        }

        if (!TryGetString(payload, "aud", out var audience))
        {
            error = Missing("aud", "a single string");
            return false;
        }

        if (!TryGetString(payload, "nonce", out var nonce))
        {
            error = Missing("nonce", "a string");
            return false;
        }

        if (!TryGetString(payload, "sd_hash", out var sdHash))
        {
            error = Missing("sd_hash", "a string");
            return false;
        }

        if (iatSeconds < -62135596800 || iatSeconds > 253402300799)
        {
            error = Missing("iat", "a NumericDate within years 1–9999");
            return false;
        }

        keyBinding = new KeyBindingJwt(jws, DateTimeOffset.FromUnixTimeSeconds(iatSeconds), audience, nonce, sdHash);
        error = null;
        return true;
    }

    /// <summary>Creates and signs a KB-JWT with the holder's key (RFC 9901 §4.3).</summary>
    /// <param name="holderKey">The private key whose public half is in the credential's <c>cnf.jwk</c>.</param>
    /// <param name="audience">The verifier, e.g. the OpenID4VP <c>client_id</c>.</param>
    /// <param name="nonce">The verifier's fresh nonce.</param>
    /// <param name="issuedAt">The creation time.</param>
    /// <param name="sdHash">The <c>sd_hash</c> over the presented SD-JWT (see <see cref="SdJwt.ComputeSdHash"/>).</param>
    public static string Create(SigningKey holderKey, string audience, string nonce, DateTimeOffset issuedAt, string sdHash)
    {
        ArgumentNullException.ThrowIfNull(holderKey);
        ArgumentException.ThrowIfNullOrEmpty(audience);
        ArgumentException.ThrowIfNullOrEmpty(nonce);
        ArgumentException.ThrowIfNullOrEmpty(sdHash);
        var payload = new JsonObject
        {
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
            ["aud"] = audience,
            ["nonce"] = nonce,
            ["sd_hash"] = sdHash,
        };
        return JwsWriter.Sign(holderKey, Type, payload.ToJsonString(Disclosure.JsonOptions));
    }

    /// <summary>Creates and signs a KB-JWT that carries further claims besides the four of RFC 9901 §4.3.</summary>
    /// <param name="holderKey">The private key whose public half is in the credential's <c>cnf.jwk</c>.</param>
    /// <param name="audience">The verifier, e.g. the OpenID4VP <c>client_id</c>.</param>
    /// <param name="nonce">The verifier's fresh nonce.</param>
    /// <param name="issuedAt">The creation time.</param>
    /// <param name="sdHash">The <c>sd_hash</c> over the presented SD-JWT.</param>
    /// <param name="additionalClaims">E.g. OpenID4VP <c>transaction_data_hashes</c> (B.3.3); must not name <c>iat</c>, <c>aud</c>, <c>nonce</c> or <c>sd_hash</c>.</param>
    public static string Create(SigningKey holderKey, string audience, string nonce, DateTimeOffset issuedAt, string sdHash, System.Text.Json.Nodes.JsonObject additionalClaims)
    {
        ArgumentNullException.ThrowIfNull(holderKey);
        ArgumentException.ThrowIfNullOrEmpty(audience);
        ArgumentException.ThrowIfNullOrEmpty(nonce);
        ArgumentException.ThrowIfNullOrEmpty(sdHash);
        ArgumentNullException.ThrowIfNull(additionalClaims);
        var payload = new JsonObject
        {
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
            ["aud"] = audience,
            ["nonce"] = nonce,
            ["sd_hash"] = sdHash,
        };
        foreach (var (name, value) in additionalClaims)
        {
            if (!payload.TryAdd(name, value?.DeepClone()))
            {
                throw new ArgumentException($"The additional claim '{name}' would replace a claim of RFC 9901 §4.3.", nameof(additionalClaims));
            }
        }

        return JwsWriter.Sign(holderKey, Type, payload.ToJsonString(Disclosure.JsonOptions));
    }

    /// <inheritdoc />
    public override string ToString() => Jws.Raw;

    private static bool TryGetString(JsonElement payload, string name, [NotNullWhen(true)] out string? value)
    {
        value = payload.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        return value is not null;
    }

    private static VerificationError Missing(string claim, string shape) =>
        new(SdJwtErrorCodes.KeyBindingMalformed, $"The KB-JWT claim '{claim}' is missing or not {shape} (RFC 9901 §4.3).");
}
