using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wallet.Core.OpenId4Vci;

/// <summary>
/// The <c>credential_reuse_policy</c> of a credential configuration's <c>credential_metadata</c>, specified in ETSI TS
/// 119 472-3 §4.2.4.2 and required by the ARF (Annex 2, ISSU_39, ISSU_40, ISSU_45, ISSU_50): how often a Wallet Unit may
/// present one technical credential, and when it must ask for a new batch.
/// </summary>
public sealed record CredentialReusePolicy
{
    /// <summary>The policy identifier for the methods of ARF Annex 2 (A once-only, B limited-time, C rotating-batch, D per-Relying-Party).</summary>
    public const string ArfAnnexII = "arf_annex_ii";

    /// <summary>The policy identifier (<c>id</c>).</summary>
    public string Id { get; init; } = ArfAnnexII;

    /// <summary>The options (<c>options</c>), most preferred first (ISSU_39).</summary>
    public required IReadOnlyList<CredentialReuseOption> Options { get; init; }

    /// <summary>Method A of ARF Annex 2 (ISSU_43 to ISSU_47): each credential presented once, batches of <paramref name="batchSize"/>, a new batch when <paramref name="reissueTriggerUnused"/> are left or the lifetime left falls to <paramref name="reissueTriggerLifetimeLeft"/>.</summary>
    public static CredentialReusePolicy OnceOnly(int batchSize, int reissueTriggerUnused, TimeSpan? reissueTriggerLifetimeLeft) => new()
    {
        Options = [new CredentialReuseOption([CredentialReuseOption.OnceOnly]) { BatchSize = batchSize, ReissueTriggerUnused = reissueTriggerUnused, ReissueTriggerLifetimeLeft = reissueTriggerLifetimeLeft }],
    };

    /// <summary>The policy as JSON.</summary>
    public JsonObject ToJsonObject() => new()
    {
        ["id"] = Id,
        ["options"] = new JsonArray(Options.Select(o => (JsonNode)o.ToJsonObject()).ToArray()),
    };

    /// <summary>Reads a policy from metadata; null when it is not an object with an <c>id</c>. Options a Wallet cannot read are skipped.</summary>
    public static CredentialReusePolicy? FromJson(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object || JsonInput.GetString(element, "id") is not { } id)
        {
            return null;
        }

        var options = new List<CredentialReuseOption>();
        if (element.TryGetProperty("options", out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in array.EnumerateArray())
            {
                if (CredentialReuseOption.FromJson(item) is { } option)
                {
                    options.Add(option);
                }
            }
        }

        return new CredentialReusePolicy { Id = id, Options = options };
    }
}
