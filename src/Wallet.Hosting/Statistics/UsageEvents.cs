namespace Wallet.Hosting.Statistics;

/// <summary>The counted event types of both services.</summary>
internal static class UsageEvents
{
    public const string OfferCreated = "offer_created";
    public const string CredentialIssued = "credential_issued";
    public const string IssuanceFailed = "issuance_failed";
    public const string PresentationRequested = "presentation_requested";
    public const string PresentationVerified = "presentation_verified";
    public const string PresentationRejected = "presentation_rejected";

    /// <summary>The level of assurance when the service cannot know it.</summary>
    public const string UnknownLevel = "unknown";

    /// <summary>The credential type of a request that asks for several.</summary>
    public const string MultipleTypes = "multiple";
}
