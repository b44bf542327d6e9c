namespace Wallet.Core.TypeMetadata;

/// <summary>
/// One way to retrieve the Type Metadata of a <c>vct</c> (draft-ietf-oauth-sd-jwt-vc-18 §4.3): its https URL, a
/// registry, a defined retrieval method or a local cache. Returns the bytes as retrieved; checking them is the caller's.
/// </summary>
public interface ITypeMetadataSource
{
    /// <summary>Retrieves the document for <paramref name="vct"/>. Never throws for a failed retrieval.</summary>
    ValueTask<TypeMetadataRetrieval> RetrieveAsync(string vct, CancellationToken cancellationToken = default);
}
