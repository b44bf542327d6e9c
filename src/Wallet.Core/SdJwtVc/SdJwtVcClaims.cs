using System.Text.Json.Nodes;

namespace Wallet.Core.SdJwtVc;

/// <summary>Registered names and rules of SD-JWT VC (draft-ietf-oauth-sd-jwt-vc-18).</summary>
public static class SdJwtVcClaims
{
    /// <summary>The <c>typ</c> of an SD-JWT VC (§2.2.1).</summary>
    public const string Type = "dc+sd-jwt";

    /// <summary>The OpenID4VP Credential Format Identifier of an SD-JWT VC.</summary>
    public const string Format = "dc+sd-jwt";

    /// <summary>The former <c>typ</c>, still accepted on input during the transition (§2.2.1).</summary>
    public const string LegacyType = "vc+sd-jwt";

    /// <summary>The types a verifier accepts.</summary>
    public static IReadOnlyList<string> AcceptedTypes { get; } = [Type, LegacyType];

    /// <summary>
    /// Claims that must never be selectively disclosable (§2.2.2.3), together with everything inside them
    /// (as the -19 editor's copy makes explicit).
    /// </summary>
    public static IReadOnlySet<string> NeverSelectivelyDisclosable { get; } =
        new HashSet<string>(["iss", "nbf", "exp", "cnf", "vct", "vct#integrity", "aka_vcts", "status"], StringComparer.Ordinal);

    /// <summary>
    /// The claims that describe the credential rather than the person: the registered JWT claims (RFC 7519 §4.1) and
    /// those of SD-JWT VC (§2.2.2), plus the SD-JWT digest machinery (RFC 9901 §4.2.4). Everything else is about the person.
    /// </summary>
    public static IReadOnlySet<string> TechnicalClaims { get; } =
        new HashSet<string>(["iss", "sub", "aud", "iat", "nbf", "exp", "jti", "cnf", "vct", "vct#integrity", "aka_vcts", "status", "_sd", "_sd_alg"], StringComparer.Ordinal);

    /// <summary>A copy of <paramref name="payload"/> without the <see cref="TechnicalClaims"/>.</summary>
    internal static JsonObject PersonClaims(JsonObject payload) => Copy(payload, technical: false);

    /// <summary>A copy of the <see cref="TechnicalClaims"/> present in <paramref name="payload"/>.</summary>
    internal static JsonObject TechnicalClaimsOf(JsonObject payload) => Copy(payload, technical: true);

    private static JsonObject Copy(JsonObject payload, bool technical)
    {
        var copy = new JsonObject();
        foreach (var (name, value) in payload)
        {
            if (TechnicalClaims.Contains(name) == technical)
            {
                copy[name] = value?.DeepClone();
            }
        }

        return copy;
    }
}
