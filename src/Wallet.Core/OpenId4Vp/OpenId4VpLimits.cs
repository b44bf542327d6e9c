namespace Wallet.Core.OpenId4Vp;

/// <summary>Size, count and nesting limits of the OpenID4VP protocol layer.</summary>
public sealed record OpenId4VpLimits
{
    /// <summary>Defaults well above real requests and responses.</summary>
    public static OpenId4VpLimits Default { get; } = new();

    /// <summary>Largest accepted Request Object, in characters.</summary>
    public int MaxRequestObjectLength { get; init; } = 128 * 1024;

    /// <summary>Largest accepted authorization response parameter (<c>vp_token</c> or <c>response</c>), in characters.</summary>
    public int MaxResponseLength { get; init; } = 1024 * 1024;

    /// <summary>Deepest accepted JSON nesting in request and response parameters.</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>Most keys (Credential Query ids) in a <c>vp_token</c>.</summary>
    public int MaxVpTokenEntries { get; init; } = 64;

    /// <summary>Most presentations for one Credential Query.</summary>
    public int MaxPresentationsPerEntry { get; init; } = 16;

    /// <summary>Longest accepted <c>client_id</c>, <c>nonce</c>, <c>state</c> or <c>wallet_nonce</c>, in characters.</summary>
    public int MaxIdentifierLength { get; init; } = 2048;

    /// <summary>Largest accepted <c>wallet_metadata</c>, in characters.</summary>
    public int MaxWalletMetadataLength { get; init; } = 64 * 1024;
}
