namespace Wallet.Core.Trust;

/// <summary>Bounds applied when loading trust anchors from PEM text, files or a folder.</summary>
public sealed record TrustAnchorStoreLimits
{
    /// <summary>Defaults: 1 MiB per file, 1,000 files per folder, 10,000 anchors per store.</summary>
    public static TrustAnchorStoreLimits Default { get; } = new();

    /// <summary>Largest accepted anchor file (or PEM text), in bytes (characters for PEM text).</summary>
    public int MaxFileLength { get; init; } = 1024 * 1024;

    /// <summary>Most files read from one folder or list of paths.</summary>
    public int MaxFiles { get; init; } = 1000;

    /// <summary>Most anchors in one store.</summary>
    public int MaxAnchors { get; init; } = 10_000;
}
