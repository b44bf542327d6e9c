namespace Wallet.Core.Jose;

/// <summary>What a recipient accepts when decrypting an ECDH-ES JWE.</summary>
internal sealed record JweDecryptionOptions
{
    /// <summary>Accepts A128GCM and A256GCM, any <c>kid</c>, within <see cref="JweLimits.Default"/>.</summary>
    public static JweDecryptionOptions Default { get; } = new();

    /// <summary>The <c>enc</c> allow-list; must not be empty.</summary>
    public IReadOnlyList<JweContentEncryption> AllowedContentEncryptions { get; init; } = JweContentEncryption.All;

    /// <summary>When set, the <c>kid</c> header must be present and equal to it (OpenID4VP 1.0 §8.3).</summary>
    public string? ExpectedKeyId { get; init; }

    /// <summary>Size and nesting limits.</summary>
    public JweLimits Limits { get; init; } = JweLimits.Default;
}
