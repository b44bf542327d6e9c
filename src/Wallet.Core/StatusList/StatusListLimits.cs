namespace Wallet.Core.StatusList;

/// <summary>
/// Bounds applied when a received Status List is decoded. A few hundred compressed bytes can inflate to
/// gigabytes, so the decompressed size is capped while inflating, not after.
/// </summary>
public sealed record StatusListLimits
{
    /// <summary>Defaults: 16 MiB decompressed, 2^24 entries (a 2^20-entry 8-bit list is 1 MiB).</summary>
    public static StatusListLimits Default { get; } = new();

    /// <summary>Largest accepted decompressed byte array.</summary>
    public int MaxDecompressedBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Largest accepted number of entries.</summary>
    public int MaxEntries { get; init; } = 1 << 24;

    /// <summary>Deepest accepted CBOR nesting when a list or token is read from CBOR.</summary>
    public int MaxCborDepth { get; init; } = 16;
}
