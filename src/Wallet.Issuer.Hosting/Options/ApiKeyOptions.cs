namespace Wallet.Issuer.Options;

/// <summary>One agency API key. Only its SHA-256 hash is configured, so the configuration never holds the key.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>Who the key belongs to, for logs.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Lower-case hex SHA-256 of the UTF-8 key.</summary>
    public string Sha256 { get; set; } = string.Empty;
}
