using System.Text.Json.Nodes;

namespace Wallet.Verifier.Validation;

/// <summary>One verified credential as reported to the relying party: only what was disclosed and verified.</summary>
/// <param name="Format"><c>dc+sd-jwt</c> or <c>mso_mdoc</c>.</param>
/// <param name="Issuer">The SD-JWT VC <c>iss</c>, or the mdoc document signer's subject.</param>
/// <param name="LevelOfAssurance">The level of assurance of the trust anchor the issuer chains to, when tagged.</param>
/// <param name="Claims">The disclosed claims about the person (SD-JWT VC: the processed payload without its technical claims such as <c>iss</c>, <c>exp</c>, <c>cnf</c>, <c>status</c>, <c>vct</c>; mdoc: <c>{ namespace: { element: value } }</c>).</param>
/// <param name="Status"><c>valid</c>, <c>revoked</c>, <c>suspended</c> or <c>unchecked</c> (no status reference).</param>
/// <param name="HolderBinding">True only when a proof of possession (KB-JWT, deviceSignature) was verified.</param>
/// <param name="Vct">The SD-JWT VC type.</param>
/// <param name="Doctype">The mdoc document type.</param>
public sealed record VerifiedCredential(string Format, string? Issuer, string? LevelOfAssurance, JsonObject Claims, string Status, bool HolderBinding, string? Vct = null, string? Doctype = null)
{
    /// <summary>The trust anchor that certified <see cref="LevelOfAssurance"/>: its configured name or subject.</summary>
    public string? TrustAnchor { get; init; }

    /// <summary>The <c>transaction_data</c> objects (decoded) this credential's KB-JWT authorized by their hashes (OpenID4VP 1.0 B.3.3); null when none.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<JsonObject>? TransactionData { get; init; }
}
