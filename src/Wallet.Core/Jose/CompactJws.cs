using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Wallet.Core.Json;

namespace Wallet.Core.Jose;

/// <summary>
/// A JWS in compact serialization (RFC 7515 §7.1), parsed but not yet verified. The exact received
/// segments are kept: the signature is checked over them, never over a re-encoding.
/// </summary>
public sealed class CompactJws
{
    private CompactJws(string raw, int firstDot, int secondDot, JsonElement header, JsonElement payload, byte[] payloadBytes, byte[] signature)
    {
        Raw = raw;
        FirstDot = firstDot;
        SecondDot = secondDot;
        Header = header;
        Payload = payload;
        PayloadBytes = payloadBytes;
        Signature = signature;
    }

    /// <summary>The token exactly as received.</summary>
    public string Raw { get; }

    /// <summary>The decoded protected header.</summary>
    public JsonElement Header { get; }

    /// <summary>The decoded payload, which this type requires to be a JSON object.</summary>
    public JsonElement Payload { get; }

    /// <summary>The payload bytes exactly as signed.</summary>
    public ReadOnlyMemory<byte> PayloadBytes { get; }

    /// <summary>The raw signature (for ECDSA: r ‖ s).</summary>
    public ReadOnlyMemory<byte> Signature { get; }

    /// <summary>The <c>alg</c> header, if it is a string.</summary>
    public string? Algorithm => GetHeaderString("alg");

    /// <summary>The <c>typ</c> header, if it is a string.</summary>
    public string? Type => GetHeaderString("typ");

    /// <summary>The <c>kid</c> header, if it is a string.</summary>
    public string? KeyId => GetHeaderString("kid");

    private int FirstDot { get; }

    private int SecondDot { get; }

    /// <summary>The JWS signing input <c>BASE64URL(header) '.' BASE64URL(payload)</c> as received.</summary>
    public ReadOnlySpan<char> SigningInput => Raw.AsSpan(0, SecondDot);

    /// <summary>Reads a string member of the protected header.</summary>
    public string? GetHeaderString(string name) =>
        Header.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Parses within <see cref="JoseLimits.Default"/>; the overload that takes <c>limits</c> describes the checks.</summary>
    public static bool TryParse(string token, [NotNullWhen(true)] out CompactJws? jws, [NotNullWhen(false)] out VerificationError? error)
        => TryParse(token, JoseLimits.Default, out jws, out error);

    /// <summary>
    /// Parses a compact JWS whose header and payload are JSON objects, within <paramref name="limits"/>.
    /// Never throws for malformed input.
    /// </summary>
    public static bool TryParse(string token, JoseLimits limits, [NotNullWhen(true)] out CompactJws? jws, [NotNullWhen(false)] out VerificationError? error)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(limits);
        jws = null;
        if (token.Length > limits.MaxTokenLength)
        {
            error = new VerificationError(JoseErrorCodes.TooLarge, $"The JWS is {token.Length} characters long; the limit is {limits.MaxTokenLength}.");
            return false;
        }

        var first = token.IndexOf('.', StringComparison.Ordinal);
        var second = first < 0 ? -1 : token.IndexOf('.', first + 1);
        if (first <= 0 || second < 0 || token.IndexOf('.', second + 1) >= 0 || second == token.Length - 1)
        {
            error = new VerificationError(JoseErrorCodes.Malformed, "A compact JWS must be three non-empty base64url segments separated by '.'.");
            return false;
        }

        if (!Base64UrlStrict.TryDecode(token.AsSpan(0, first), out var headerBytes)
            || !Base64UrlStrict.TryDecode(token.AsSpan(first + 1, second - first - 1), out var payloadBytes)
            || !Base64UrlStrict.TryDecode(token.AsSpan(second + 1), out var signature))
        {
            error = new VerificationError(JoseErrorCodes.Malformed, "A JWS segment is not unpadded base64url (RFC 7515 §2).");
            return false;
        }

