using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Time.Testing;
using Wallet.Core.Trust;
using static Wallet.Core.Tests.Trust.TestPki;

namespace Wallet.Core.Tests.Trust;

public class X509ChainValidatorTests
{
    private const string DocumentSignerEku = "1.0.18013.5.1.2";
    private const string ReaderEku = "1.0.18013.5.1.6";

    private sealed record Scenario(IReadOnlyList<X509Certificate2> Chain, X509Certificate2[] Anchors, CertificateUsage Usage, X509ChainValidatorOptions? Options = null);

    /// <summary>One row per failed check: the scenario breaks exactly that check and nothing else.</summary>
    public static TheoryData<string, string[]> FailedChecks => new()
    {
        { "leaf expired (RFC 5280 §4.1.2.5)", [TrustErrorCodes.CertificateExpired] },
        { "leaf not yet valid (RFC 5280 §4.1.2.5)", [TrustErrorCodes.CertificateNotYetValid] },
        { "intermediate expired", [TrustErrorCodes.CertificateExpired] },
        { "trust anchor expired", [TrustErrorCodes.CertificateExpired] },
        { "issuer is not a configured anchor", [TrustErrorCodes.UntrustedRoot] },
        { "chain ends at an unknown self-signed root", [TrustErrorCodes.UntrustedRoot] },
        { "no anchor configured", [TrustErrorCodes.UntrustedRoot] },
        { "self-signed leaf (HAIP §4.1)", [TrustErrorCodes.UntrustedRoot, TrustErrorCodes.LeafSelfSigned] },
        { "intermediate without basicConstraints (RFC 5280 §4.2.1.9)", [TrustErrorCodes.NotACa] },
        { "intermediate with cA=FALSE (RFC 5280 §4.2.1.9)", [TrustErrorCodes.NotACa] },
        { "intermediate without keyCertSign (RFC 5280 §4.2.1.3)", [TrustErrorCodes.KeyUsage] },
        { "anchor pathLenConstraint 0 with an intermediate (RFC 5280 §4.2.1.9)", [TrustErrorCodes.PathLengthExceeded] },
        { "leaf without digitalSignature (RFC 5280 §4.2.1.3)", [TrustErrorCodes.KeyUsage] },
        { "leaf without keyUsage extension", [TrustErrorCodes.KeyUsage] },
        { "document signer without EKU (ISO 18013-5 Annex B)", [TrustErrorCodes.EkuMissing] },
        { "document signer with the reader EKU only (ISO 18013-5 Annex B)", [TrustErrorCodes.EkuMissing] },
        { "leaf signature tampered", [TrustErrorCodes.SignatureInvalid] },
        { "intermediate signature tampered", [TrustErrorCodes.SignatureInvalid] },
        { "issued by another key of a CA with the anchor's name", [TrustErrorCodes.SignatureInvalid] },
        { "leaf signed with ECDSA-SHA1", [TrustErrorCodes.UnsupportedAlgorithm] },
        { "intermediate is not the leaf's issuer (RFC 7515 §4.1.6)", [TrustErrorCodes.IssuerMismatch] },
        { "more certificates than MaxChainLength", [TrustErrorCodes.ChainTooLong] },
        { "empty chain", [TrustErrorCodes.ChainEmpty] },
        { "trust anchor included in the chain (HAIP §4.1)", [TrustErrorCodes.AnchorInChain] },
    };

    [Theory]
    [MemberData(nameof(FailedChecks))]
    public void Chain_failing_one_check_is_rejected_with_that_code(string failedCheck, string[] expectedCodes)
    {
        var scenario = Build(failedCheck);
        var validator = new X509ChainValidator(TrustAnchorStore.FromCertificates(scenario.Anchors), scenario.Options);

        var result = validator.Validate(scenario.Chain, scenario.Usage, Now);

        result.IsValid.Should().BeFalse();
        result.Codes().Should().Equal(expectedCodes, string.Join(" | ", result.Errors));
        result.TrustAnchor.Should().BeNull();
        result.LevelOfAssurance.Should().BeNull();
    }

    [Fact]
    public void Leaf_issued_directly_by_the_anchor_is_valid()
    {
        var root = Root();
        var leaf = Issue(root, "Issuer");

        var result = Validator(root).Validate([leaf], CertificateUsage.SdJwtVcIssuer, Now);

        result.Errors.Should().BeEmpty();
        result.Leaf.Should().BeSameAs(leaf);
        result.TrustAnchor!.Certificate.Should().BeSameAs(root);
    }

