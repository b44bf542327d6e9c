namespace Wallet.Core.Dcql;

/// <summary>Which options of one Credential Set Query the held credentials can satisfy.</summary>
public sealed class CredentialSetMatch
{
    internal CredentialSetMatch(CredentialSetQuery credentialSet, int index, IReadOnlyList<int> satisfiableOptions)
    {
        CredentialSet = credentialSet;
        Index = index;
        SatisfiableOptions = satisfiableOptions;
    }

    /// <summary>The Credential Set Query.</summary>
    public CredentialSetQuery CredentialSet { get; }

    /// <summary>Its position in <c>credential_sets</c>.</summary>
    public int Index { get; }

    /// <summary>The indexes of the options whose every Credential Query has a candidate, in the Verifier's order.</summary>
    public IReadOnlyList<int> SatisfiableOptions { get; }

    /// <summary>The option a Wallet would pick without asking the user: the first satisfiable one; <c>null</c> when none is.</summary>
    public int? SelectedOption => SatisfiableOptions.Count > 0 ? SatisfiableOptions[0] : null;

    /// <summary>True when some option can be satisfied.</summary>
    public bool IsSatisfiable => SatisfiableOptions.Count > 0;
}
