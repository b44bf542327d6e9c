using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Wallet.Core.Dcql;
using Wallet.Core.Development;
using Wallet.Core.Jose;
using Wallet.Core.OpenId4Vp;
using Wallet.Core.Tests.TestSupport;
using Wallet.Core.Trust;

namespace Wallet.Core.Tests.OpenId4Vp;

/// <summary>A verifier PKI (root → request signer with a dNSName SAN), a wallet-side validator trusting the root, and a request.</summary>
internal sealed class OpenId4VpFixture : IDisposable
{
    public const string DnsName = "verifier.example";
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public OpenId4VpFixture()
    {
        Root = DevelopmentCertificates.CreateRootCa(Now.AddDays(-30), "Verifier Test Root");
        Leaf = DevelopmentCertificates.CreateVerifierRequestSigner(Root, Now.AddDays(-1), DnsName);
        SigningKey = DevelopmentCertificates.ToSigningKey(Leaf);
        EncryptionKey = VerifierEncryptionKey.Generate("enc-1");
    }

    public FakeTimeProvider Clock { get; } = new(Now);

    public X509Certificate2 Root { get; }

    public X509Certificate2 Leaf { get; }

    public SigningKey SigningKey { get; }

    public VerifierEncryptionKey EncryptionKey { get; }

    public static DcqlQuery Query { get; } = ParseQuery("""{"credentials":[{"id":"pid","format":"dc+sd-jwt","meta":{"vct_values":["urn:eudi:pid:1"]},"claims":[{"path":["given_name"]}]}]}""");

    public RequestObjectValidator Validator(X509Certificate2? anchor = null) => new(new RequestObjectValidatorOptions
    {
        ChainValidator = new X509ChainValidator(TrustAnchorStore.FromCertificates([anchor ?? Root])),
        TimeProvider = Clock,
    });

    public AuthorizationRequest Request(string responseMode = ResponseModes.DirectPostJwt, ClientId? clientId = null, string? walletNonce = null) => new()
    {
        ClientId = clientId ?? ClientId.ForX509SanDns(DnsName),
        ResponseMode = responseMode,
        ResponseUri = new Uri($"https://{DnsName}/response/tx-1"),
        Nonce = "n-0S6_WzA2Mj",
        State = "st-1",
        DcqlQuery = Query,
        ClientMetadata = VerifierClientMetadata.Create(responseMode == ResponseModes.DirectPostJwt ? EncryptionKey : null),
        WalletNonce = walletNonce,
        IssuedAt = Now,
        ExpiresAt = Now.AddMinutes(5),
    };

    /// <summary>Signs an arbitrary payload with the verifier key and its chain.</summary>
    public string SignRaw(JsonObject payload, string typ = RequestObjectSigner.RequestObjectType, SigningKey? key = null) =>
        JwsWriter.Sign(key ?? SigningKey, typ, payload.ToJsonString(), includeCertificateChain: true);

    public void Dispose()
    {
        EncryptionKey.Dispose();
        SigningKey.Key.Dispose();
        Leaf.Dispose();
        Root.Dispose();
    }

    private static DcqlQuery ParseQuery(string json)
    {
        DcqlQuery.TryParse(json, out var query, out var errors).Should().BeTrue(string.Join("; ", errors));
        return query!;
    }
}