    [Fact]
    public void Leaf_with_intermediate_is_valid_and_reports_the_anchor()
    {
        var root = Root();
        var intermediate = IntermediateCa(root);
        var leaf = Issue(intermediate, "Document signer", extendedKeyUsages: [DocumentSignerEku]);

        var result = Validator(root).Validate([leaf, intermediate], CertificateUsage.MdocDocumentSigner, Now);

        result.Errors.Should().BeEmpty();
        result.TrustAnchor!.Certificate.Should().BeSameAs(root);
        result.Chain.Should().Equal([leaf, intermediate, root], "the validated chain is leaf first and ends at the anchor");
    }

    [Fact]
    public void Failed_validation_hands_out_no_chain()
    {
        var root = Root();
        var leaf = Issue(Root("Other Root"), "Issuer");

        var result = Validator(root).Validate([leaf], CertificateUsage.SdJwtVcIssuer, Now);

        result.Errors.Select(e => e.Code).Should().Contain(TrustErrorCodes.UntrustedRoot);
        result.Chain.Should().BeEmpty();
    }

    [Theory]
    [InlineData(LevelOfAssurance.Low)]
    [InlineData(LevelOfAssurance.Substantial)]
    [InlineData(LevelOfAssurance.High)]
    public void Level_of_assurance_is_the_tag_of_the_anchor_the_chain_ends_at(LevelOfAssurance level)
    {
        var tagged = Root("Tagged Root");
        var other = Root("Other Root");
        var store = TrustAnchorStore.Create([new TrustAnchor(other, LevelOfAssurance.Low, "other"), new TrustAnchor(tagged, level, "tagged")]);

        var result = new X509ChainValidator(store).Validate([Issue(tagged, "Issuer")], CertificateUsage.SdJwtVcIssuer, Now);

        result.Errors.Should().BeEmpty();
        result.LevelOfAssurance.Should().Be(level);
        result.TrustAnchor!.DisplayName.Should().Be("tagged");
    }

    [Fact]
    public void Untagged_anchor_gives_no_level_of_assurance()
    {
        var root = Root();

        var result = Validator(root).Validate([Issue(root, "Issuer")], CertificateUsage.SdJwtVcIssuer, Now);

        result.IsValid.Should().BeTrue();
        result.LevelOfAssurance.Should().BeNull();
    }

    [Fact]
    public void Untrusted_root_message_names_the_missing_issuer_its_key_identifier_and_the_configured_anchors()
    {
        var missing = Root("Missing Root");
        var configured = Root("Configured Root");
        var intermediate = IntermediateCa(missing);
        var leaf = Issue(intermediate, "Issuer");
        var missingKeyId = missing.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single().SubjectKeyIdentifier!;

        var result = Validator(configured).Validate([leaf, intermediate], CertificateUsage.SdJwtVcIssuer, Now);

        result.Codes().Should().Equal(TrustErrorCodes.UntrustedRoot);
        result.Errors[0].Message.Should()
            .Contain($"'{missing.Subject}'")
            .And.Contain($"certificate #1 '{intermediate.Subject}'")
            .And.Contain(missingKeyId)
            .And.Contain($"Configured anchors (1): '{configured.Subject}'");
    }

    [Fact]
    public void Expiry_message_names_the_certificate_by_position_and_subject_and_its_window()
    {
        var root = Root();
        var intermediate = IntermediateCa(root, "Old Intermediate", Now.AddDays(-400), Now.AddDays(-35));
        var leaf = Issue(intermediate, "Issuer", Now.AddDays(-40), Now.AddDays(300));

        var result = Validator(root).Validate([leaf, intermediate], CertificateUsage.SdJwtVcIssuer, Now);

        result.Codes().Should().Equal(TrustErrorCodes.CertificateExpired);
        result.Errors[0].Message.Should().Be(
            $"Certificate #1 '{intermediate.Subject}' has expired at 2026-01-15T12:00:00Z: valid from 2024-12-11T12:00:00Z to 2025-12-11T12:00:00Z.");
    }

    [Fact]
    public void Every_failed_check_is_listed_not_only_the_first()
    {
        var root = Root();
        var leaf = Issue(root, "Issuer", Now.AddDays(-60), Now.AddDays(-1), keyUsage: X509KeyUsageFlags.NonRepudiation);

        var result = Validator(root).Validate([leaf], CertificateUsage.MdocDocumentSigner, Now);

        result.Codes().Should().Equal(TrustErrorCodes.CertificateExpired, TrustErrorCodes.KeyUsage, TrustErrorCodes.EkuMissing);
    }

