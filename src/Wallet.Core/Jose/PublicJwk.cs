using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wallet.Core.Json;

namespace Wallet.Core.Jose;

/// <summary>
/// An elliptic-curve public key as a JSON Web Key (RFC 7517, RFC 7518 §6.2), immutable.
/// Private members are refused on parse, so a value of this type is always safe to publish.
/// </summary>
public sealed class PublicJwk
{
    private static readonly string[] PrivateMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

    private readonly Lock _verifyLock = new();
    private ECDsa? _verificationKey;

    private PublicJwk(JwsAlgorithm algorithm, byte[] x, byte[] y, string? keyId)
    {
        Algorithm = algorithm;
        X = x;
        Y = y;
        KeyId = keyId;
    }

    /// <summary>The signature algorithm implied by the curve (ES256 for P-256, …).</summary>
    public JwsAlgorithm Algorithm { get; }

    /// <summary>The JWK <c>crv</c> value.</summary>
    public string Curve => Algorithm.CurveName;

    /// <summary>The x coordinate.</summary>
    public ReadOnlyMemory<byte> X { get; }

    /// <summary>The y coordinate.</summary>
    public ReadOnlyMemory<byte> Y { get; }

    /// <summary>The optional <c>kid</c>.</summary>
    public string? KeyId { get; }

    /// <summary>Creates a JWK from the public part of an ECDSA key on P-256, P-384 or P-521.</summary>
    public static PublicJwk FromECDsa(ECDsa key, string? keyId = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parameters = key.ExportParameters(includePrivateParameters: false);
        var algorithm = JwsAlgorithm.All.FirstOrDefault(a => a.CoordinateSize == parameters.Q.X!.Length && a.Curve.Oid.Value == parameters.Curve.Oid.Value)
            ?? throw new ArgumentException("Only P-256, P-384 and P-521 keys are supported.", nameof(key));
        return new PublicJwk(algorithm, parameters.Q.X!, parameters.Q.Y!, keyId);
    }

    /// <summary>
    /// Creates a JWK that takes ownership of <paramref name="key"/> and uses it for <see cref="VerifySignature"/>, so a key
    /// just imported (for example from a certificate) is not imported a second time. The caller must not dispose it.
    /// </summary>
    internal static PublicJwk FromOwnedECDsa(ECDsa key)
    {
        var jwk = FromECDsa(key);
        jwk._verificationKey = key;
        return jwk;
    }

    /// <summary>Parses a JWK from its JSON text.</summary>
    public static bool TryParse(string json, [NotNullWhen(true)] out PublicJwk? jwk, [NotNullWhen(false)] out VerificationError? error)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (!StrictJson.TryParseElement(json, 4, allowDuplicateProperties: false, out var element, out var jsonError))
        {
            jwk = null;
            error = StrictJson.Failure(jsonError, JoseErrorCodes.InvalidJwk, "The JWK is not valid JSON.");
            return false;
        }

