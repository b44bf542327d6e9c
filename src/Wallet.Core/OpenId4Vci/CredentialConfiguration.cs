using System.Text.Json.Nodes;
using Wallet.Core.Jose;

namespace Wallet.Core.OpenId4Vci;

/// <summary>
/// One entry of <c>credential_configurations_supported</c> (OpenID4VCI 1.0 §12.2.4, Appendix A.2 / A.3): the format,
/// type, scope, algorithms, key binding and display of a Credential an issuer offers.
/// </summary>
public sealed record CredentialConfiguration
{
    /// <summary>The Credential Format Identifier (<see cref="CredentialFormats"/>).</summary>
    public required string Format { get; init; }

    /// <summary>The OAuth scope that requests this Credential; HAIP 1.0 §4.1 requires one per configuration.</summary>
    public string? Scope { get; init; }

    /// <summary>The SD-JWT VC type, for <c>dc+sd-jwt</c>.</summary>
    public string? Vct { get; init; }

    /// <summary>The mdoc document type, for <c>mso_mdoc</c>.</summary>
    public string? Doctype { get; init; }

    /// <summary>Algorithms the issuer signs this Credential with (names for JOSE formats, COSE ids for mdoc on the wire).</summary>
    public IReadOnlyList<JwsAlgorithm> CredentialSigningAlgorithms { get; init; } = [];

    /// <summary><c>cryptographic_binding_methods_supported</c>, e.g. <c>jwk</c> or <c>cose_key</c>; empty when not key-bound.</summary>
    public IReadOnlyList<string> CryptographicBindingMethods { get; init; } = [];

    /// <summary>Algorithms accepted for <c>jwt</c> key proofs; present exactly when binding methods are (§12.2.4).</summary>
    public IReadOnlyList<JwsAlgorithm> ProofSigningAlgorithms { get; init; } = [];

    /// <summary>
    /// <c>key_attestations_required</c> of every proof type (§12.2.4, Appendix D): proofs must carry a key attestation
    /// stating one of the accepted levels; null when none is required.
    /// </summary>
    public KeyAttestationRequirement? KeyAttestationsRequired { get; init; }

    /// <summary>True when <c>proof_types_supported</c> lists the <c>attestation</c> proof type (Appendix F.3) besides <c>jwt</c>.</summary>
    public bool SupportsAttestationProof { get; init; }

    /// <summary>Display of the Credential per language.</summary>
    public IReadOnlyList<CredentialDisplay> Display { get; init; } = [];

    /// <summary>The claims descriptions.</summary>
    public IReadOnlyList<ClaimDescription> Claims { get; init; } = [];

    /// <summary>The <c>credential_reuse_policy</c> in <c>credential_metadata</c> (ETSI TS 119 472-3 §4.2.4.2, ARF ISSU_39), or null when not announced.</summary>
    public CredentialReusePolicy? ReusePolicy { get; init; }

    /// <summary>True when the Credential is bound to a holder key, so proofs are required (§8.2).</summary>
    public bool RequiresKeyBinding => CryptographicBindingMethods.Count > 0;

    /// <summary>The configuration as JSON.</summary>
    public JsonObject ToJsonObject()
    {
        var json = new JsonObject { ["format"] = Format };
        if (Scope is not null)
        {
            json["scope"] = Scope;
        }

        if (Vct is not null)
        {
            json["vct"] = Vct;
        }

        if (Doctype is not null)
        {
            json["doctype"] = Doctype;
        }

        if (CredentialSigningAlgorithms.Count > 0)
        {
            // Appendix A.2: mdoc lists COSE algorithm identifiers, JOSE formats list JWS names.
            json["credential_signing_alg_values_supported"] = Format == CredentialFormats.MsoMdoc
                ? new JsonArray(CredentialSigningAlgorithms.Select(a => (JsonNode)a.CoseAlgorithm).ToArray())
                : new JsonArray(CredentialSigningAlgorithms.Select(a => (JsonNode)a.Name).ToArray());
        }

        if (CryptographicBindingMethods.Count > 0)
        {
            json["cryptographic_binding_methods_supported"] = new JsonArray(CryptographicBindingMethods.Select(m => (JsonNode)m).ToArray());
            var proofTypes = new JsonObject { [KeyProof.ProofType] = ProofType() };
            if (SupportsAttestationProof)
            {
                proofTypes[KeyAttestation.ProofType] = ProofType();
            }

            json["proof_types_supported"] = proofTypes;
        }

        var metadata = new JsonObject();
        if (Display.Count > 0)
        {
            metadata["display"] = new JsonArray(Display.Select(d => (JsonNode)d.ToJsonObject()).ToArray());
        }

        if (Claims.Count > 0)
        {
            metadata["claims"] = new JsonArray(Claims.Select(c => (JsonNode)c.ToJsonObject()).ToArray());
        }

        if (ReusePolicy is not null)
        {
            metadata["credential_reuse_policy"] = ReusePolicy.ToJsonObject();
        }

        if (metadata.Count > 0)
        {
            json["credential_metadata"] = metadata;
        }

        return json;
    }

    private JsonObject ProofType()
    {
        var proofType = new JsonObject { ["proof_signing_alg_values_supported"] = new JsonArray(ProofSigningAlgorithms.Select(a => (JsonNode)a.Name).ToArray()) };
        if (KeyAttestationsRequired is not null)
        {
            proofType["key_attestations_required"] = KeyAttestationsRequired.ToJsonObject();
        }

        return proofType;
    }
}
