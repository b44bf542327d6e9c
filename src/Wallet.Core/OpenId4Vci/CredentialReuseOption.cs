using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wallet.Core.OpenId4Vci;

/// <summary>One option of a <see cref="CredentialReusePolicy"/> (ETSI TS 119 472-3 §4.2.4.2).</summary>
/// <param name="Details">The methods combined in this option (<c>details</c>), e.g. <see cref="OnceOnly"/>.</param>
public sealed record CredentialReuseOption(IReadOnlyList<string> Details)
{
    /// <summary>Method A: each technical credential is presented once (ARF ISSU_43 to ISSU_47).</summary>
    public const string OnceOnly = "once_only";

    /// <summary>Method B: one technical credential, presented until shortly before it expires (ARF ISSU_48 to ISSU_50).</summary>
    public const string LimitedTime = "limited_time";

    /// <summary>Method C: a batch presented in random rotation (ARF ISSU_51 to ISSU_54).</summary>
    public const string RotatingBatch = "rotating-batch";

    /// <summary>Method D: one technical credential per Relying Party (ARF ISSU_55 to ISSU_57).</summary>
    public const string PerRelyingParty = "per-relying-party";

    /// <summary>How many credentials a batch holds (<c>batch_size</c>).</summary>
    public int? BatchSize { get; init; }

    /// <summary>The number of unused credentials at which the Wallet Unit requests a new batch (<c>reissue_trigger_unused</c>, ISSU_45).</summary>
    public int? ReissueTriggerUnused { get; init; }

    /// <summary>The lifetime left at which the Wallet Unit requests re-issuance (<c>reissue_trigger_lifetime_left</c>, in seconds on the wire; ISSU_50).</summary>
    public TimeSpan? ReissueTriggerLifetimeLeft { get; init; }

    /// <summary>The option as JSON.</summary>
    public JsonObject ToJsonObject()
    {
        var json = new JsonObject { ["details"] = new JsonArray(Details.Select(d => (JsonNode)d).ToArray()) };
        if (BatchSize is { } size)
        {
            json["batch_size"] = size;
        }

        if (ReissueTriggerUnused is { } unused)
        {
            json["reissue_trigger_unused"] = unused;
        }

        if (ReissueTriggerLifetimeLeft is { } left)
        {
            json["reissue_trigger_lifetime_left"] = (long)left.TotalSeconds;
        }

        return json;
    }

    /// <summary>Reads an option; null when <c>details</c> is missing or empty, or a count is not a non-negative integer.</summary>
    public static CredentialReuseOption? FromJson(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("details", out var details) || details.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var methods = new List<string>();
        foreach (var d in details.EnumerateArray())
        {
            if (d.ValueKind == JsonValueKind.String && d.GetString() is { Length: > 0 } method)
            {
                methods.Add(method);
            }
        }

        if (methods.Count == 0
            || !TryCount(element, "batch_size", out var batchSize)
            || !TryCount(element, "reissue_trigger_unused", out var unused)
            || !TryCount(element, "reissue_trigger_lifetime_left", out var lifetimeLeft))
        {
            return null;
        }

        return new CredentialReuseOption(methods)
        {
            BatchSize = (int?)batchSize,
            ReissueTriggerUnused = (int?)unused,
            ReissueTriggerLifetimeLeft = lifetimeLeft is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
        };
    }

    private static bool TryCount(JsonElement parent, string name, out long? value)
    {
        value = null;
        if (!parent.TryGetProperty(name, out var element))
        {
            return true;
        }

        // Counts stay within int and lifetimes within ten years, so a hostile value cannot overflow a TimeSpan.
        var max = name == "reissue_trigger_lifetime_left" ? 10L * 366 * 24 * 3600 : int.MaxValue;
        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var number) && number >= 0 && number <= max)
        {
            value = number;
            return true;
        }

        return false;
    }
}
