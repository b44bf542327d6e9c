using System.Text.Json.Nodes;
using Wallet.Core.Claims;

namespace Wallet.Interop.Tests.SdJwt;

/// <summary>
/// The credential both sides issue and present: flat, nested (<c>address</c>), array (<c>nationalities</c>) and
/// numeric-looking member names (<c>age_equal_or_over/18</c>), non-ASCII text, the same selection in the peer's
/// frames and in our claim paths, and what a verifier must then see — written out here, not computed by either side.
/// </summary>
public static class InteropCredential
{
    public const string Vct = "urn:eudi:pid:1";

    public const string Audience = "x509_san_dns:verifier.example";

    public const string Nonce = "n-0S6_WzA2Mj";

    // Registered claims describe the credential, not the subject (draft-ietf-oauth-sd-jwt-vc §2.2.2).
    private static readonly string[] Registered = ["iss", "iat", "nbf", "exp", "vct", "cnf", "status", "_sd_alg"];

    public static JsonObject Claims() => new()
    {
        ["given_name"] = "Erika",
        ["family_name"] = "Mustermann",
        ["birthdate"] = "1964-08-12",
        ["address"] = new JsonObject
        {
            ["street_address"] = "Heidestraße 17",
            ["locality"] = "Köln",
            ["country"] = "DE",
        },
        ["nationalities"] = new JsonArray("DE", "FR"),
        ["age_equal_or_over"] = new JsonObject { ["18"] = true, ["65"] = false },
    };

    /// <summary>
    /// sd-jwt-js's disclosure frame: every claim, the address parts but <c>country</c>, both array elements and both
    /// age members selectively disclosable; decoy digests in the top-level <c>_sd</c> and in the array.
    /// </summary>
    public static JsonObject PeerDisclosureFrame() => new()
    {
        ["_sd"] = new JsonArray("given_name", "family_name", "birthdate", "address", "nationalities", "age_equal_or_over"),
        ["_sd_decoy"] = 2,
        ["address"] = new JsonObject { ["_sd"] = new JsonArray("street_address", "locality") },
        ["nationalities"] = new JsonObject { ["_sd"] = new JsonArray(0, 1), ["_sd_decoy"] = 1 },
        ["age_equal_or_over"] = new JsonObject { ["_sd"] = new JsonArray("18", "65") },
    };

    /// <summary>Our issuance paths for the same selection as <see cref="PeerDisclosureFrame"/>.</summary>
    public static IReadOnlyCollection<ClaimPath> SelectivelyDisclosable() =>
    [
        ClaimPath.Of("given_name"), ClaimPath.Of("family_name"), ClaimPath.Of("birthdate"),
        ClaimPath.Of("address"), ClaimPath.Of("address", "street_address"), ClaimPath.Of("address", "locality"),
        ClaimPath.Of("nationalities"), Element("nationalities", 0), Element("nationalities", 1),
        ClaimPath.Of("age_equal_or_over"), ClaimPath.Of("age_equal_or_over", "18"), ClaimPath.Of("age_equal_or_over", "65"),
    ];

    /// <summary>The peer's presentation frame: given name, locality, the second nationality, over 18.</summary>
    public static JsonObject PeerPresentationFrame() => new()
    {
        ["given_name"] = true,
        ["address"] = new JsonObject { ["locality"] = true },
        ["nationalities"] = new JsonObject { ["1"] = true },
        ["age_equal_or_over"] = new JsonObject { ["18"] = true },
    };

    /// <summary>Our holder's paths for the same selection as <see cref="PeerPresentationFrame"/>.</summary>
    public static IReadOnlyList<ClaimPath> Disclose() =>
    [
        ClaimPath.Of("given_name"), ClaimPath.Of("address", "locality"), Element("nationalities", 1), ClaimPath.Of("age_equal_or_over", "18"),
    ];

    /// <summary>
    /// What a verifier sees of the subject: the chosen claims, the always disclosed <c>address.country</c>, and the
    /// array without its undisclosed element (RFC 9901 §7.1 step 3.c.ii removes it; indices shift).
    /// </summary>
    public static JsonObject ExpectedDisclosedClaims() => new()
    {
        ["given_name"] = "Erika",
        ["address"] = new JsonObject { ["locality"] = "Köln", ["country"] = "DE" },
        ["nationalities"] = new JsonArray("FR"),
        ["age_equal_or_over"] = new JsonObject { ["18"] = true },
    };

    /// <summary>The registered claims of a peer-issued credential and <paramref name="claims"/> (the peer adds <c>cnf</c>).</summary>
    public static JsonObject PeerPayload(DateTimeOffset issuedAt, JsonObject claims)
    {
        var payload = new JsonObject
        {
            ["iss"] = "https://peer-issuer.example",
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
            ["exp"] = issuedAt.AddDays(30).ToUnixTimeSeconds(),
            ["vct"] = Vct,
        };
        foreach (var (name, value) in claims)
        {
            payload[name] = value?.DeepClone();
        }

        return payload;
    }

    /// <summary>The subject's claims of a processed payload, key order ignored by the comparisons that use it.</summary>
    public static JsonObject SubjectClaims(JsonObject processed)
    {
        var subject = (JsonObject)processed.DeepClone();
        foreach (var name in Registered)
        {
            subject.Remove(name);
        }

        return subject;
    }

    private static ClaimPath Element(string name, int index) =>
        new([ClaimPathSegment.Member(name), ClaimPathSegment.Element(index)]);
}
