namespace Wallet.Hosting.Statistics;

/// <summary>One key that reads the statistics. Only its SHA-256 is configured, so the configuration never holds the key.</summary>
public sealed class StatisticsApiKeyOptions
{
    /// <summary>Who the key belongs to, for logs.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Lower-case hex SHA-256 of the UTF-8 key, e.g. from <c>printf %s "$KEY" | sha256sum</c>.</summary>
    public string Sha256 { get; set; } = string.Empty;
}