        return TryParse(element, out jwk, out error);
    }

    /// <summary>
    /// Parses a JWK. Accepts only <c>kty</c> <c>EC</c> on P-256, P-384 or P-521, with the point on the curve,
    /// and rejects any private member.
    /// </summary>
    public static bool TryParse(JsonElement element, [NotNullWhen(true)] out PublicJwk? jwk, [NotNullWhen(false)] out VerificationError? error)
    {
        jwk = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = Invalid("the JWK is not a JSON object");
            return false;
        }

        foreach (var member in PrivateMembers)
        {
            if (element.TryGetProperty(member, out _))
            {
                error = new VerificationError(JoseErrorCodes.PrivateKeyInJwk, $"The JWK carries the private member '{member}'; only public keys are accepted.");
                return false;
            }
        }

        var kty = GetString(element, "kty");
        if (kty != "EC")
        {
            error = Invalid(kty is null ? "'kty' is missing" : $"'kty' '{kty}' is not supported; only 'EC' is");
            return false;
        }

        var crv = GetString(element, "crv");
        if (!JwsAlgorithm.TryFromCurveName(crv, out var algorithm))
        {
            error = Invalid(crv is null ? "'crv' is missing" : $"'crv' '{crv}' is not supported");
            return false;
        }

        if (!TryGetCoordinate(element, "x", algorithm.CoordinateSize, out var x, out error)
            || !TryGetCoordinate(element, "y", algorithm.CoordinateSize, out var y, out error))
        {
            return false;
        }

        return TryFromCoordinates(algorithm, x, y, GetString(element, "kid"), out jwk, out error);
    }

    /// <summary>
    /// A key from coordinates already read from another encoding (a COSE_Key), with the same point validation as
    /// <see cref="TryParse(JsonElement, out PublicJwk?, out VerificationError?)"/>.
    /// </summary>
    internal static bool TryFromCoordinates(JwsAlgorithm algorithm, byte[] x, byte[] y, string? keyId, [NotNullWhen(true)] out PublicJwk? jwk, [NotNullWhen(false)] out VerificationError? error)
    {
        jwk = null;
        var candidate = new PublicJwk(algorithm, x, y, keyId);
        try
        {
            // Importing validates that the point lies on the curve (invalid-curve attacks); the imported key is
            // kept for verification, because the import costs about as much as a signature check.
            candidate._verificationKey = candidate.ToECDsa();
        }
        catch (CryptographicException)
        {
            error = Invalid("the point (x, y) is not on the curve");
            return false;
        }

        jwk = candidate;
        error = null;
        return true;
    }

    /// <summary>Creates a new <see cref="ECDsa"/> instance holding this public key. The caller disposes it.</summary>
    public ECDsa ToECDsa()
    {
        var parameters = new ECParameters
        {
            Curve = Algorithm.Curve,
            Q = new ECPoint { X = X.ToArray(), Y = Y.ToArray() },
        };
        return ECDsa.Create(parameters);
    }

    /// <summary>
    /// Verifies an r ‖ s signature over <paramref name="data"/> with this key, reusing one imported key instance
    /// for every call.
    /// </summary>
    public bool VerifySignature(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        lock (_verifyLock)
        {
            _verificationKey ??= ToECDsa();
            return _verificationKey.VerifyData(data, signature, Algorithm.HashAlgorithm, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
    }

    /// <summary>
    /// Frees the key imported for <see cref="VerifySignature"/> now rather than at finalization: a per-presentation key
    /// (holder, device, DPoP, key-proof, ECDH-ES ephemeral) is used for one verification, and OpenSSL 3 freeing its
    /// <c>EVP_PKEY</c> on the finalizer thread cost as much CPU as the verification itself (specs/performance.md). The
    /// JWK stays usable: its data is unchanged and a later <see cref="VerifySignature"/> imports the key again.
    /// </summary>
    internal void ReleaseImportedKey()
    {
        lock (_verifyLock)
        {
            _verificationKey?.Dispose();
            _verificationKey = null;
        }
    }

    /// <summary>Whether an imported key is held for <see cref="VerifySignature"/> (tests of <see cref="ReleaseImportedKey"/>).</summary>
    internal bool HoldsImportedKey
    {
        get
        {
            lock (_verifyLock)
            {
                return _verificationKey is not null;
            }
        }
    }

    /// <summary>The JWK as a JSON object with <c>kty</c>, <c>crv</c>, <c>x</c>, <c>y</c> (and <c>kid</c> when set).</summary>
    public JsonObject ToJsonObject()
    {
        var json = new JsonObject
        {
            ["kty"] = "EC",
            ["crv"] = Curve,
            ["x"] = Base64UrlStrict.Encode(X.Span),
            ["y"] = Base64UrlStrict.Encode(Y.Span),
        };
        if (KeyId is not null)
        {
            json["kid"] = KeyId;
        }

        return json;
    }

    /// <summary>The JWK as compact JSON text.</summary>
    public string ToJson() => ToJsonObject().ToJsonString();

    /// <summary>The RFC 7638 JWK SHA-256 thumbprint, as raw bytes.</summary>
    public byte[] ComputeThumbprint()
    {
        // RFC 7638 §3.2: required members only, lexicographic order, no whitespace.
        var canonical = $"{{\"crv\":\"{Curve}\",\"kty\":\"EC\",\"x\":\"{Base64UrlStrict.Encode(X.Span)}\",\"y\":\"{Base64UrlStrict.Encode(Y.Span)}\"}}";
        return SHA256.HashData(Encoding.UTF8.GetBytes(canonical));
    }

    /// <summary>The RFC 7638 JWK SHA-256 thumbprint, base64url-encoded (as used in <c>cnf.jkt</c> and DPoP).</summary>
    public string ComputeThumbprintBase64Url() => Base64UrlStrict.Encode(ComputeThumbprint());

    /// <summary>True when both keys are the same public key (curve and point), ignoring <c>kid</c>.</summary>
    public bool HasSameKey(PublicJwk other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Algorithm.Equals(other.Algorithm)
            && CryptographicOperations.FixedTimeEquals(X.Span, other.X.Span)
            && CryptographicOperations.FixedTimeEquals(Y.Span, other.Y.Span);
    }

    private static bool TryGetCoordinate(JsonElement element, string name, int size, out byte[] value, [NotNullWhen(false)] out VerificationError? error)
    {
        value = [];
        var text = GetString(element, name);
        if (text is null || !Base64UrlStrict.TryDecode(text, out value) || value.Length != size)
        {
            error = Invalid($"'{name}' must be the base64url encoding of exactly {size} bytes");
            return false;
        }

        error = null;
        return true;
    }

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static VerificationError Invalid(string reason) => new(JoseErrorCodes.InvalidJwk, $"Invalid JWK: {reason}.");
}