    [Fact]
    public void Validation_time_comes_from_the_time_provider()
    {
        var root = Root();
        var leaf = Issue(root, "Issuer", Now.AddDays(-1), Now.AddDays(1));
        var validator = Validator(root);

        validator.Validate([leaf], CertificateUsage.SdJwtVcIssuer, new FakeTimeProvider(Now)).IsValid.Should().BeTrue();
        validator.Validate([leaf], CertificateUsage.SdJwtVcIssuer, new FakeTimeProvider(Now.AddDays(2))).Codes().Should().Equal(TrustErrorCodes.CertificateExpired);
    }

    [Fact]
    public void Name_constraint_violation_found_only_by_the_platform_engine_is_rejected_RFC5280_4_2_1_10()
    {
        var root = RootPermittingOnly(new X500DistinguishedName("C=XX"));
        var leaf = Issue(root, "Outsider", subject: new X500DistinguishedName("CN=Outsider, C=YY"));

        var result = Validator(root).Validate([leaf], CertificateUsage.SdJwtVcIssuer, Now);

        result.Codes().Should().Equal(TrustErrorCodes.ChainInvalid);
        result.Errors[0].Message.Should().Contain("Outsider");
        Validator(root).Validate([Issue(root, "Insider")], CertificateUsage.SdJwtVcIssuer, Now).IsValid.Should().BeTrue();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RSA_signed_certificates_are_verified_with_PKCS1_and_PSS_padding(bool pss)
    {
        using var rootKey = RSA.Create(2048);
        var rootRequest = new CertificateRequest("CN=RSA Root, C=XX", rootKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        var root = rootRequest.CreateSelfSigned(Now.AddYears(-1), Now.AddYears(1));
        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leafRequest = new CertificateRequest("CN=Issuer, C=XX", leafKey, HashAlgorithmName.SHA384);
        leafRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        var generator = X509SignatureGenerator.CreateForRSA(rootKey, pss ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1);
        var leaf = leafRequest.Create(root.SubjectName, generator, Now.AddDays(-1), Now.AddDays(1), [1, 2, 3]);
        var validator = Validator(root);

        validator.Validate([leaf], CertificateUsage.SdJwtVcIssuer, Now).Errors.Should().BeEmpty();
        validator.Validate([WithBrokenSignature(leaf)], CertificateUsage.SdJwtVcIssuer, Now).Codes().Should().Equal(TrustErrorCodes.SignatureInvalid);
    }

    [Fact]
    public void Validator_rejects_a_non_positive_chain_length_limit()
    {
        var act = () => new X509ChainValidator(TrustAnchorStore.Empty, new X509ChainValidatorOptions { MaxChainLength = 0 });

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    private static Scenario Build(string failedCheck)
    {
        var root = Root();
        var intermediate = IntermediateCa(root);
        var generic = CertificateUsage.SdJwtVcIssuer;
        switch (failedCheck)
        {
            case "leaf expired (RFC 5280 §4.1.2.5)":
                return new([Issue(root, "Issuer", Now.AddDays(-60), Now.AddDays(-1))], [root], generic);
            case "leaf not yet valid (RFC 5280 §4.1.2.5)":
                return new([Issue(root, "Issuer", Now.AddDays(1), Now.AddDays(60))], [root], generic);
            case "intermediate expired":
                var expiredCa = IntermediateCa(root, "Expired CA", Now.AddDays(-400), Now.AddDays(-1));
                return new([Issue(expiredCa, "Issuer"), expiredCa], [root], generic);
            case "trust anchor expired":
                var oldRoot = Root("Old Root", notBefore: Now.AddYears(-3), notAfter: Now.AddDays(-1));
                return new([Issue(oldRoot, "Issuer")], [oldRoot], generic);
            case "issuer is not a configured anchor":
                return new([Issue(root, "Issuer")], [Root("Other Root")], generic);
            case "chain ends at an unknown self-signed root":
                return new([Issue(root, "Issuer"), root], [Root("Other Root")], generic);
            case "no anchor configured":
                return new([Issue(root, "Issuer")], [], generic);
            case "self-signed leaf (HAIP §4.1)":
                return new([SelfSignedLeaf()], [root], generic);
            case "intermediate without basicConstraints (RFC 5280 §4.2.1.9)":
                var noConstraints = Issue(root, "Not a CA", keyUsage: X509KeyUsageFlags.KeyCertSign);
                return new([Issue(noConstraints, "Issuer"), noConstraints], [root], generic);
            case "intermediate with cA=FALSE (RFC 5280 §4.2.1.9)":
                var endEntity = Issue(root, "End entity", ca: false, keyUsage: X509KeyUsageFlags.KeyCertSign);
                return new([Issue(endEntity, "Issuer"), endEntity], [root], generic);
            case "intermediate without keyCertSign (RFC 5280 §4.2.1.3)":
                var noCertSign = Issue(root, "CA without keyCertSign", ca: true, keyUsage: X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.CrlSign);
                return new([Issue(noCertSign, "Issuer"), noCertSign], [root], generic);
            case "anchor pathLenConstraint 0 with an intermediate (RFC 5280 §4.2.1.9)":
                var iaca = Root("IACA", pathLength: 0);
                var belowIaca = IntermediateCa(iaca);
                return new([Issue(belowIaca, "Issuer"), belowIaca], [iaca], generic);
            case "leaf without digitalSignature (RFC 5280 §4.2.1.3)":
                return new([Issue(root, "Issuer", keyUsage: X509KeyUsageFlags.NonRepudiation)], [root], generic);
            case "leaf without keyUsage extension":
                return new([Issue(root, "Issuer", keyUsage: null)], [root], generic);
            case "document signer without EKU (ISO 18013-5 Annex B)":
                return new([Issue(root, "Document signer")], [root], CertificateUsage.MdocDocumentSigner);
            case "document signer with the reader EKU only (ISO 18013-5 Annex B)":
                return new([Issue(root, "Document signer", extendedKeyUsages: [ReaderEku])], [root], CertificateUsage.MdocDocumentSigner);
            case "leaf signature tampered":
                return new([WithBrokenSignature(Issue(intermediate, "Issuer")), intermediate], [root], generic);
            case "intermediate signature tampered":
                return new([Issue(intermediate, "Issuer"), WithBrokenSignature(intermediate)], [root], generic);
            case "issued by another key of a CA with the anchor's name":
                return new([Issue(Root("Test Root CA"), "Issuer")], [root], generic);
            case "leaf signed with ECDSA-SHA1":
                return new([IssueWithSha1(root)], [root], generic);
            case "intermediate is not the leaf's issuer (RFC 7515 §4.1.6)":
                return new([Issue(intermediate, "Issuer"), IntermediateCa(root, "Sibling CA")], [root], generic);
            case "more certificates than MaxChainLength":
                return new([Issue(intermediate, "Issuer"), intermediate], [root], generic, new X509ChainValidatorOptions { MaxChainLength = 1 });
            case "empty chain":
                return new([], [root], generic);
            case "trust anchor included in the chain (HAIP §4.1)":
                return new([Issue(root, "Issuer"), root], [root], generic);
            default:
                throw new ArgumentOutOfRangeException(nameof(failedCheck), failedCheck, "Unknown scenario.");
        }
    }

    private static X509Certificate2 IssueWithSha1(X509Certificate2 issuer)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=SHA-1 signer, C=XX", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        using var issuerKey = issuer.GetECDsaPrivateKey()!;
        return request.Create(issuer.SubjectName, new EcdsaSha1SignatureGenerator(issuerKey), Now.AddDays(-1), Now.AddDays(1), [7]);
    }

    /// <summary>A root whose nameConstraints permit only subjects under <paramref name="permitted"/> (RFC 5280 §4.2.1.10).</summary>
    private static X509Certificate2 RootPermittingOnly(X500DistinguishedName permitted)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
            using (writer.PushSequence())
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 4, true)))
            {
                writer.WriteEncodedValue(permitted.RawData);
            }
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Constrained Root, C=XX", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509Extension("2.5.29.30", writer.Encode(), true));
        return request.CreateSelfSigned(Now.AddYears(-1), Now.AddYears(1));
    }

    /// <summary>Signs with ecdsa-with-SHA1 (1.2.840.10045.4.1), which the platform generator no longer offers.</summary>
    private sealed class EcdsaSha1SignatureGenerator(ECDsa key) : X509SignatureGenerator
    {
        public override byte[] GetSignatureAlgorithmIdentifier(HashAlgorithmName hashAlgorithm) =>
            [0x30, 0x09, 0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x01];

        public override byte[] SignData(byte[] data, HashAlgorithmName hashAlgorithm) =>
            key.SignData(data, HashAlgorithmName.SHA1, DSASignatureFormat.Rfc3279DerSequence);

        protected override PublicKey BuildPublicKey() => CreateForECDsa(key).PublicKey;
    }
}
