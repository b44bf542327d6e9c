namespace Wallet.Core.Dcql;

/// <summary>One entry of a Credential Query's <c>trusted_authorities</c> (OpenID4VP 1.0 §6.1.1).</summary>
public sealed class TrustedAuthoritiesQuery
{
    internal TrustedAuthoritiesQuery(string type, IReadOnlyList<string> values)
    {
        Type = type;
        Values = values;
    }

    /// <summary>The kind of trust information, e.g. <see cref="TrustedAuthorityTypes.Aki"/>; other values are kept as received.</summary>
    public string Type { get; }

    /// <summary>The accepted authorities of that kind, never empty.</summary>
    public IReadOnlyList<string> Values { get; }
}
