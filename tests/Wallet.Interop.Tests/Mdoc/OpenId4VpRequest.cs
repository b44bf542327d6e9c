using System.Buffers.Text;
using System.Text.Json.Nodes;
using Wallet.Core.Mdoc;
using Wallet.Core.OpenId4Vp;

namespace Wallet.Interop.Tests.Mdoc;

/// <summary>
/// The request parameters an mdoc presentation over an OpenID4VP redirect flow is bound to (OpenID4VP 1.0 B.2.6.1):
/// client_id, nonce, response_uri and, for <c>direct_post.jwt</c>, the verifier's ephemeral encryption key.
/// </summary>
public sealed class OpenId4VpRequest : IDisposable
{
    private readonly VerifierEncryptionKey? _encryptionKey;

    public OpenId4VpRequest(string responseMode)
    {
        ResponseMode = responseMode;
        Nonce = Base64Url.EncodeToString(Guid.NewGuid().ToByteArray());
        _encryptionKey = responseMode == ResponseModes.DirectPostJwt ? VerifierEncryptionKey.Generate() : null;
    }

    /// <summary>The response modes of OpenID4VP 1.0 §8.2 and §8.3.1, one theory row each.</summary>
    public static TheoryData<string> BothResponseModes => new() { ResponseModes.DirectPost, ResponseModes.DirectPostJwt };

    public string ResponseMode { get; }

    public string ClientId => "x509_san_dns:verifier.example";

    public string Nonce { get; }

    public string ResponseUri => "https://verifier.example/oid4vp/response";

    /// <summary>The RFC 7638 thumbprint of the encryption key, base64url; null for <c>direct_post</c>.</summary>
    public string? JwkThumbprint => _encryptionKey?.PublicKey.ComputeThumbprintBase64Url();

    /// <summary>Our SessionTranscript for this request.</summary>
    public SessionTranscript Transcript() =>
        SessionTranscript.ForOpenId4VpRedirect(ClientId, Nonce, ResponseEncryption.ForResponseMode(ResponseMode, _encryptionKey?.PublicKey), ResponseUri);

    /// <summary>The <c>--oid4vp</c> value of the wallet CLI for this request.</summary>
    public string CliOption() => string.Join(',', new[] { ClientId, Nonce, ResponseUri, JwkThumbprint }.OfType<string>());

    /// <summary>The handover parameters as the peer's scripts take them (the peer builds its own transcript).</summary>
    public JsonObject PeerHandover() => new()
    {
        ["clientId"] = ClientId,
        ["nonce"] = Nonce,
        ["responseUri"] = ResponseUri,
        ["jwkThumbprint"] = JwkThumbprint,
    };

    public void Dispose() => _encryptionKey?.Dispose();
}
