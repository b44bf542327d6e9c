using System.Diagnostics.CodeAnalysis;

namespace Wallet.Core.TypeMetadata;

/// <summary>What an <see cref="ITypeMetadataSource"/> found for a type: the document's bytes, or why there are none.</summary>
public sealed class TypeMetadataRetrieval
{
    private TypeMetadataRetrieval(ReadOnlyMemory<byte>? document, VerificationError? error)
    {
        Document = document;
        Error = error;
    }

    /// <summary>The document exactly as retrieved; null when not found.</summary>
    public ReadOnlyMemory<byte>? Document { get; }

    /// <summary>Why nothing was found (<see cref="TypeMetadataErrorCodes.Unavailable"/>); null when found.</summary>
    public VerificationError? Error { get; }

    /// <summary>True when the document was retrieved.</summary>
    [MemberNotNullWhen(true, nameof(Document))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsFound => Document is not null;

    /// <summary>A retrieved document.</summary>
    public static TypeMetadataRetrieval Found(ReadOnlyMemory<byte> document) => new(document, null);

    /// <summary>No document, for the reason given.</summary>
    public static TypeMetadataRetrieval NotFound(string reason) =>
        new(null, new VerificationError(TypeMetadataErrorCodes.Unavailable, reason));
}
