namespace Wallet.Issuer.Options;

/// <summary>
/// User authentication at an upstream OpenID Connect provider (such as a national eID login) through ASP.NET Core's
/// OpenID Connect handler (authorization code flow with PKCE). Configured when <see cref="Authority"/> is set.
/// </summary>
public sealed class UpstreamLoginOptions
{
    /// <summary>The provider's issuer URL; its discovery document is read from <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public string? Authority { get; set; }

    /// <summary>This issuer's client identifier at the provider.</summary>
    public string? ClientId { get; set; }

    /// <summary>The client secret at the provider (<c>client_secret_post</c>), when the provider requires one.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Scopes requested from the provider. Default <c>openid</c>.</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>The ID token claim that names the person in the authentic source. Default <c>sub</c>.</summary>
    public string PersonIdClaim { get; set; } = "sub";

    /// <summary>
    /// The provider's <c>acr</c> values and the eIDAS level of assurance each stands for. An <c>acr</c> not listed here
    /// reaches no level; PID is only issued at <c>High</c>. The values mapped to <c>High</c> are requested as
    /// <c>acr_values</c>. A list, not a map, because <c>acr</c> values are often URIs and configuration keys cannot hold ':'.
    /// </summary>
    public List<AcrLevelOptions> AcrLevels { get; set; } = [];

    /// <summary>Require https for the provider's metadata and endpoints. Default true; false only for a provider on loopback in development and tests.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>True when an upstream provider is configured.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority);
}
