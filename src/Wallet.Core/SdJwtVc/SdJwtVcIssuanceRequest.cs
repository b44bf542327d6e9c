using System.Text.Json.Nodes;
using Wallet.Core.Claims;
using Wallet.Core.Jose;
using Wallet.Core.SdJwt;
using Wallet.Core.StatusList;

namespace Wallet.Core.SdJwtVc;

/// <summary>Everything an SD-JWT VC is issued from.</summary>
public sealed record SdJwtVcIssuanceRequest
{
    /// <summary>The credential type <c>vct</c>, e.g. <c>urn:eudi:pid:1</c>.</summary>
    public required string Vct { get; init; }

    /// <summary>The Issuer identifier <c>iss</c>.</summary>
    public required string Issuer { get; init; }

    /// <summary>The subject's claims. Must not contain the registered claims this request sets.</summary>
    public required JsonObject Claims { get; init; }

    /// <summary>The holder's public key for <c>cnf.jwk</c>; null only for credentials without holder binding.</summary>
    public PublicJwk? HolderKey { get; init; }

    /// <summary>The <c>iat</c>.</summary>
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>The optional <c>nbf</c>.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>The <c>exp</c>; HAIP 1.0 §6.1 wants <c>exp</c>, <c>status</c> or both when validity is limited.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>
    /// The <c>vct#integrity</c>: the W3C SRI integrity string of the type's Type Metadata document
    /// (draft-ietf-oauth-sd-jwt-vc-18 §4.3, §5), e.g. from <see cref="TypeMetadata.IntegrityMetadata.Sha256Of"/>.
    /// </summary>
    public string? VctIntegrity { get; init; }

    /// <summary>The Token Status List entry of this credential.</summary>
    public StatusListReference? Status { get; init; }

    /// <summary>
    /// Paths (within <see cref="Claims"/>) to make selectively disclosable. Null makes every claim, nested member and
    /// array element individually disclosable, as the PID Rule Book wants.
    /// </summary>
    public IReadOnlyCollection<ClaimPath>? SelectivelyDisclosable { get; init; }

    /// <summary>Digest hash, decoys.</summary>
    public SdJwtIssuanceOptions Options { get; init; } = new() { Type = SdJwtVcClaims.Type };
}
