namespace Wallet.Core.Dcql;

/// <summary>One entry of <c>credentials</c> (OpenID4VP 1.0 §6.1): a request for one or more credentials of one kind.</summary>
public sealed class CredentialQuery
{
    internal CredentialQuery(
        string id,
        string format,
        bool multiple,
        CredentialQueryMeta meta,
        IReadOnlyList<TrustedAuthoritiesQuery> trustedAuthorities,
        bool requireCryptographicHolderBinding,
        IReadOnlyList<ClaimsQuery> claims,
        IReadOnlyList<IReadOnlyList<string>> claimSets)
    {
        Id = id;
        Format = format;
        Multiple = multiple;
        Meta = meta;
        TrustedAuthorities = trustedAuthorities;
        RequireCryptographicHolderBinding = requireCryptographicHolderBinding;
        Claims = claims;
        ClaimSets = claimSets;
    }

    /// <summary>The id, unique in the query; also the key of the answer in the <c>vp_token</c> (§8.1).</summary>
    public string Id { get; }

    /// <summary>The Credential Format Identifier, e.g. <see cref="DcqlFormats.SdJwtVc"/>.</summary>
    public string Format { get; }

    /// <summary>Whether more than one credential may answer this query (default <c>false</c>).</summary>
    public bool Multiple { get; }

    /// <summary>The format-specific metadata constraints.</summary>
    public CredentialQueryMeta Meta { get; }

    /// <summary>The accepted issuer trust anchors; empty when the query does not restrict them.</summary>
    public IReadOnlyList<TrustedAuthoritiesQuery> TrustedAuthorities { get; }

    /// <summary>Whether a proof of cryptographic holder binding is required (default <c>true</c>).</summary>
    public bool RequireCryptographicHolderBinding { get; }

    /// <summary>The requested claims; empty when <c>claims</c> was absent (then no selectively disclosable claim is requested, §6.4.1).</summary>
    public IReadOnlyList<ClaimsQuery> Claims { get; }

    /// <summary>The <c>claim_sets</c>: alternative combinations of claim ids in order of preference; empty when absent.</summary>
    public IReadOnlyList<IReadOnlyList<string>> ClaimSets { get; }
}
