using Wallet.Core.Trust;

namespace Wallet.Core.Tests.Trust;

/// <summary>
/// Chain validation against the ISO/IEC 18013-5 Annex D certificates: the document signer (CN=utopia ds, valid
/// 2020-10-01 to 2021-10-01) under the IACA root (CN=utopia iaca), and the reader certificate under the reader root.
/// </summary>
public class AnnexDChainTests
{
    private static readonly DateTimeOffset InsideValidity = new(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Document_signer_validates_to_the_IACA_root_within_its_validity_ISO18013_5_9_3_1_and_Annex_B()
    {
        var iaca = AnnexDVectors.IacaRoot();
        var validator = new X509ChainValidator(TrustAnchorStore.FromCertificates([iaca], LevelOfAssurance.High, "Utopia IACA"));

        var result = validator.Validate([AnnexDVectors.DocumentSigner()], CertificateUsage.MdocDocumentSigner, InsideValidity);

        result.Errors.Should().BeEmpty();
        result.IsValid.Should().BeTrue();
        result.TrustAnchor!.Certificate.RawData.Should().Equal(iaca.RawData);
        result.TrustAnchor.DisplayName.Should().Be("Utopia IACA");
        result.LevelOfAssurance.Should().Be(LevelOfAssurance.High);
        result.Leaf!.Subject.Should().Be("C=US, CN=utopia ds");
    }

    [Fact]
    public void Document_signer_is_rejected_as_expired_today_and_the_message_names_it_and_its_window()
    {
        var validator = TestPki.Validator(AnnexDVectors.IacaRoot());

        var result = validator.Validate([AnnexDVectors.DocumentSigner()], CertificateUsage.MdocDocumentSigner, TimeProvider.System);

        result.IsValid.Should().BeFalse();
        var expired = result.Errors.Should().ContainSingle(e => e.Code == TrustErrorCodes.CertificateExpired && e.Message.Contains("utopia ds", StringComparison.Ordinal)).Subject;
        expired.Message.Should().Contain("Leaf certificate 'C=US, CN=utopia ds'").And.Contain("2020-10-01T00:00:00Z").And.Contain("2021-10-01T00:00:00Z");
    }

    [Fact]
    public void Document_signer_one_second_after_its_notAfter_is_expired()
    {
        var validator = TestPki.Validator(AnnexDVectors.IacaRoot());

        var result = validator.Validate([AnnexDVectors.DocumentSigner()], CertificateUsage.MdocDocumentSigner, new DateTimeOffset(2021, 10, 1, 0, 0, 1, TimeSpan.Zero));

        result.Codes().Should().Equal(TrustErrorCodes.CertificateExpired);
    }

    [Fact]
    public void Document_signer_is_untrusted_against_the_reader_root_and_the_message_names_the_missing_IACA()
    {
        var validator = TestPki.Validator(AnnexDVectors.ReaderRoot());

        var result = validator.Validate([AnnexDVectors.DocumentSigner()], CertificateUsage.MdocDocumentSigner, InsideValidity);

        result.Codes().Should().Equal(TrustErrorCodes.UntrustedRoot);
        result.Errors[0].Message.Should().Contain("'C=US, CN=utopia iaca'").And.Contain("'CN=reader root'");
        result.TrustAnchor.Should().BeNull();
    }

    [Fact]
    public void Reader_certificate_lacks_the_document_signer_EKU_ISO18013_5_Annex_B()
    {
        var validator = TestPki.Validator(AnnexDVectors.ReaderRoot());

        var result = validator.Validate([AnnexDVectors.Reader()], CertificateUsage.MdocDocumentSigner, InsideValidity);

        result.Codes().Should().Equal(TrustErrorCodes.EkuMissing);
        result.Errors[0].Message.Should().Contain("1.0.18013.5.1.6").And.Contain("1.0.18013.5.1.2");
    }

    [Fact]
    public void Reader_certificate_validates_to_the_reader_root_for_the_reader_authentication_EKU_ISO18013_5_Annex_B()
    {
        var validator = TestPki.Validator(AnnexDVectors.ReaderRoot());

        var result = validator.Validate([AnnexDVectors.Reader()], new CertificateUsage("mdoc reader", "1.0.18013.5.1.6"), InsideValidity);

        result.Errors.Should().BeEmpty();
        result.LevelOfAssurance.Should().BeNull();
    }

    [Fact]
    public void IACA_root_sent_with_the_document_signer_is_rejected_HAIP_4_1()
    {
        var validator = TestPki.Validator(AnnexDVectors.IacaRoot());

        var result = validator.Validate([AnnexDVectors.DocumentSigner(), AnnexDVectors.IacaRoot()], CertificateUsage.MdocDocumentSigner, InsideValidity);

        result.Codes().Should().Equal(TrustErrorCodes.AnchorInChain);
    }

    [Fact]
    public void IACA_root_sent_with_the_document_signer_is_accepted_when_allowed()
    {
        var validator = TestPki.Validator(new X509ChainValidatorOptions { AllowAnchorInChain = true }, AnnexDVectors.IacaRoot());

        var result = validator.Validate([AnnexDVectors.DocumentSigner(), AnnexDVectors.IacaRoot()], CertificateUsage.MdocDocumentSigner, InsideValidity);

        result.Errors.Should().BeEmpty();
        result.TrustAnchor!.Certificate.Subject.Should().Be("C=US, CN=utopia iaca");
        result.Chain.Select(c => c.Subject).Should().Equal(["C=US, CN=utopia ds", "C=US, CN=utopia iaca"], "the anchor sent along is not counted twice");
    }
}
