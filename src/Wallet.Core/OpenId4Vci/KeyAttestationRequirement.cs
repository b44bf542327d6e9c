using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wallet.Core.OpenId4Vci;

/// <summary>
/// The <c>key_attestations_required</c> object of a proof type in <c>proof_types_supported</c> (OpenID4VCI 1.0
/// §12.2.4): a key attestation (Appendix D) must accompany the proofs, and when a list is given, the attestation must
/// state at least one of its values for <c>key_storage</c> or <c>user_authentication</c>. Both lists empty means any key
/// attestation is accepted.
/// </summary>
public sealed record KeyAttestationRequirement
{
    /// <summary>The accepted <c>key_storage</c> values (<see cref="AttackPotentialResistance"/>); empty for no constraint.</summary>
    public IReadOnlyList<string> KeyStorage { get; init; } = [];

    /// <summary>The accepted <c>user_authentication</c> values (<see cref="AttackPotentialResistance"/>); empty for no constraint.</summary>
    public IReadOnlyList<string> UserAuthentication { get; init; } = [];

    /// <summary>The metadata object; lists that are empty are left out, since §12.2.4 wants them non-empty when present.</summary>
    public JsonObject ToJsonObject()
    {
        var json = new JsonObject();
        if (KeyStorage.Count > 0)
        {
            json["key_storage"] = new JsonArray(KeyStorage.Select(v => (JsonNode)v).ToArray());
        }

        if (UserAuthentication.Count > 0)
        {
            json["user_authentication"] = new JsonArray(UserAuthentication.Select(v => (JsonNode)v).ToArray());
        }

        return json;
    }

    /// <summary>Reads the metadata object; members that are not arrays of strings are ignored, as a Wallet ignores what it cannot use.</summary>
    public static KeyAttestationRequirement? FromJson(JsonElement element) => element.ValueKind != JsonValueKind.Object
        ? null
        : new KeyAttestationRequirement { KeyStorage = Strings(element, "key_storage"), UserAuthentication = Strings(element, "user_authentication") };

    private static string[] Strings(JsonElement element, string name) =>
        element.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? [.. array.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]
            : [];
}
