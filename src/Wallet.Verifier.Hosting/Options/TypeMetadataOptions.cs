namespace Wallet.Verifier.Options;

/// <summary>
/// SD-JWT VC Type Metadata processing by the Verifier (draft-ietf-oauth-sd-jwt-vc-18 §4.3, §4.7; <c>specs/type-metadata.md</c>),
/// bound from <c>Verifier:TypeMetadata</c>.
/// </summary>
public sealed class TypeMetadataOptions
{
    /// <summary>Retrieve and fully process the Type Metadata of every presented SD-JWT VC; any processing failure rejects.</summary>
    public bool Enabled { get; set; }

    /// <summary>Reject an SD-JWT VC whose Type Metadata cannot be retrieved (requires <see cref="Enabled"/>).</summary>
    public bool Required { get; set; }

    /// <summary>
    /// The registry that serves documents at <c>{RegistryUrl}/{percent-encoded vct}</c> (§4.3.2), e.g. the Issuer's
    /// <c>https://issuer.example/type-metadata</c>; needed for URN types such as <c>urn:eudi:pid:1</c>. https only.
    /// </summary>
    public string? RegistryUrl { get; set; }

    /// <summary>Largest document accepted, in bytes.</summary>
    public int MaxDocumentBytes { get; set; } = 256 * 1024;

    /// <summary>Time allowed for one retrieval, in seconds.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>How long a retrieved document is reused, in seconds (0: not cached). Integrity is checked at every use.</summary>
    public int CacheSeconds { get; set; } = 300;

    /// <summary>At most this many documents are cached.</summary>
    public int MaxCachedDocuments { get; set; } = 64;

    /// <summary>Allow plain http for a loopback registry (development and tests only).</summary>
    public bool AllowHttpOnLoopback { get; set; }

    internal IEnumerable<string> Validate(string section)
    {
        if (Required && !Enabled)
        {
            yield return $"{section}:Required needs {section}:Enabled.";
        }

        if (RegistryUrl is not null
            && (!Uri.TryCreate(RegistryUrl, UriKind.Absolute, out var url)
                || !(url.Scheme == Uri.UriSchemeHttps || (AllowHttpOnLoopback && url.Scheme == Uri.UriSchemeHttp && url.IsLoopback))
                || url.Query.Length > 0 || url.Fragment.Length > 0))
        {
            yield return $"{section}:RegistryUrl must be an absolute https URL without query or fragment (http only on loopback with {section}:AllowHttpOnLoopback).";
        }

        if (MaxDocumentBytes is < 1024 or > 4 * 1024 * 1024)
        {
            yield return $"{section}:MaxDocumentBytes must be between 1024 and 4194304.";
        }

        if (TimeoutSeconds is < 1 or > 60)
        {
            yield return $"{section}:TimeoutSeconds must be between 1 and 60.";
        }

        if (CacheSeconds is < 0 or > 86400)
        {
            yield return $"{section}:CacheSeconds must be between 0 and 86400.";
        }

        if (MaxCachedDocuments is < 1 or > 10000)
        {
            yield return $"{section}:MaxCachedDocuments must be between 1 and 10000.";
        }
    }
}
