namespace Wallet.Issuer.Options;

/// <summary>A claims description of a credential configuration (OpenID4VCI 1.0 Appendix B.2).</summary>
public sealed class ClaimOptions
{
    /// <summary>The claims path pointer, one member name per element (for mdoc: namespace, element identifier).</summary>
    public List<string> Path { get; set; } = [];

    /// <summary>Whether the claim is always present.</summary>
    public bool? Mandatory { get; set; }

    /// <summary>Names per language, as <c>locale → name</c>.</summary>
    public Dictionary<string, string> Display { get; set; } = new(StringComparer.Ordinal);
}
