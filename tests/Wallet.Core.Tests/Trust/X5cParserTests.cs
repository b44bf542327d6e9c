using System.Formats.Cbor;
using System.Security.Cryptography.Cose;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Wallet.Core.Trust;

namespace Wallet.Core.Tests.Trust;

public class X5cParserTests
{
    private static readonly X509Certificate2 DocumentSigner = AnnexDVectors.DocumentSigner();
    private static readonly X509Certificate2 Iaca = AnnexDVectors.IacaRoot();

    [Fact]
    public void X5c_of_standard_base64_certificates_parses_leaf_first_keeping_the_exact_bytes_RFC7515_4_1_6()
    {
        using var header = JsonDocument.Parse($$"""{"x5c":["{{AnnexDVectors.Base64(DocumentSigner)}}","{{AnnexDVectors.Base64(Iaca)}}"]}""");

        X5cParser.TryParseX5c(header.RootElement.GetProperty("x5c"), out var chain, out var error).Should().BeTrue(error?.ToString());

        chain!.Select(c => c.RawData).Should().BeEquivalentTo([DocumentSigner.RawData, Iaca.RawData], o => o.WithStrictOrdering());
    }

    [Fact]
    public void X5c_from_the_ISO_18013_5_Annex_D_certificate_validates_to_the_IACA()
    {
        X5cParser.TryParseX5c([AnnexDVectors.Base64(DocumentSigner)], out var chain, out var error).Should().BeTrue(error?.ToString());

        var result = TestPki.Validator(Iaca).Validate(chain!, CertificateUsage.MdocDocumentSigner, new DateTimeOffset(2021, 6, 1, 0, 0, 0, TimeSpan.Zero));

        result.Errors.Should().BeEmpty();
    }

