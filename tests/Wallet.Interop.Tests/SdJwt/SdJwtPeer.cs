using System.Buffers.Text;
using System.Text.Json.Nodes;
using Wallet.Core.Jose;

namespace Wallet.Interop.Tests.SdJwt;

/// <summary>
/// The OpenWallet Foundation's sd-jwt-js (<c>@sd-jwt/sd-jwt-vc</c> 0.20.0 with <c>@sd-jwt/crypto-nodejs</c> 0.19.0,
/// pinned in <c>js/sd-jwt/package-lock.json</c>) as Issuer, Holder and Verifier.
/// </summary>
public sealed class SdJwtPeer
{
    private readonly NodePeer _node = new("sd-jwt");

    /// <summary>
    /// The peer issues <see cref="InteropCredential.Claims"/> with its disclosure frame to a holder key of its own and
    /// presents it with its presentation frame and, when <see cref="PeerIssuance.Nonce"/> is set, a KB-JWT.
    /// </summary>
    public async Task<PeerPresentation> IssueAndPresentAsync(PeerIssuance issuance)
    {
        var now = DateTimeOffset.UtcNow;
        var request = new JsonObject
        {
            ["payload"] = InteropCredential.PeerPayload(now, issuance.Claims ?? InteropCredential.Claims()),
            ["disclosureFrame"] = issuance.DisclosureFrame?.DeepClone() ?? InteropCredential.PeerDisclosureFrame(),
            ["presentationFrame"] = issuance.PresentationFrame?.DeepClone() ?? InteropCredential.PeerPresentationFrame(),
            ["hashAlg"] = issuance.HashAlgorithm,
        };
        if (issuance.Pki is { } pki)
        {
            request["issuerKey"] = pki.IssuerKeyPem;
            request["x5c"] = new JsonArray(pki.X5c.Select(c => (JsonNode)c).ToArray());
        }

        if (issuance.Type is { } type)
        {
            request["typ"] = type;
        }

        if (issuance.Nonce is { } nonce)
        {
            request["kb"] = new JsonObject
            {
                ["aud"] = issuance.Audience,
                ["nonce"] = nonce,
                ["iat"] = (now - issuance.KeyBindingAge).ToUnixTimeSeconds(),
            };
        }

        return Read(await _node.RunAsync("issue-and-present.mjs", request));
    }

    /// <summary>
    /// The peer, as the Holder of a credential issued by someone else (<paramref name="issued"/>, signed by
    /// <paramref name="issuerKey"/>, bound to <paramref name="holderKey"/>), presents it with
    /// <paramref name="presentationFrame"/> and a KB-JWT for <see cref="InteropCredential.Audience"/> and
    /// <see cref="InteropCredential.Nonce"/>.
    /// </summary>
    public async Task<PeerPresentation> PresentAsync(string issued, PublicJwk issuerKey, SigningKey holderKey, JsonObject presentationFrame)
    {
        var parameters = holderKey.Key.ExportParameters(includePrivateParameters: true);
        var holderJwk = holderKey.PublicJwk.ToJsonObject();
        holderJwk["d"] = Base64Url.EncodeToString(parameters.D);
        var request = new JsonObject
        {
            ["issued"] = issued,
            ["issuerPublicJwk"] = issuerKey.ToJsonObject(),
            ["holderKey"] = holderJwk,
            ["presentationFrame"] = presentationFrame,
            ["kb"] = new JsonObject
            {
                ["aud"] = InteropCredential.Audience,
                ["nonce"] = InteropCredential.Nonce,
                ["iat"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            },
        };
        return Read(await _node.RunAsync("issue-and-present.mjs", request));
    }

    /// <summary>
    /// The peer verifies <paramref name="presentation"/> as of <paramref name="now"/> (default: now); the Issuer key
    /// is <paramref name="issuerKey"/> or, when null, the <c>x5c</c> leaf chained to <paramref name="pki"/>'s root.
    /// Without <paramref name="nonce"/> the peer checks no Key Binding. With <paramref name="libraryOnly"/> the script
    /// does not compare the KB-JWT <c>aud</c> itself: the verdict is sd-jwt-js's alone.
    /// </summary>
    public async Task<PeerVerdict> VerifyAsync(string presentation, PublicJwk? issuerKey, InteropPki? pki, string? nonce = InteropCredential.Nonce, string audience = InteropCredential.Audience, DateTimeOffset? now = null, bool libraryOnly = false)
    {
        var request = new JsonObject { ["presentation"] = presentation, ["libraryOnly"] = libraryOnly };
        if (now is { } time)
        {
            request["now"] = time.ToUnixTimeSeconds();
        }

        if (issuerKey is not null)
        {
            request["issuerPublicJwk"] = issuerKey.ToJsonObject();
        }
        else
        {
            request["trustedRootPem"] = pki?.RootPem ?? throw new ArgumentNullException(nameof(pki));
        }

        if (nonce is not null)
        {
            request["nonce"] = nonce;
            request["aud"] = audience;
        }

        var answer = await _node.RunAsync("verify.mjs", request);
        return answer["verified"]!.GetValue<bool>()
            ? new PeerVerdict(true, null, (JsonObject)answer["header"]!, (JsonObject)answer["claims"]!, answer["kb"] as JsonObject)
            : new PeerVerdict(false, answer["error"]!.GetValue<string>(), null, null, null);
    }

    private static PeerPresentation Read(JsonObject answer) =>
        new(
            answer["issued"]!.GetValue<string>(),
            answer["presentation"]!.GetValue<string>(),
            Jwk(answer["issuerPublicJwk"]!),
            (JsonObject)answer["holderPrivateJwk"]!,
            answer["presentableKeys"]!.AsArray().Select(k => k!.GetValue<string>()).ToArray(),
            (JsonObject)answer["peerClaims"]!);

    private static PublicJwk Jwk(JsonNode json) =>
        PublicJwk.TryParse(json.ToJsonString(), out var jwk, out var error)
            ? jwk
            : throw new InvalidOperationException($"The peer's JWK is not usable: {error.Message}");
}
