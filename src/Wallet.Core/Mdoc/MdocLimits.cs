namespace Wallet.Core.Mdoc;

/// <summary>
/// Bounds applied to every CBOR input before it is parsed. System.Formats.Cbor enforces none of its own,
/// so these are what keep a hostile DeviceResponse from exhausting memory or stack.
/// </summary>
public sealed record MdocLimits
{
    /// <summary>
    /// Defaults that fit a PID or mDL with a portrait: 2 MiB per input, 16 levels of nesting, 4096 entries per container.
    /// </summary>
    public static MdocLimits Default { get; } = new();

    /// <summary>Largest accepted encoded input, in bytes.</summary>
    public int MaxInputBytes { get; init; } = 2 * 1024 * 1024;

    /// <summary>
    /// Deepest accepted nesting of arrays, maps and tags within one encoded item. Embedded CBOR (tag 24)
    /// is checked again, on its own, when it is decoded.
    /// </summary>
    public int MaxDepth { get; init; } = 16;

    /// <summary>Largest accepted number of elements in one array or entries in one map.</summary>
    public int MaxContainerLength { get; init; } = 4096;

    /// <summary>Largest accepted number of documents in one DeviceResponse.</summary>
    public int MaxDocuments { get; init; } = 16;
}
