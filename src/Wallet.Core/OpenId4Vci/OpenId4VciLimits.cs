namespace Wallet.Core.OpenId4Vci;

/// <summary>Size and count limits applied when parsing OpenID4VCI messages.</summary>
public sealed record OpenId4VciLimits
{
    /// <summary>Defaults that fit any real message: 64 KiB offers, 512 KiB requests, 100 proofs, depth 16.</summary>
    public static OpenId4VciLimits Default { get; } = new();

    /// <summary>Largest accepted Credential Offer, in bytes of JSON.</summary>
    public int MaxOfferLength { get; init; } = 64 * 1024;

    /// <summary>Most <c>credential_configuration_ids</c> in one offer.</summary>
    public int MaxConfigurationIds { get; init; } = 32;

    /// <summary>Largest accepted Credential Request body, in bytes.</summary>
    public int MaxRequestLength { get; init; } = 512 * 1024;

    /// <summary>Most proofs in one request; a deployment narrows it to its batch size.</summary>
    public int MaxProofs { get; init; } = 100;

    /// <summary>Largest accepted metadata document, in bytes of JSON.</summary>
    public int MaxMetadataLength { get; init; } = 1024 * 1024;

    /// <summary>Deepest accepted JSON nesting.</summary>
    public int MaxDepth { get; init; } = 16;

    /// <summary>Longest accepted string value (codes, identifiers, URLs).</summary>
    public int MaxStringLength { get; init; } = 4096;
}
