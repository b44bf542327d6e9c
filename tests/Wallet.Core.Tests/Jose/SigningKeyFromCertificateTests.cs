using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Wallet.Core.Development;
using Wallet.Core.Jose;

namespace Wallet.Core.Tests.Jose;

/// <summary>A production signing key from a certificate and its chain (or a PKCS#12 file), without the development helpers.</summary>
public sealed class SigningKeyFromCertificateTests : IDisposable
{
    private const string Password = "p12-password";
    private static readonly DateTimeOffset Now = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    private readonly X509Certificate2 _root = DevelopmentCertificates.CreateRootCa(Now.AddDays(-1), "Key Test Root");
    private readonly X509Certificate2 _intermediate;
    private readonly X509Certificate2 _leaf;

    public SigningKeyFromCertificateTests()
    {
        _intermediate = DevelopmentCertificates.CreateIntermediateCa(_root, Now.AddDays(-1), "Key Test Intermediate");
        _leaf = DevelopmentCertificates.CreateSigner(_intermediate, Now.AddDays(-1), "Key Test Signer");
    }

    [Fact]
    public void X5c_holds_the_leaf_then_its_issuer_and_leaves_the_trust_anchor_out_HAIP_6()
    {
        var key = SigningKey.FromCertificate(_leaf, [_intermediate, _root], "signer-1");

        key.CertificateChain.Select(c => c.Subject).Should().Equal(_leaf.Subject, _intermediate.Subject);
        key.KeyId.Should().Be("signer-1");
        key.Algorithm.Should().Be(JwsAlgorithm.ES256);
        var token = JwsWriter.Sign(key, "example+jwt", """{"n":1}""", includeCertificateChain: true);
        CompactJws.TryParse(token, out var jws, out _).Should().BeTrue();
        jws!.Header.GetProperty("x5c").EnumerateArray().Select(e => e.GetString())
            .Should().Equal(Convert.ToBase64String(_leaf.RawData), Convert.ToBase64String(_intermediate.RawData));
        jws.Verify(PublicJwk.FromECDsa(_leaf.GetECDsaPublicKey()!), JwsAlgorithmPolicy.Default, ["example+jwt"]).Should().BeEmpty();
    }

    [Fact]
    public void A_chain_out_of_order_is_rejected()
    {
        using var otherRoot = DevelopmentCertificates.CreateRootCa(Now.AddDays(-1), "Other Root");
        using var otherIntermediate = DevelopmentCertificates.CreateIntermediateCa(otherRoot, Now.AddDays(-1), "Other Intermediate");

        var create = () => SigningKey.FromCertificate(_leaf, [otherIntermediate]);

        create.Should().Throw<ArgumentException>().WithParameterName("chain")
            .Which.Message.Should().Contain("not in order").And.Contain("CN=Other Intermediate");
    }

    [Fact]
    public void A_certificate_without_its_private_key_is_rejected()
    {
        using var publicOnly = X509CertificateLoader.LoadCertificate(_leaf.RawData);

        var create = () => SigningKey.FromCertificate(publicOnly, [_intermediate]);

        create.Should().Throw<ArgumentException>().WithParameterName("certificate").Which.Message.Should().Contain("has no private key");
    }

    [Fact]
    public void A_certificate_with_an_RSA_key_is_rejected()
    {
        using var rsa = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=RSA Signer", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(Now.AddDays(-1), Now.AddDays(1));

        var create = () => SigningKey.FromCertificate(certificate);

        create.Should().Throw<ArgumentException>().WithParameterName("certificate").Which.Message.Should().Contain("is not an EC key");
    }

    [Fact]
    public void A_certificate_on_a_curve_without_a_JWS_algorithm_is_rejected_RFC7518_3_4()
    {
        using var brainpool = ECDsa.Create(ECCurve.NamedCurves.brainpoolP256r1);
        using var certificate = new CertificateRequest("CN=Brainpool Signer", brainpool, HashAlgorithmName.SHA256)
            .CreateSelfSigned(Now.AddDays(-1), Now.AddDays(1));

        var create = () => SigningKey.FromCertificate(certificate);

        create.Should().Throw<ArgumentException>().Which.Message.Should().Contain("Only P-256, P-384 and P-521");
    }

    [Fact]
    public void Pkcs12_content_in_any_order_gives_the_leaf_then_its_issuer()
    {
        var pkcs12 = Export([_leaf], _root, _intermediate);

        var key = SigningKey.FromPkcs12(pkcs12, Password, "p12");

        key.CertificateChain.Select(c => c.Subject).Should().Equal(_leaf.Subject, _intermediate.Subject);
        key.PublicJwk.HasSameKey(PublicJwk.FromECDsa(_leaf.GetECDsaPublicKey()!)).Should().BeTrue();
        key.KeyId.Should().Be("p12");
    }

    [Fact]
    public void Pkcs12_content_without_a_private_key_is_rejected()
    {
        var pkcs12 = Export([], _leaf, _intermediate);

        var create = () => SigningKey.FromPkcs12(pkcs12, Password);

        create.Should().Throw<ArgumentException>().Which.Message.Should().Contain("no certificate with a private key");
    }

    [Fact]
    public void Pkcs12_content_with_two_private_keys_is_rejected_as_ambiguous()
    {
        using var second = DevelopmentCertificates.CreateSigner(_intermediate, Now.AddDays(-1), "Second Signer");
        var pkcs12 = Export([_leaf, second], _intermediate);

        var create = () => SigningKey.FromPkcs12(pkcs12, Password);

        create.Should().Throw<ArgumentException>().Which.Message.Should().Contain("2 certificates with a private key");
    }

    [Fact]
    public void Pkcs12_content_with_a_wrong_password_is_rejected()
    {
        var pkcs12 = Export([_leaf], _intermediate);

        var create = () => SigningKey.FromPkcs12(pkcs12, "wrong");

        create.Should().Throw<CryptographicException>();
    }

    public void Dispose()
    {
        _leaf.Dispose();
        _intermediate.Dispose();
        _root.Dispose();
    }

    /// <summary>A PKCS#12 file as a CA hands it out: private keys only for <paramref name="withKey"/>, the CA certificates public.</summary>
    private static byte[] Export(X509Certificate2[] withKey, params X509Certificate2[] publicOnly)
    {
        var collection = new X509Certificate2Collection(withKey);
        foreach (var certificate in publicOnly)
        {
            collection.Add(X509CertificateLoader.LoadCertificate(certificate.RawData));
        }

        return collection.Export(X509ContentType.Pkcs12, Password)!;
    }
}
