using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Wallet.Core.Development;
using Wallet.Core.Trust;
using static Wallet.Core.Tests.Trust.TestPki;

namespace Wallet.Core.Tests.Development;

public class DevelopmentCertificatesTests
{
    [Fact]
    public void Root_CA_has_the_IACA_style_profile_ISO18013_5_Annex_B()
    {
        var root = DevelopmentCertificates.CreateRootCa(Now, "Test IACA", "XX", TimeSpan.FromDays(100), pathLength: 0);

        root.Subject.Should().Be("C=XX, CN=Test IACA");
        root.Issuer.Should().Be(root.Subject);
        new DateTimeOffset(root.NotBefore.ToUniversalTime()).Should().Be(Now);
        new DateTimeOffset(root.NotAfter.ToUniversalTime()).Should().Be(Now.AddDays(100));
        var constraints = root.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        constraints.Critical.Should().BeTrue();
        constraints.CertificateAuthority.Should().BeTrue();
        constraints.HasPathLengthConstraint.Should().BeTrue();
        constraints.PathLengthConstraint.Should().Be(0);
        var keyUsage = root.Extensions.OfType<X509KeyUsageExtension>().Single();
        keyUsage.Critical.Should().BeTrue();
        keyUsage.KeyUsages.Should().Be(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign);
        using var key = root.GetECDsaPublicKey()!;
        key.ExportParameters(false).Curve.Oid.Value.Should().Be("1.2.840.10045.3.1.7", "P-256");
        TrustAnchorStore.TryCreate([new TrustAnchor(root)], out _, out var errors).Should().BeTrue(string.Join(" | ", errors));
    }

    [Fact]
    public void Document_signer_has_the_mdoc_EKU_and_validates_to_its_IACA_ISO18013_5_Annex_B()
    {
        var iaca = DevelopmentCertificates.CreateRootCa(Now.AddDays(-1), country: "XX", pathLength: 0);
        var signer = DevelopmentCertificates.CreateDocumentSigner(iaca, Now.AddDays(-1));

        signer.Subject.Should().Be("C=XX, CN=Wallet Development Document Signer");
        var eku = signer.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single();
        eku.Critical.Should().BeTrue();
        eku.EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value).Should().Equal("1.0.18013.5.1.2");
        signer.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages.Should().Be(X509KeyUsageFlags.DigitalSignature);
        signer.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().Single().KeyIdentifier!.Value.ToArray()
            .Should().Equal(Convert.FromHexString(iaca.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single().SubjectKeyIdentifier!));
        signer.HasPrivateKey.Should().BeTrue();

        Validator(iaca).Validate([signer], CertificateUsage.MdocDocumentSigner, Now).Errors.Should().BeEmpty();
    }

    [Fact]
    public void Issuer_and_status_list_signers_under_an_intermediate_validate_for_their_usages()
    {
        var root = DevelopmentCertificates.CreateRootCa(Now.AddDays(-10));
        var intermediate = DevelopmentCertificates.CreateIntermediateCa(root, Now.AddDays(-10));
        var issuer = DevelopmentCertificates.CreateSigner(intermediate, Now.AddDays(-10));
        var statusListSigner = DevelopmentCertificates.CreateStatusListSigner(intermediate, Now.AddDays(-10));
        var validator = Validator(root);

        validator.Validate([issuer, intermediate], CertificateUsage.SdJwtVcIssuer, Now).Errors.Should().BeEmpty();
        validator.Validate([statusListSigner, intermediate], CertificateUsage.StatusListSigner, Now).Errors.Should().BeEmpty();
        validator.Validate([issuer, intermediate], CertificateUsage.MdocDocumentSigner, Now).Codes().Should().Equal(TrustErrorCodes.EkuMissing);
    }

    [Fact]
    public void Certificate_and_PKCS8_private_key_survive_a_PEM_round_trip()
    {
        var root = DevelopmentCertificates.CreateRootCa(Now.AddDays(-1));
        var signer = DevelopmentCertificates.CreateSigner(root, Now.AddDays(-1));

        var certificatePem = DevelopmentCertificates.ExportCertificatePem(signer);
        var keyPem = DevelopmentCertificates.ExportPrivateKeyPem(signer);
        var imported = DevelopmentCertificates.ImportPem(certificatePem, keyPem);

        certificatePem.Should().StartWith("-----BEGIN CERTIFICATE-----");
        keyPem.Should().StartWith("-----BEGIN PRIVATE KEY-----");
        imported.RawData.Should().Equal(signer.RawData);
        using var importedKey = imported.GetECDsaPrivateKey()!;
        using var originalPublicKey = signer.GetECDsaPublicKey()!;
        var signature = importedKey.SignData("payload"u8, HashAlgorithmName.SHA256);
        originalPublicKey.VerifyData("payload"u8, signature, HashAlgorithmName.SHA256).Should().BeTrue();
        DevelopmentCertificates.ImportPem(certificatePem).HasPrivateKey.Should().BeFalse();
        TrustAnchorStore.FromPem(DevelopmentCertificates.ExportCertificatePem(root)).Anchors.Single().Certificate.RawData.Should().Equal(root.RawData);
    }

    [Fact]
    public void Signing_key_carries_the_chain_leaf_first_without_the_root_HAIP_4_1()
    {
        var root = DevelopmentCertificates.CreateRootCa(Now.AddDays(-1));
        var intermediate = DevelopmentCertificates.CreateIntermediateCa(root, Now.AddDays(-1));
        var signer = DevelopmentCertificates.CreateSigner(intermediate, Now.AddDays(-1));

        var signingKey = DevelopmentCertificates.ToSigningKey(signer, [intermediate], "dev-1");

        signingKey.CertificateChain.Should().Equal(signer, intermediate);
        signingKey.KeyId.Should().Be("dev-1");
        Validator(root).Validate(signingKey.CertificateChain, CertificateUsage.SdJwtVcIssuer, Now).IsValid.Should().BeTrue();
        signingKey.Key.Dispose();
    }

    [Fact]
    public void Issuing_from_a_certificate_without_its_private_key_is_a_programming_error()
    {
        var root = DevelopmentCertificates.CreateRootCa(Now.AddDays(-1));
        var publicOnly = X509CertificateLoader.LoadCertificate(root.RawData);

        var act = () => DevelopmentCertificates.CreateSigner(publicOnly, Now);

        act.Should().Throw<ArgumentException>();
    }
}
