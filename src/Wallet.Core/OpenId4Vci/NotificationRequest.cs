using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Wallet.Core.Json;

namespace Wallet.Core.OpenId4Vci;

/// <summary>
/// A Notification Request (OpenID4VCI 1.0 §11.1): the <c>notification_id</c> of a Credential Response, one of the
/// <see cref="NotificationEvents"/>, and an optional ASCII <c>event_description</c>. Unknown members are ignored.
/// </summary>
public sealed record NotificationRequest
{
    /// <summary>The <c>notification_id</c> received in the Credential Response.</summary>
    public required string NotificationId { get; init; }

    /// <summary>One of <see cref="NotificationEvents.All"/>.</summary>
    public required string Event { get; init; }

    /// <summary>The <c>event_description</c>: characters %x20-21 / %x23-5B / %x5D-7E only.</summary>
    public string? EventDescription { get; init; }

    /// <summary>The request body.</summary>
    public JsonObject ToJsonObject()
    {
        var json = new JsonObject { ["notification_id"] = NotificationId, ["event"] = Event };
        if (EventDescription is { } description)
        {
            json["event_description"] = description;
        }

        return json;
    }

    /// <summary>
    /// Parses a request body: a JSON object without duplicate members, a non-empty string <c>notification_id</c>, an
    /// <c>event</c> of §11.1 (case-sensitive), an <c>event_description</c> of the allowed characters. Every failure
    /// is answered with <see cref="OpenId4VciErrors.InvalidNotificationRequest"/> (§11.3).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> body, OpenId4VciLimits limits, [NotNullWhen(true)] out NotificationRequest? request, [NotNullWhen(false)] out VerificationError? error)
    {
        ArgumentNullException.ThrowIfNull(limits);
        request = null;
        if (!JsonInput.TryParseObject(body, limits.MaxRequestLength, limits.MaxDepth, out var root, out var jsonError))
        {
            error = StrictJson.Failure(jsonError, OpenId4VciErrorCodes.NotificationMalformed, "The Notification Request is not a JSON object without duplicate members (§11.1).");
            return false;
        }

        if (!JsonInput.TryGetOptionalString(root, "notification_id", limits.MaxStringLength, out var notificationId) || string.IsNullOrEmpty(notificationId))
        {
            error = new(OpenId4VciErrorCodes.NotificationIdMissing, "'notification_id' is missing or not a non-empty string (§11.1).");
            return false;
        }

        var eventName = JsonInput.GetString(root, "event");
        if (eventName is null || !NotificationEvents.All.Contains(eventName, StringComparer.Ordinal))
        {
            error = new(OpenId4VciErrorCodes.NotificationEventInvalid, $"'event' must be one of {string.Join(", ", NotificationEvents.All)} (§11.1, case-sensitive).");
            return false;
        }

        if (!JsonInput.TryGetOptionalString(root, "event_description", limits.MaxStringLength, out var description)
            || (description is not null && !description.All(IsDescriptionCharacter)))
        {
            error = new(OpenId4VciErrorCodes.NotificationDescriptionInvalid, "'event_description' must be a string of the characters %x20-21 / %x23-5B / %x5D-7E (§11.1).");
            return false;
        }

        request = new NotificationRequest { NotificationId = notificationId, Event = eventName, EventDescription = description };
        error = null;
        return true;
    }

    // §11.1: printable ASCII without '"' and '\', as for OAuth error_description.
    private static bool IsDescriptionCharacter(char c) => c is >= '\x20' and <= '\x7E' and not '"' and not '\\';
}
