using System.Text.Json;

namespace Wallet.Core.Dcql;

/// <summary>
/// The <c>meta</c> of a Credential Query for a format this library does not type (e.g. <c>jwt_vc_json</c>), kept as
/// the JSON object received. Matching fails closed when it has members, since they cannot be evaluated here.
/// </summary>
public sealed class OtherFormatCredentialQueryMeta : CredentialQueryMeta
{
    internal OtherFormatCredentialQueryMeta(JsonElement json) => Json = json;

    /// <summary>The <c>meta</c> JSON object, detached from the parsed document.</summary>
    public JsonElement Json { get; }

    /// <summary>True when the object has no members, i.e. places no constraint on the credential.</summary>
    public bool IsEmpty => !Json.EnumerateObject().Any();
}
