using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wallet.Core.OpenId4Vci;

/// <summary>How a Credential Issuer or a Credential is shown in one language (OpenID4VCI 1.0 §12.2.4 <c>display</c>).</summary>
public sealed record CredentialDisplay
{
    /// <summary>The display name.</summary>
    public required string Name { get; init; }

    /// <summary>The BCP 47 language tag, for example <c>en</c> or <c>nb</c>.</summary>
    public string? Locale { get; init; }

    /// <summary>A description.</summary>
    public string? Description { get; init; }

    /// <summary>The background color, as a CSS color value.</summary>
    public string? BackgroundColor { get; init; }

    /// <summary>The text color, as a CSS color value.</summary>
    public string? TextColor { get; init; }

    /// <summary>The logo, an https or data: URI.</summary>
    public Uri? LogoUri { get; init; }

    /// <summary>The display object as JSON.</summary>
    public JsonObject ToJsonObject()
    {
        var json = new JsonObject { ["name"] = Name };
        Add(json, "locale", Locale);
        if (LogoUri is { } logo)
        {
            json["logo"] = new JsonObject { ["uri"] = logo.OriginalString };
        }

        Add(json, "description", Description);
        Add(json, "background_color", BackgroundColor);
        Add(json, "text_color", TextColor);
        return json;
    }

    internal static CredentialDisplay? FromJson(JsonElement element)
    {
        var name = JsonInput.GetString(element, "name");
        if (name is null)
        {
            return null;
        }

        Uri? logo = null;
        if (element.TryGetProperty("logo", out var logoElement) && logoElement.ValueKind == JsonValueKind.Object
            && JsonInput.GetString(logoElement, "uri") is { } uri && Uri.TryCreate(uri, UriKind.Absolute, out var parsed))
        {
            logo = parsed;
        }

        return new CredentialDisplay
        {
            Name = name,
            Locale = JsonInput.GetString(element, "locale"),
            Description = JsonInput.GetString(element, "description"),
            BackgroundColor = JsonInput.GetString(element, "background_color"),
            TextColor = JsonInput.GetString(element, "text_color"),
            LogoUri = logo,
        };
    }

    private static void Add(JsonObject json, string name, string? value)
    {
        if (value is not null)
        {
            json[name] = value;
        }
    }
}