    /// <summary>RFC 7515 §4.1.6: each x5c value is base64 (RFC 4648 §4), "not base64url"; one spelling per certificate.</summary>
    public static TheoryData<string, string> MalformedValues()
    {
        var valid = AnnexDVectors.Base64(AnnexDVectors.DocumentSigner());
        var lastDataChar = valid.Length - 3;
        var nonCanonical = valid[..lastDataChar] + (char)(valid[lastDataChar] + 1) + "==";
        return new()
        {
            { "base64url alphabet", valid.Replace('+', '-').Replace('/', '_') },
            { "padding removed", valid.TrimEnd('=') },
            { "line breaks", valid[..64] + "\n" + valid[64..] },
            { "surrounding spaces", " " + valid + " " },
            { "non-zero padding bits", nonCanonical },
            { "not base64 at all", "*not base64*" },
            { "empty string", string.Empty },
            { "base64 of garbage bytes", Convert.ToBase64String("hello, world"u8) },
            { "base64 of a certificate with a trailing byte", Convert.ToBase64String([.. AnnexDVectors.DocumentSigner().RawData, 0x00]) },
            { "base64 of PEM text", Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(AnnexDVectors.DocumentSigner().ExportCertificatePem())) },
            { "truncated certificate", Convert.ToBase64String(AnnexDVectors.DocumentSigner().RawData[..^10]) },
        };
    }

    [Theory]
    [MemberData(nameof(MalformedValues))]
    public void X5c_value_that_is_not_one_canonical_base64_DER_certificate_is_rejected(string defect, string value)
    {
        value.Should().NotBe(AnnexDVectors.Base64(DocumentSigner), "each row alters the valid spelling");

        X5cParser.TryParseX5c([value], out var chain, out var error).Should().BeFalse(defect);

        chain.Should().BeNull();
        error!.Code.Should().Be(TrustErrorCodes.MalformedCertificate);
        error.Message.Should().Contain("#0");
    }

    [Theory]
    [InlineData("""{"x5c":"MIIB"}""", TrustErrorCodes.MalformedChain)]
    [InlineData("""{"x5c":{}}""", TrustErrorCodes.MalformedChain)]
    [InlineData("""{"x5c":[1]}""", TrustErrorCodes.MalformedChain)]
    [InlineData("""{"x5c":[null]}""", TrustErrorCodes.MalformedChain)]
    [InlineData("""{"x5c":[["MIIB"]]}""", TrustErrorCodes.MalformedChain)]
    [InlineData("""{"x5c":[]}""", TrustErrorCodes.ChainEmpty)]
    [InlineData("""{"x5c":["A","A","A","A","A","A","A","A","A","A","A"]}""", TrustErrorCodes.ChainTooLong)]
    public void X5c_header_of_the_wrong_shape_is_rejected_RFC7515_4_1_6(string header, string code)
    {
        using var document = JsonDocument.Parse(header);

        X5cParser.TryParseX5c(document.RootElement.GetProperty("x5c"), out _, out var error).Should().BeFalse();

        error!.Code.Should().Be(code);
    }

    [Fact]
    public void X5c_longer_than_the_configured_limit_is_rejected()
    {
        var value = AnnexDVectors.Base64(DocumentSigner);

        X5cParser.TryParseX5c([value, value], out _, out var error, new X5cLimits { MaxCertificates = 1 }).Should().BeFalse();

        error!.Code.Should().Be(TrustErrorCodes.ChainTooLong);
    }

    [Fact]
    public void Certificate_larger_than_the_configured_limit_is_rejected()
    {
        var limits = new X5cLimits { MaxCertificateLength = DocumentSigner.RawData.Length - 1 };

        X5cParser.TryParseX5c([AnnexDVectors.Base64(DocumentSigner)], out _, out var error, limits).Should().BeFalse();
        X5cParser.TryParseDer([DocumentSigner.RawData], out _, out var derError, limits).Should().BeFalse();

        error!.Code.Should().Be(TrustErrorCodes.MalformedCertificate);
        derError!.Code.Should().Be(TrustErrorCodes.MalformedCertificate);
    }

    [Fact]
    public void X5chain_of_the_ISO_18013_5_Annex_D_IssuerAuth_is_the_document_signer_certificate_RFC9360_2()
    {
        var issuerAuth = CoseMessage.DecodeSign1(AnnexDIssuerAuth());
        var x5chain = issuerAuth.UnprotectedHeaders[new CoseHeaderLabel(X5cParser.X5ChainLabel)];

        X5cParser.TryParseX5chain(x5chain, out var chain, out var error).Should().BeTrue(error?.ToString());

        chain!.Should().ContainSingle().Which.RawData.Should().Equal(DocumentSigner.RawData);
        TestPki.Validator(Iaca).Validate(chain!, CertificateUsage.MdocDocumentSigner, new DateTimeOffset(2021, 6, 1, 0, 0, 0, TimeSpan.Zero)).Errors.Should().BeEmpty();
    }

    [Fact]
    public void X5chain_array_of_two_byte_strings_parses_leaf_first_RFC9360_2()
    {
        var writer = new CborWriter();
        writer.WriteStartArray(2);
        writer.WriteByteString(DocumentSigner.RawData);
        writer.WriteByteString(Iaca.RawData);
        writer.WriteEndArray();

        X5cParser.TryParseX5chain(writer.Encode(), out var chain, out var error).Should().BeTrue(error?.ToString());

        chain!.Select(c => c.Subject).Should().Equal(DocumentSigner.Subject, Iaca.Subject);
    }

    public static TheoryData<string, byte[], string> MalformedX5chains()
    {
        var der = AnnexDVectors.DocumentSigner().RawData;
        return new()
        {
            { "array of one certificate (RFC 9360 requires a bare bstr)", Cbor(w => { w.WriteStartArray(1); w.WriteByteString(der); w.WriteEndArray(); }), TrustErrorCodes.MalformedChain },
            { "empty array", Cbor(w => { w.WriteStartArray(0); w.WriteEndArray(); }), TrustErrorCodes.MalformedChain },
            { "array holding an integer", Cbor(w => { w.WriteStartArray(2); w.WriteByteString(der); w.WriteInt32(1); w.WriteEndArray(); }), TrustErrorCodes.MalformedChain },
            { "indefinite-length array", Cbor(w => { w.WriteStartArray(null); w.WriteByteString(der); w.WriteByteString(der); w.WriteEndArray(); }), TrustErrorCodes.MalformedChain },
            { "text string", Cbor(w => w.WriteTextString("MIIB")), TrustErrorCodes.MalformedChain },
            { "map", Cbor(w => { w.WriteStartMap(0); w.WriteEndMap(); }), TrustErrorCodes.MalformedChain },
            { "trailing bytes", [.. Cbor(w => w.WriteByteString(der)), 0x00], TrustErrorCodes.MalformedChain },
            { "truncated CBOR", Cbor(w => w.WriteByteString(der))[..^5], TrustErrorCodes.MalformedChain },
            { "empty input", [], TrustErrorCodes.MalformedChain },
            { "byte string of garbage", Cbor(w => w.WriteByteString("garbage"u8)), TrustErrorCodes.MalformedCertificate },
            { "eleven certificates", Cbor(w => { w.WriteStartArray(11); for (var i = 0; i < 11; i++) { w.WriteByteString(der); } w.WriteEndArray(); }), TrustErrorCodes.ChainTooLong },
        };
    }

    [Theory]
    [MemberData(nameof(MalformedX5chains))]
    public void X5chain_that_is_not_a_bstr_or_an_array_of_two_or_more_bstr_certificates_is_rejected_RFC9360_2(string defect, byte[] encoded, string code)
    {
        X5cParser.TryParseX5chain(encoded, out var chain, out var error).Should().BeFalse(defect);

        chain.Should().BeNull();
        error!.Code.Should().Be(code);
    }

    [Fact]
    public void Empty_DER_list_is_rejected()
    {
        X5cParser.TryParseDer([], out _, out var error).Should().BeFalse();

        error!.Code.Should().Be(TrustErrorCodes.ChainEmpty);
    }

    private static byte[] Cbor(Action<CborWriter> write)
    {
        var writer = new CborWriter();
        write(writer);
        return writer.Encode();
    }

    /// <summary>documents[0].issuerSigned.issuerAuth of the Annex D DeviceResponse, as its exact CBOR bytes.</summary>
    private static byte[] AnnexDIssuerAuth()
    {
        var hex = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", "mdoc", "annex-d-device-response.hex")).Trim();
        var reader = new CborReader(Convert.FromHexString(hex));
        EnterMapValue(reader, "documents");
        reader.ReadStartArray();
        EnterMapValue(reader, "issuerSigned");
        EnterMapValue(reader, "issuerAuth");
        return reader.ReadEncodedValue().ToArray();
    }

    private static void EnterMapValue(CborReader reader, string key)
    {
        var count = reader.ReadStartMap();
        for (var i = 0; i < count; i++)
        {
            if (reader.ReadTextString() == key)
            {
                return;
            }

            reader.SkipValue();
        }

        throw new InvalidDataException($"No '{key}' in the map.");
    }

    [Fact]
    public void Certificate_whose_validity_cannot_be_decoded_is_malformed_not_an_exception_RFC5280_4_1_2_5()
    {
        // Replace the digits of the first UTCTime (notBefore) with letters: still DER, but not a time.
        var der = DocumentSigner.RawData.ToArray();
        var at = Enumerable.Range(0, der.Length - 15).First(i => der[i] == 0x17 && der[i + 1] == 0x0D);
        for (var i = at + 2; i < at + 14; i++)
        {
            der[i] = (byte)'Z';
        }

        X5cParser.TryParseDer([der], out _, out var error).Should().BeFalse();

        error!.Code.Should().Be(TrustErrorCodes.MalformedCertificate);
    }

    /// <summary>
    /// Extensions the chain checks read (RFC 5280 §4.2.1.1, .2, .3, .9, .12) whose values are not what their OID
    /// promises: the platform decodes them only when they are read, which used to throw in the middle of a chain
    /// validation (found by the mutation corpus).
    /// </summary>
    public static TheoryData<string> CorruptedExtensions => new() { "2.5.29.19", "2.5.29.15", "2.5.29.35", "2.5.29.14", "2.5.29.37" };

    [Theory]
    [MemberData(nameof(CorruptedExtensions))]
    public void Certificate_whose_extension_cannot_be_decoded_is_malformed_not_an_exception_RFC5280_4_2(string oid)
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=corrupted extension", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509Extension(oid, [0x05, 0x00], critical: false)); // NULL: none of them is a NULL
        using var certificate = IssueWithoutPrivateKey(request);

        X5cParser.TryParseDer([certificate.RawData], out _, out var error).Should().BeFalse();

        error!.Code.Should().Be(TrustErrorCodes.MalformedCertificate);
    }

    [Fact]
    public void Certificate_whose_EC_public_key_is_not_a_point_of_its_curve_is_malformed_not_an_exception_RFC5480_2_2()
    {
        var ecPublicKey = new System.Security.Cryptography.Oid("1.2.840.10045.2.1");
        byte[] p256 = [0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07];
        byte[] point = [0x04, .. Enumerable.Repeat((byte)0x01, 64)];
        var publicKey = new PublicKey(ecPublicKey, new System.Security.Cryptography.AsnEncodedData(ecPublicKey, p256), new System.Security.Cryptography.AsnEncodedData(ecPublicKey, point));
        var request = new CertificateRequest(new X500DistinguishedName("CN=off-curve key"), publicKey, System.Security.Cryptography.HashAlgorithmName.SHA256);
        using var certificate = IssueWithoutPrivateKey(request);

        X5cParser.TryParseDer([certificate.RawData], out _, out var error).Should().BeFalse();

        error!.Code.Should().Be(TrustErrorCodes.MalformedCertificate);
    }

    /// <summary>Signs <paramref name="request"/> with a throwaway issuer; unlike CreateSelfSigned this never reads the new certificate's extensions.</summary>
    private static X509Certificate2 IssueWithoutPrivateKey(CertificateRequest request)
    {
        using var issuer = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        return request.Create(new X500DistinguishedName("CN=issuer"), X509SignatureGenerator.CreateForECDsa(issuer), DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100), [0x01]);
    }
}
