namespace Wallet.Core.SdJwtVc;

/// <summary>Registered names and rules of SD-JWT VC (draft-ietf-oauth-sd-jwt-vc-18).</summary>
public static class SdJwtVcClaims
{
    /// <summary>The <c>typ</c> of an SD-JWT VC (§2.2.1).</summary>
    public const string Type = "dc+sd-jwt";

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
}
