namespace Wallet.Core.Dcql;

/// <summary>A held credential that cannot answer a Credential Query, and why.</summary>
public sealed class DcqlRejectedCredential
{
    internal DcqlRejectedCredential(DcqlCredential credential, int credentialIndex, IReadOnlyList<VerificationError> errors)
    {
        Credential = credential;
        CredentialIndex = credentialIndex;
        Errors = errors;
    }

    /// <summary>The held credential.</summary>
    public DcqlCredential Credential { get; }

    /// <summary>Its position in the sequence given to <see cref="DcqlMatcher.Match"/>.</summary>
    public int CredentialIndex { get; }

    /// <summary>Every reason it does not match, with <see cref="DcqlErrorCodes"/> codes.</summary>
    public IReadOnlyList<VerificationError> Errors { get; }
}
