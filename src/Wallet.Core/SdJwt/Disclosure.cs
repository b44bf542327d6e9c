using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wallet.Core.Jose;
using Wallet.Core.Json;
using Wallet.Core.Security;

namespace Wallet.Core.SdJwt;

/// <summary>
/// A Disclosure (RFC 9901 §4.2): the salt, claim name (absent for an array element) and value of one
/// selectively disclosable claim. The encoded form is kept exactly, because the digest is computed over it
/// and JSON has no canonical encoding (§4.2.1).
/// </summary>
public sealed class Disclosure
{
    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        // Keep non-ASCII characters as UTF-8: any JSON encoding is valid, this one is the shortest.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // System.Text.Json's default depth, the limit our own Disclosures were always read back with.
    private const int JsonDepthOfOwnOutput = 64;

    private Disclosure(string encoded, string salt, string? claimName, JsonElement value)
    {
        Encoded = encoded;
        Salt = salt;
        ClaimName = claimName;
        Value = value;
    }

    /// <summary>The base64url Disclosure exactly as created or received.</summary>
    public string Encoded { get; }

    /// <summary>The salt.</summary>
    public string Salt { get; }

    /// <summary>The claim name of an object-property Disclosure; null for an array-element Disclosure.</summary>
    public string? ClaimName { get; }

    /// <summary>True for an array-element Disclosure (<c>[salt, value]</c>, RFC 9901 §4.2.2).</summary>
    public bool IsArrayElement => ClaimName is null;

    /// <summary>The claim value.</summary>
    public JsonElement Value { get; }

    /// <summary>Creates an object-property Disclosure with a fresh 128-bit salt (RFC 9901 §4.2.1, §9.3).</summary>
    public static Disclosure ForProperty(string claimName, JsonNode? value, string? salt = null)
    {
        ArgumentNullException.ThrowIfNull(claimName);
        if (claimName is "_sd" or "...")
        {
            throw new ArgumentException($"'{claimName}' cannot be a disclosed claim name (RFC 9901 §4.2.1).", nameof(claimName));
        }

        return Create(salt ?? NewSalt(), claimName, value);
    }

    /// <summary>Creates an array-element Disclosure with a fresh 128-bit salt (RFC 9901 §4.2.2).</summary>
    public static Disclosure ForArrayElement(JsonNode? value, string? salt = null) => Create(salt ?? NewSalt(), null, value);

    /// <summary>Parses within <see cref="SdJwtLimits.Default"/>; the overload that takes <c>limits</c> describes the checks.</summary>
    public static bool TryParse(string encoded, [NotNullWhen(true)] out Disclosure? disclosure, [NotNullWhen(false)] out VerificationError? error)
        => TryParse(encoded, SdJwtLimits.Default, out disclosure, out error);

    /// <summary>Parses an encoded Disclosure. Never throws for malformed input.</summary>
    public static bool TryParse(string encoded, SdJwtLimits limits, [NotNullWhen(true)] out Disclosure? disclosure, [NotNullWhen(false)] out VerificationError? error)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        ArgumentNullException.ThrowIfNull(limits);
        disclosure = null;
        if (encoded.Length > limits.MaxDisclosureLength)
        {
            error = new VerificationError(SdJwtErrorCodes.TooLarge, $"A Disclosure is {encoded.Length} characters long; the limit is {limits.MaxDisclosureLength}.");
            return false;
        }

        if (!Base64UrlStrict.TryDecode(encoded, out var bytes))
        {
            error = Malformed("it is not unpadded base64url (RFC 9901 §4)");
            return false;
        }

        if (!StrictJson.TryParseElement(bytes, limits.MaxDepth, allowDuplicateProperties: true, out var root, out var jsonError))
        {
            error = StrictJson.Failure(jsonError, SdJwtErrorCodes.DisclosureMalformed, $"Malformed Disclosure: it is not UTF-8 JSON within {limits.MaxDepth} levels of nesting.");
            return false;
        }

        if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() is not (2 or 3))
        {
            error = Malformed("it must be a JSON array of 2 (array element) or 3 (object property) elements");
            return false;
        }

        var salt = root[0];
        if (salt.ValueKind != JsonValueKind.String)
        {
            error = Malformed("the salt must be a JSON string (RFC 9901 §4.2.1)");
            return false;
        }

        string? name = null;
        if (root.GetArrayLength() == 3)
        {
            if (root[1].ValueKind != JsonValueKind.String)
            {
                error = Malformed("the claim name must be a JSON string (RFC 9901 §4.2.1)");
                return false;
            }

            name = root[1].GetString()!;
            if (name is "_sd" or "...")
            {
                error = new VerificationError(SdJwtErrorCodes.DisclosureReservedName, $"A Disclosure names the reserved claim '{name}' (RFC 9901 §7.1 3.c.ii.2).");
                return false;
            }
        }

        disclosure = new Disclosure(encoded, salt.GetString()!, name, root[root.GetArrayLength() - 1]);
        error = null;
        return true;
    }

    /// <summary>The digest of this Disclosure with <paramref name="algorithm"/> (RFC 9901 §4.2.3).</summary>
    public string ComputeDigest(SdHashAlgorithm algorithm)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        return algorithm.ComputeDigest(Encoded);
    }

    /// <summary>A fresh salt: 128 bits from a CSPRNG, base64url (RFC 9901 §4.2.1, §9.3).</summary>
    public static string NewSalt() => RandomHandle.Create(16);

    /// <inheritdoc />
    public override string ToString() => Encoded;

    private static Disclosure Create(string salt, string? claimName, JsonNode? value)
    {
        var array = new JsonArray { (JsonNode)salt };
        if (claimName is not null)
        {
            array.Add((JsonNode)claimName);
        }

        array.Add(value?.DeepClone());
        var json = array.ToJsonString(JsonOptions);
        var encoded = Base64UrlStrict.Encode(Encoding.UTF8.GetBytes(json));
        // Our own output; a failure here is a bug (a lone surrogate in a claim value), not hostile input.
        if (!StrictJson.TryParseElement(json, JsonDepthOfOwnOutput, allowDuplicateProperties: true, out var root, out var error))
        {
            throw new ArgumentException($"The Disclosure value cannot be encoded as JSON: {error}", nameof(value));
        }

        return new Disclosure(encoded, salt, claimName, root[array.Count - 1]);
    }

    private static VerificationError Malformed(string reason) => new(SdJwtErrorCodes.DisclosureMalformed, $"Malformed Disclosure: {reason}.");
}
