namespace Wallet.Core.TypeMetadata;

/// <summary>
/// Type Metadata documents held in memory, keyed by <c>vct</c> (draft-ietf-oauth-sd-jwt-vc-18 §4.3.2 registry, §4.3.4
/// local cache): documents a consumer was configured with, so it needs no network for the types it knows (§6.4
/// robust retrieval). The bytes are kept as given, so their <c>#integrity</c> can be checked like a retrieved document's.
/// </summary>
public sealed class LocalTypeMetadataRegistry : ITypeMetadataSource
{
    private readonly Dictionary<string, ReadOnlyMemory<byte>> _documents;

    /// <summary>Creates a registry of the given documents.</summary>
    /// <param name="documents">The documents' bytes by the <c>vct</c> they are served for.</param>
    public LocalTypeMetadataRegistry(IReadOnlyDictionary<string, ReadOnlyMemory<byte>> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        _documents = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        foreach (var (vct, document) in documents)
        {
            _documents[vct] = document.ToArray();
        }
    }

    /// <inheritdoc />
    public ValueTask<TypeMetadataRetrieval> RetrieveAsync(string vct, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(vct);
        return ValueTask.FromResult(_documents.TryGetValue(vct, out var document)
            ? TypeMetadataRetrieval.Found(document)
            : TypeMetadataRetrieval.NotFound($"The local registry has no Type Metadata for '{vct}'."));
    }
}
