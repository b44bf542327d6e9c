using Wallet.Core.Jose;

namespace Wallet.Core.SdJwt;

/// <summary>Size, count and nesting limits applied to every SD-JWT parsed.</summary>
public sealed record SdJwtLimits
{
    /// <summary>Defaults sized for a PID with a portrait: 512 KiB per SD-JWT, 512 Disclosures, 32 levels of nesting.</summary>
    public static SdJwtLimits Default { get; } = new();

    /// <summary>Largest accepted SD-JWT (with Disclosures and KB-JWT), in characters.</summary>
    public int MaxLength { get; init; } = 512 * 1024;

    /// <summary>Most Disclosures accepted in one SD-JWT.</summary>
    public int MaxDisclosures { get; init; } = 512;

    /// <summary>Largest accepted single Disclosure, in characters (a portrait data URL fits).</summary>
    public int MaxDisclosureLength { get; init; } = 256 * 1024;

    /// <summary>Deepest accepted JSON nesting, counted across recursive Disclosures too.</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>The limits for the embedded JWS (Issuer-signed JWT and KB-JWT).</summary>
    public JoseLimits Jose => new() { MaxTokenLength = MaxLength, MaxDepth = MaxDepth };
}
