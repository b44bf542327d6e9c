using System.Text.Json.Nodes;
using Wallet.Core.Claims;

namespace Wallet.Core.OpenId4Vci;

/// <summary>A claims description object of Credential Issuer Metadata (OpenID4VCI 1.0 Appendix B.2).</summary>
/// <param name="Path">The claims path pointer (Appendix C).</param>
/// <param name="Mandatory">Whether the issuer always includes the claim; omitted when null (default false).</param>
/// <param name="Display">Names of the claim per language.</param>
public sealed record ClaimDescription(ClaimPath Path, bool? Mandatory, IReadOnlyList<ClaimDisplay> Display)
{
    /// <summary>The description as JSON.</summary>
    public JsonObject ToJsonObject()
    {
        ArgumentNullException.ThrowIfNull(Path);
        var json = new JsonObject { ["path"] = Path.ToJsonArray() };
        if (Mandatory is { } mandatory)
        {
            json["mandatory"] = mandatory;
        }

        if (Display.Count > 0)
        {
            json["display"] = new JsonArray(Display.Select(d =>
            {
                var item = new JsonObject { ["name"] = d.Name };
                if (d.Locale is not null)
                {
                    item["locale"] = d.Locale;
                }

                return (JsonNode)item;
            }).ToArray());
        }

        return json;
    }
}
