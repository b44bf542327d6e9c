using Wallet.Core.Trust;

namespace Wallet.Issuer.Options;

/// <summary>One <c>acr</c> value of the upstream provider and the level of assurance it stands for.</summary>
public sealed class AcrLevelOptions
{
    /// <summary>The <c>acr</c> value as the provider writes it into ID tokens (OpenID Connect Core 1.0 §2).</summary>
    public string Acr { get; set; } = string.Empty;

    /// <summary>The eIDAS level of assurance of an authentication with this <c>acr</c>.</summary>
    public LevelOfAssurance Level { get; set; }
}
