using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wallet.Core.Json;

namespace Wallet.Core.OpenId4Vp;

/// <summary>
/// The <c>vp_token</c> of OpenID4VP 1.0 §8.1: a JSON object whose keys are DCQL Credential Query ids and whose values
/// are non-empty arrays of presentations. This library handles the string presentations of <c>dc+sd-jwt</c> (an
/// SD-JWT+KB) and <c>mso_mdoc</c> (a base64url DeviceResponse).
/// </summary>
public sealed class VpToken
{
    private VpToken(IReadOnlyDictionary<string, IReadOnlyList<string>> presentations) => Presentations = presentations;

    /// <summary>The presentations per Credential Query id, in the order received.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Presentations { get; }

    /// <summary>Creates a <c>vp_token</c> (Wallet side).</summary>
    /// <exception cref="ArgumentException">A key is empty or an entry holds no presentation.</exception>
    public static VpToken Create(IReadOnlyDictionary<string, IReadOnlyList<string>> presentations)
    {
        ArgumentNullException.ThrowIfNull(presentations);
        var copy = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (id, values) in presentations)
        {
            ArgumentException.ThrowIfNullOrEmpty(id, nameof(presentations));
            if (values is null || values.Count == 0 || values.Any(string.IsNullOrEmpty))
            {
                throw new ArgumentException($"The entry '{id}' must hold at least one non-empty presentation (OpenID4VP 1.0 §8.1).", nameof(presentations));
            }

            copy[id] = values.ToArray();
        }

        return new VpToken(copy);
    }

    /// <summary>The JSON object.</summary>
    public JsonObject ToJsonObject()
    {
        var json = new JsonObject();
        foreach (var (id, values) in Presentations)
        {
            json[id] = new JsonArray(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
        }

        return json;
    }

    /// <summary>Parses within <see cref="OpenId4VpLimits.Default"/>; the overload that takes <c>limits</c> describes the checks.</summary>
    public static bool TryParse(string json, [NotNullWhen(true)] out VpToken? vpToken, [NotNullWhen(false)] out VerificationError? error)
        => TryParse(json, OpenId4VpLimits.Default, out vpToken, out error);

    /// <summary>Parses a <c>vp_token</c> given as JSON text (the <c>direct_post</c> form parameter).</summary>
    public static bool TryParse(string json, OpenId4VpLimits limits, [NotNullWhen(true)] out VpToken? vpToken, [NotNullWhen(false)] out VerificationError? error)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(limits);
        vpToken = null;
        if (json.Length > limits.MaxResponseLength)
        {
            error = new(OpenId4VpErrorCodes.ResponseTooLarge, $"The vp_token is {json.Length} characters long; the limit is {limits.MaxResponseLength}.");
            return false;
        }

        if (!StrictJson.TryParseElement(json, limits.MaxDepth, allowDuplicateProperties: false, out var element, out var jsonError))
        {
            error = StrictJson.Failure(jsonError, OpenId4VpErrorCodes.VpTokenMalformed, "The vp_token is not well-formed JSON without duplicate members (OpenID4VP 1.0 §8.1).");
            return false;
        }

        return TryParse(element, limits, out vpToken, out error);
    }

    /// <summary>Parses within <see cref="OpenId4VpLimits.Default"/>; the overload that takes <c>limits</c> describes the checks.</summary>
    public static bool TryParse(JsonElement json, [NotNullWhen(true)] out VpToken? vpToken, [NotNullWhen(false)] out VerificationError? error)
        => TryParse(json, OpenId4VpLimits.Default, out vpToken, out error);

    /// <summary>
    /// Parses a <c>vp_token</c> (Verifier side): an object of at most <see cref="OpenId4VpLimits.MaxVpTokenEntries"/>
    /// ids, each with 1 to <see cref="OpenId4VpLimits.MaxPresentationsPerEntry"/> non-empty string presentations.
    /// </summary>
    public static bool TryParse(JsonElement json, OpenId4VpLimits limits, [NotNullWhen(true)] out VpToken? vpToken, [NotNullWhen(false)] out VerificationError? error)
    {
        ArgumentNullException.ThrowIfNull(limits);
        vpToken = null;
        if (json.ValueKind != JsonValueKind.Object)
        {
            error = Malformed("the vp_token is not a JSON object keyed by Credential Query id (the pre-1.0 array and string shapes are not accepted)");
            return false;
        }

        var presentations = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var entry in json.EnumerateObject())
        {
            if (presentations.Count >= limits.MaxVpTokenEntries)
            {
                error = new(OpenId4VpErrorCodes.VpTokenTooLarge, $"The vp_token has more than {limits.MaxVpTokenEntries} entries.");
                return false;
            }

            if (entry.Name.Length == 0 || entry.Value.ValueKind != JsonValueKind.Array || entry.Value.GetArrayLength() == 0)
            {
                error = Malformed($"entry #{presentations.Count} is not a non-empty array of presentations");
                return false;
            }

            if (entry.Value.GetArrayLength() > limits.MaxPresentationsPerEntry)
            {
                error = new(OpenId4VpErrorCodes.VpTokenTooLarge, $"entry #{presentations.Count} of the vp_token holds more than {limits.MaxPresentationsPerEntry} presentations.");
                return false;
            }

            var values = new List<string>();
            foreach (var item in entry.Value.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String || item.GetString()!.Length == 0)
                {
                    error = Malformed($"entry #{presentations.Count} holds a presentation that is not a non-empty string (dc+sd-jwt and mso_mdoc presentations are strings)");
                    return false;
                }

                values.Add(item.GetString()!);
            }

            presentations[entry.Name] = values;
        }

        if (presentations.Count == 0)
        {
            error = Malformed("the vp_token is an empty object");
            return false;
        }

        vpToken = new VpToken(presentations);
        error = null;
        return true;
    }

    private static VerificationError Malformed(string reason) => new(OpenId4VpErrorCodes.VpTokenMalformed, $"Malformed vp_token: {reason} (OpenID4VP 1.0 §8.1).");
}
