namespace Wallet.Issuer.Options;

/// <summary>A display entry (name per language) of the issuer or a credential configuration.</summary>
public sealed class DisplayOptions
{
    /// <summary>The display name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>BCP 47 language tag, e.g. <c>en</c>, <c>nb</c>.</summary>
    public string? Locale { get; set; }

    /// <summary>Optional description.</summary>
    public string? Description { get; set; }

    /// <summary>Optional CSS background color.</summary>
    public string? BackgroundColor { get; set; }

    /// <summary>Optional CSS text color.</summary>
    public string? TextColor { get; set; }
}
