namespace Wallet.Core.Jose;

/// <summary>Size and nesting limits applied when parsing a compact JWE.</summary>
internal sealed record JweLimits
{
    /// <summary>Defaults: 1 MiB per token (an authorization response may carry several credentials), 16 levels of header nesting.</summary>
    public static JweLimits Default { get; } = new();

    /// <summary>Largest accepted compact JWE, in characters.</summary>
    public int MaxTokenLength { get; init; } = 1024 * 1024;

    /// <summary>Largest accepted protected header, in characters of its base64url segment.</summary>
    public int MaxHeaderLength { get; init; } = 8 * 1024;

    /// <summary>Deepest accepted JSON nesting in the protected header.</summary>
    public int MaxHeaderDepth { get; init; } = 16;
}
