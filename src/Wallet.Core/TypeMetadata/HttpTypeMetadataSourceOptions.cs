namespace Wallet.Core.TypeMetadata;

/// <summary>Where and how an <see cref="HttpTypeMetadataSource"/> retrieves Type Metadata.</summary>
public sealed record HttpTypeMetadataSourceOptions
{
    /// <summary>
    /// A registry (draft-ietf-oauth-sd-jwt-vc-18 §4.3.2) for types that are not https URLs, such as <c>urn:eudi:pid:1</c>:
    /// the document of a type is at this URL followed by the type, percent-encoded as one path segment. Null to
    /// retrieve https types only.
    /// </summary>
    public Uri? Registry { get; init; }

    /// <summary>Largest accepted document, in bytes. Default 256 KiB.</summary>
    public int MaxResponseBytes { get; init; } = 256 * 1024;

    /// <summary>How long one retrieval may take, headers and body. Default 10 seconds.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Allows plain http to loopback addresses (local development only); everything else must be https.</summary>
    public bool AllowHttpForLoopback { get; init; }

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    public void Validate()
    {
        if (MaxResponseBytes <= 0)
        {
            throw new ArgumentException($"{nameof(MaxResponseBytes)} must be positive.");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(Timeout)} must be positive.");
        }

        if (Registry is { } registry && (!registry.IsAbsoluteUri || !(registry.Scheme == Uri.UriSchemeHttps || (AllowHttpForLoopback && registry.Scheme == Uri.UriSchemeHttp && registry.IsLoopback))))
        {
            throw new ArgumentException($"{nameof(Registry)} must be an absolute https URL.");
        }
    }
}
