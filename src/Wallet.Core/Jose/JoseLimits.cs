namespace Wallet.Core.Jose;

/// <summary>Size and nesting limits applied when parsing a compact JWS.</summary>
public sealed record JoseLimits
{
    /// <summary>Defaults that fit any real credential with room to spare: 256 KiB per token, 32 levels of JSON nesting.</summary>
    public static JoseLimits Default { get; } = new();

    /// <summary>Largest accepted compact JWS, in characters.</summary>
    public int MaxTokenLength { get; init; } = 256 * 1024;

    /// <summary>Deepest accepted JSON nesting in header or payload.</summary>
    public int MaxDepth { get; init; } = 32;
}
