namespace Wallet.Core.Dcql;

/// <summary>One entry of <c>credential_sets</c> (OpenID4VP 1.0 §6.2): alternative combinations of Credential Queries.</summary>
public sealed class CredentialSetQuery
{
    internal CredentialSetQuery(IReadOnlyList<IReadOnlyList<string>> options, bool required)
    {
        Options = options;
        Required = required;
    }

    /// <summary>The alternatives, in the Verifier's order of preference; each lists Credential Query ids, all of which are needed.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Options { get; }

    /// <summary>Whether one option must be satisfied (default <c>true</c>).</summary>
    public bool Required { get; }
}
