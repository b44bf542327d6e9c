namespace Wallet.Core.OpenId4Vci;

/// <summary>The <c>event</c> values of a Notification Request (OpenID4VCI 1.0 §11.1); compared case-sensitively.</summary>
public static class NotificationEvents
{
    /// <summary>The Credential was successfully stored in the Wallet.</summary>
    public const string CredentialAccepted = "credential_accepted";

    /// <summary>Any other case than acceptance or deletion by the user (for example the Wallet could not verify it).</summary>
    public const string CredentialFailure = "credential_failure";

    /// <summary>The user deleted the Credential, or declined to store it.</summary>
    public const string CredentialDeleted = "credential_deleted";

    /// <summary>Every defined event.</summary>
    public static IReadOnlyList<string> All { get; } = [CredentialAccepted, CredentialFailure, CredentialDeleted];
}
