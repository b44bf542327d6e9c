using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Wallet.Core;
using Wallet.Core.Dcql;
using Wallet.Core.Jose;
using Wallet.Core.SdJwt;
using Wallet.Core.TypeMetadata;

namespace Wallet.Client;

/// <summary>An SD-JWT VC (<c>dc+sd-jwt</c>) as issued: every Disclosure kept, presented selectively later.</summary>
public sealed class StoredSdJwtVc : StoredCredential
{
    private readonly JsonObject _claims;

    private StoredSdJwtVc(string credentialIssuer, string configurationId, SigningKey holderKey, SdJwt issued, string vct, JsonObject claims)
        : base(credentialIssuer, configurationId, holderKey)
    {
        Issued = issued;
        Vct = vct;
        _claims = claims;
    }

    /// <summary>The issued SD-JWT with all its Disclosures.</summary>
    public SdJwt Issued { get; }

    /// <summary>The <c>vct</c>.</summary>
    public string Vct { get; }

    /// <summary>The <c>vct#integrity</c> the issuer bound the type's metadata with (SD-JWT VC §3.2.2.2), or null.</summary>
    public string? VctIntegrity => _claims["vct#integrity"] is JsonValue value && value.TryGetValue<string>(out var integrity) ? integrity : null;

    /// <summary>
    /// Retrieves and processes the Type Metadata of this credential's <c>vct</c> (draft-ietf-oauth-sd-jwt-vc-18 §4.3–§4.5):
    /// the <c>extends</c> chain, and <see cref="VctIntegrity"/> checked against the retrieved bytes. The result's
    /// <see cref="ResolvedTypeMetadata.DisplayFor"/> and <see cref="ResolvedTypeMetadata.LabelFor"/> give the credential's
    /// name and claim labels in a language (e.g. <c>en</c>, <c>nb</c>); a failed check leaves no metadata to show.
    /// </summary>
    /// <param name="processor">Where and how metadata is retrieved, e.g. an <see cref="HttpTypeMetadataSource"/> with the issuer's registry.</param>
    /// <param name="cancellationToken">Cancels the retrieval.</param>
    public ValueTask<TypeMetadataResult> ResolveTypeMetadataAsync(TypeMetadataProcessor processor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(processor);
        return processor.ResolveAsync(Vct, VctIntegrity, cancellationToken);
    }

    /// <inheritdoc />
    public override string Format => DcqlFormats.SdJwtVc;

    /// <inheritdoc />
    public override string Type => Vct;

    /// <summary>Parses an issued SD-JWT VC and checks that its <c>cnf.jwk</c> is <paramref name="holderKey"/>.</summary>
    public static bool TryCreate(string credential, string credentialIssuer, string configurationId, SigningKey holderKey, [NotNullWhen(true)] out StoredSdJwtVc? stored, [NotNullWhen(false)] out VerificationError? error)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(holderKey);
        stored = null;
        if (!SdJwt.TryParse(credential, SdJwtLimits.Default, out var issued, out error))
        {
            return false;
        }

        var claims = SdJwtHolder.GetProcessedPayload(issued);
        if (claims["vct"] is not JsonValue vctValue || !vctValue.TryGetValue<string>(out var vct) || vct.Length == 0)
        {
            error = new VerificationError(WalletClientErrors.InvalidCredential, "The SD-JWT VC has no 'vct'.");
            return false;
        }

        if (claims["cnf"]?["jwk"] is not JsonObject jwk || !PublicJwk.TryParse(jwk.ToJsonString(), out var bound, out _) || !bound.HasSameKey(holderKey.PublicJwk))
        {
            error = new VerificationError(WalletClientErrors.InvalidCredential, "The SD-JWT VC's cnf.jwk is not the key the wallet proved possession of.");
            return false;
        }

        stored = new StoredSdJwtVc(credentialIssuer, configurationId, holderKey, issued, vct, claims);
        return true;
    }

    /// <inheritdoc />
    public override DcqlCredential ToDcqlCredential() => DcqlCredential.ForSdJwtVc(Vct, (JsonObject)_claims.DeepClone(), hasCryptographicHolderBinding: true);
}