        if (!TryParseObject(headerBytes, limits, JoseErrorCodes.InvalidHeader, "The JWS protected header is not a JSON object.", out var header, out error)
            || !TryParseObject(payloadBytes, limits, JoseErrorCodes.InvalidPayload, $"The JWS payload is not a JSON object within {limits.MaxDepth} levels of nesting.", out var payload, out error))
        {
            return false;
        }

        jws = new CompactJws(token, first, second, header, payload, payloadBytes, signature);
        error = null;
        return true;
    }

    /// <summary>
    /// Checks the header against the algorithm policy and the pinned <c>typ</c>, then verifies the
    /// signature with <paramref name="key"/>. Returns every failed check.
    /// </summary>
    /// <param name="key">The key the token must be signed with.</param>
    /// <param name="policy">Accepted algorithms.</param>
    /// <param name="expectedTypes">Accepted <c>typ</c> values (compared case-insensitively per RFC 7515 §4.1.9); empty means not checked here.</param>
    public IReadOnlyList<VerificationError> Verify(PublicJwk key, JwsAlgorithmPolicy policy, IReadOnlyCollection<string> expectedTypes)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(expectedTypes);
        var errors = new List<VerificationError>();
        if (expectedTypes.Count > 0 && !HasType(expectedTypes))
        {
            errors.Add(new VerificationError(JoseErrorCodes.TypeMismatch, $"The 'typ' header is '{Type ?? "(missing)"}'; expected {string.Join(" or ", expectedTypes.Select(t => $"'{t}'"))}."));
        }

        if (!policy.TryResolve(Algorithm, out var algorithm, out var algError))
        {
            errors.Add(algError!);
            return errors;
        }

        if (!algorithm!.Equals(key.Algorithm))
        {
            errors.Add(new VerificationError(JoseErrorCodes.KeyAlgorithmMismatch, $"The token is signed with {algorithm} but the key is on curve {key.Curve}."));
            return errors;
        }

        if (!VerifySignature(key))
        {
            errors.Add(new VerificationError(JoseErrorCodes.SignatureInvalid, $"The {algorithm} signature does not verify with the expected key."));
        }

        return errors;
    }

    /// <summary>Verifies only the signature, with a key already resolved and checked against the header by the caller.</summary>
    public bool VerifySignature(PublicJwk key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return VerifySignature(key.Algorithm, (data, signature) => key.VerifySignature(data, signature));
    }

    /// <summary>Verifies only the signature with an <see cref="ECDsa"/> key the caller resolved (for example from a certificate).</summary>
    public bool VerifySignature(ECDsa key, JwsAlgorithm algorithm)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(algorithm);
        return VerifySignature(algorithm, (data, signature) => key.VerifyData(data, signature, algorithm.HashAlgorithm, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    private bool VerifySignature(JwsAlgorithm algorithm, SignatureCheck check)
    {
        if (Signature.Length != 2 * algorithm.CoordinateSize)
        {
            return false;
        }

        var input = SigningInput;
        var buffer = input.Length <= 4096 ? stackalloc byte[input.Length] : new byte[input.Length];
        var length = Encoding.ASCII.GetBytes(input, buffer);
        return check(buffer[..length], Signature.Span);
    }

    private delegate bool SignatureCheck(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature);

    /// <summary>True when the <c>typ</c> header equals one of <paramref name="types"/>, ignoring case (RFC 7515 §4.1.9).</summary>
    public bool HasType(IEnumerable<string> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        var typ = Type;
        return typ is not null && types.Any(t => string.Equals(t, typ, StringComparison.OrdinalIgnoreCase));
    }

    private static bool TryParseObject(byte[] json, JoseLimits limits, string code, string message, out JsonElement element, [NotNullWhen(false)] out VerificationError? error)
    {
        if (!StrictJson.TryParseElement(json, limits.MaxDepth, allowDuplicateProperties: false, out element, out var jsonError))
        {
            error = StrictJson.Failure(jsonError, code, message);
            return false;
        }

        error = element.ValueKind == JsonValueKind.Object ? null : new VerificationError(code, message);
        return error is null;
    }
}
