using System.Text.Json;
using Wallet.Core.Claims;

namespace Wallet.Core.Dcql;

/// <summary>One entry of a Credential Query's <c>claims</c> (OpenID4VP 1.0 §6.3).</summary>
public sealed class ClaimsQuery
{
    internal ClaimsQuery(string? id, ClaimPath path, IReadOnlyList<JsonElement> values, bool? intentToRetain)
    {
        Id = id;
        Path = path;
        Values = values;
        IntentToRetain = intentToRetain;
    }

    /// <summary>The claim id, present whenever the Credential Query has <c>claim_sets</c>.</summary>
    public string? Id { get; }

    /// <summary>The claims path pointer; for <c>mso_mdoc</c> always [namespace, data element identifier].</summary>
    public ClaimPath Path { get; }

    /// <summary>
    /// The accepted values (strings, integers or booleans, detached from the parsed document); empty when any value
    /// is accepted. A claim matches when its value has the same JSON type and value as one of them (§6.4.1).
    /// </summary>
    public IReadOnlyList<JsonElement> Values { get; }

    /// <summary>For <c>mso_mdoc</c>, the Verifier's <c>intent_to_retain</c> (OpenID4VP 1.0 B.2.4); <c>null</c> when absent.</summary>
    public bool? IntentToRetain { get; }
}
