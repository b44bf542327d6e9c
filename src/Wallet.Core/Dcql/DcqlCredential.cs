using System.Text.Json.Nodes;

namespace Wallet.Core.Dcql;

/// <summary>
/// A format-neutral view of one credential (held by a Wallet, or verified from a presentation) that a DCQL query is
/// matched against. Callers build it from their SD-JWT VC or mdoc: the claims are the processed payload with every
/// disclosure applied (SD-JWT VC), or an object <c>{ namespace: { element: value } }</c> with CBOR converted to JSON
/// (mdoc), so that OpenID4VP 1.0 §7 claims path pointers select values directly.
/// </summary>
public sealed class DcqlCredential
{
    private readonly JsonNode _claims;

    /// <summary>Creates a view of a credential of any format.</summary>
    /// <param name="format">The Credential Format Identifier, e.g. <see cref="DcqlFormats.SdJwtVc"/>.</param>
    /// <param name="claims">The claims; copied, so later changes to the argument do not affect this view.</param>
    /// <param name="hasCryptographicHolderBinding">
    /// Holder side: the credential is bound to a key the Wallet controls. Verifier side: the presentation carried a
    /// verified proof of possession (e.g. a KB-JWT or an mdoc deviceSignature).
    /// </param>
    /// <param name="vct">The SD-JWT VC type, for <c>dc+sd-jwt</c>.</param>
    /// <param name="extendedVcts">Types the SD-JWT VC type extends (resolved from its type metadata); each also satisfies <c>vct_values</c> (B.3.5).</param>
    /// <param name="doctype">The mdoc document type, for <c>mso_mdoc</c>.</param>
    /// <param name="trustedAuthorities">Trust information of the issuer to match <c>trusted_authorities</c> against.</param>
    public DcqlCredential(
        string format,
        JsonNode claims,
        bool hasCryptographicHolderBinding,
        string? vct = null,
        IEnumerable<string>? extendedVcts = null,
        string? doctype = null,
        IEnumerable<TrustedAuthorityIdentifier>? trustedAuthorities = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(format);
        ArgumentNullException.ThrowIfNull(claims);
        Format = format;
        _claims = claims.DeepClone();
        HasCryptographicHolderBinding = hasCryptographicHolderBinding;
        Vct = vct;
        ExtendedVcts = extendedVcts?.ToArray() ?? [];
        Doctype = doctype;
        TrustedAuthorities = trustedAuthorities?.ToArray() ?? [];
    }

    /// <summary>A view of an SD-JWT VC (<c>dc+sd-jwt</c>) whose processed payload is <paramref name="claims"/>.</summary>
    public static DcqlCredential ForSdJwtVc(
        string vct,
        JsonObject claims,
        bool hasCryptographicHolderBinding,
        IEnumerable<string>? extendedVcts = null,
        IEnumerable<TrustedAuthorityIdentifier>? trustedAuthorities = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(vct);
        return new(DcqlFormats.SdJwtVc, claims, hasCryptographicHolderBinding, vct, extendedVcts, null, trustedAuthorities);
    }

    /// <summary>A view of an mdoc (<c>mso_mdoc</c>) whose data elements are <paramref name="nameSpaces"/>: <c>{ namespace: { element: value } }</c>.</summary>
    public static DcqlCredential ForMdoc(
        string doctype,
        JsonObject nameSpaces,
        bool hasCryptographicHolderBinding,
        IEnumerable<TrustedAuthorityIdentifier>? trustedAuthorities = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(doctype);
        ArgumentNullException.ThrowIfNull(nameSpaces);
        if (nameSpaces.Any(ns => ns.Value is not JsonObject))
        {
            throw new ArgumentException("Every namespace must map to a JSON object of data elements.", nameof(nameSpaces));
        }

        return new(DcqlFormats.MsoMdoc, nameSpaces, hasCryptographicHolderBinding, null, null, doctype, trustedAuthorities);
    }

    /// <summary>The Credential Format Identifier.</summary>
    public string Format { get; }

    /// <summary>The SD-JWT VC type, when known.</summary>
    public string? Vct { get; }

    /// <summary>Types the SD-JWT VC type extends; empty when none.</summary>
    public IReadOnlyList<string> ExtendedVcts { get; }

    /// <summary>The mdoc document type, when known.</summary>
    public string? Doctype { get; }

    /// <summary>Whether cryptographic holder binding is available (holder side) or was proven (verifier side).</summary>
    public bool HasCryptographicHolderBinding { get; }

    /// <summary>Trust information of the issuer; empty when none is known.</summary>
    public IReadOnlyList<TrustedAuthorityIdentifier> TrustedAuthorities { get; }

    /// <summary>A copy of the claims.</summary>
    public JsonNode CloneClaims() => _claims.DeepClone();

    internal JsonNode ClaimsNode => _claims;
}
