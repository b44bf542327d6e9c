using System.Security.Cryptography;
using Wallet.Core.Development;
using Wallet.Core.OpenId4Vp;
using Wallet.Core.Trust;

namespace Wallet.Core.Tests.OpenId4Vp;

/// <summary>Client Identifier Prefixes x509_san_dns and x509_hash (OpenID4VP 1.0 §5.9; HAIP 1.0 §5).</summary>
public sealed class ClientIdTests : IDisposable
{
    private readonly OpenId4VpFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void X509_san_dns_client_id_keeps_its_prefix_OID4VP_5_9_1()
    {
        ClientId.TryParse("x509_san_dns:verifier.example", OpenId4VpLimits.Default, out var clientId, out var error).Should().BeTrue(error?.ToString());

        clientId!.Prefix.Should().Be(ClientIdPrefixes.X509SanDns);
        clientId.OriginalIdentifier.Should().Be("verifier.example");
        clientId.Value.Should().Be("x509_san_dns:verifier.example");
    }

    [Fact]
    public void X509_hash_client_id_is_the_base64url_sha256_of_the_leaf_DER_OID4VP_5_9_3()
    {
        var clientId = ClientId.ForX509Hash(_fixture.Leaf);

        clientId.OriginalIdentifier.Should().Be(System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(_fixture.Leaf.RawData)));
        ClientId.TryParse(clientId.Value, OpenId4VpLimits.Default, out var parsed, out _).Should().BeTrue();
        parsed.Should().Be(clientId);
        clientId.CheckBoundTo(_fixture.Leaf).Should().BeNull();
    }

    [Theory]
    [InlineData("", OpenId4VpErrorCodes.ClientIdInvalid)]
    [InlineData("verifier.example", OpenId4VpErrorCodes.ClientIdUnsupportedPrefix)]
    [InlineData("redirect_uri:https://verifier.example/cb", OpenId4VpErrorCodes.ClientIdUnsupportedPrefix)]
    [InlineData("origin:https://verifier.example", OpenId4VpErrorCodes.ClientIdUnsupportedPrefix)]
    [InlineData("https://verifier.example", OpenId4VpErrorCodes.ClientIdUnsupportedPrefix)]
    [InlineData("X509_SAN_DNS:verifier.example", OpenId4VpErrorCodes.ClientIdUnsupportedPrefix)]
    [InlineData("x509_san_dns:", OpenId4VpErrorCodes.ClientIdInvalid)]
    [InlineData("x509_san_dns:-verifier.example", OpenId4VpErrorCodes.ClientIdInvalid)]
    [InlineData("x509_san_dns:verifier..example", OpenId4VpErrorCodes.ClientIdInvalid)]
    [InlineData("x509_san_dns:https://verifier.example", OpenId4VpErrorCodes.ClientIdInvalid)]
    [InlineData("x509_hash:abc", OpenId4VpErrorCodes.ClientIdInvalid)]
    [InlineData("x509_hash:Uvo3HtuIxuhC92rShpgqcT3YXwrqRxWEviRiA0OZszk=", OpenId4VpErrorCodes.ClientIdInvalid)]
    public void Client_id_outside_the_supported_prefixes_is_rejected_OID4VP_5_9(string value, string code)
    {
        ClientId.TryParse(value, OpenId4VpLimits.Default, out _, out var error).Should().BeFalse();

        error!.Code.Should().Be(code);
    }

    [Fact]
    public void Over_long_client_id_is_rejected()
    {
        ClientId.TryParse("x509_san_dns:" + new string('a', 3000), OpenId4VpLimits.Default, out _, out var error).Should().BeFalse();

        error!.Code.Should().Be(OpenId4VpErrorCodes.ClientIdInvalid);
    }

    [Theory]
    [InlineData("verifier.example", true)]
    [InlineData("VERIFIER.example", true)]
    [InlineData("other.example", false)]
    [InlineData("example", false)]
    public void X509_san_dns_must_match_a_dNSName_SAN_of_the_leaf_OID4VP_5_9_3(string dnsName, bool bound)
    {
        var error = ClientId.ForX509SanDns(dnsName).CheckBoundTo(_fixture.Leaf);

        if (bound)
        {
            error.Should().BeNull();
        }
        else
        {
            error!.Code.Should().Be(OpenId4VpErrorCodes.ClientIdNotBound);
        }
    }

    [Fact]
    public void Certificate_without_SAN_binds_no_x509_san_dns_client_id_OID4VP_5_9_3()
    {
        using var noSan = DevelopmentCertificates.CreateSigner(_fixture.Root, OpenId4VpFixture.Now.AddDays(-1), "verifier.example");

        ClientId.ForX509SanDns("verifier.example").CheckBoundTo(noSan)!.Code.Should().Be(OpenId4VpErrorCodes.ClientIdNotBound);
    }

    [Fact]
    public void X509_hash_of_another_certificate_is_not_bound_OID4VP_5_9_3()
    {
        using var other = DevelopmentCertificates.CreateVerifierRequestSigner(_fixture.Root, OpenId4VpFixture.Now.AddDays(-1), OpenId4VpFixture.DnsName);

        ClientId.ForX509Hash(other).CheckBoundTo(_fixture.Leaf)!.Code.Should().Be(OpenId4VpErrorCodes.ClientIdNotBound);
    }

    [Theory]
    [InlineData("https://verifier.example/response", true)]
    [InlineData("https://evil.example/response", false)]
    [InlineData("https://verifier.example.evil.example/response", false)]
    public void X509_san_dns_response_uri_host_must_equal_the_dns_name_OID4VP_5_9_3(string responseUri, bool bound)
    {
        var error = ClientId.ForX509SanDns("verifier.example").CheckResponseUri(new Uri(responseUri));

        (error is null).Should().Be(bound);
        if (!bound)
        {
            error!.Code.Should().Be(OpenId4VpErrorCodes.ResponseUriNotBound);
        }
    }

    [Fact]
    public void X509_hash_does_not_constrain_the_response_uri_OID4VP_5_9_3() =>
        ClientId.ForX509Hash(_fixture.Leaf).CheckResponseUri(new Uri("https://elsewhere.example/r")).Should().BeNull();
}
