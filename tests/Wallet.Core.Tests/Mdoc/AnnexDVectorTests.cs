using System.Security.Cryptography;
using Wallet.Core.Development;
using Wallet.Core.Mdoc;

namespace Wallet.Core.Tests.Mdoc;

/// <summary>ISO/IEC 18013-5:2021 Annex D (D.4.1.2 DeviceResponse with deviceMac) end to end.</summary>
public class AnnexDVectorTests
{
    [Fact]
    public void Item_digests_are_computed_over_the_tag24_bytes_ISO18013_5_9_1_2_5()
    {
        foreach (var vector in AnnexD.Items)
        {
            var bytes = Convert.FromHexString(vector!["issuer_signed_item_bytes_hex"]!.GetValue<string>());
            IssuerSignedItem.TryParse(bytes, out var item, out var error).Should().BeTrue(error?.ToString());

            item!.DigestId.Should().Be(vector["digestID"]!.GetValue<int>());
            item.ElementIdentifier.Should().Be(vector["elementIdentifier"]!.GetValue<string>());
            item.Random.ToArray().Should().Equal(Convert.FromHexString(vector["random_hex"]!.GetValue<string>()));
            Convert.ToHexStringLower(item.ComputeDigest(HashAlgorithmName.SHA256)).Should().Be(vector["sha256_hex"]!.GetValue<string>());
        }
    }

    [Fact]
    public void DeviceResponse_parses_with_typed_elements_and_the_exact_MSO_bytes_ISO18013_5_8_3_2_1_2_2()
    {
        DeviceResponse.TryParse(AnnexD.DeviceResponse, out var response, out var error).Should().BeTrue(error?.ToString());

        response!.Version.Should().Be("1.0");
        response.Status.Should().Be(0UL);
        var document = response.Documents.Should().ContainSingle().Subject;
        document.DocType.Should().Be(AnnexD.DocType);
        document.DeviceSigned!.AuthMethod.Should().Be(DeviceAuthMethod.Mac);

        var mso = document.IssuerSigned.IssuerAuth.MobileSecurityObject;
        mso.Encoded.ToArray().Should().Equal(AnnexD.DerivedHex("mso_bytes_hex"));
        mso.DocType.Should().Be(AnnexD.DocType);
        mso.DigestAlgorithm.Should().Be(HashAlgorithmName.SHA256);
        mso.ValueDigests[AnnexD.NameSpace].Should().HaveCount(13);
        mso.ValueDigests["org.iso.18013.5.1.US"].Should().HaveCount(4);
        mso.ValidityInfo.Should().Be(new ValidityInfo(
            new DateTimeOffset(2020, 10, 1, 13, 30, 2, TimeSpan.Zero),
            new DateTimeOffset(2020, 10, 1, 13, 30, 2, TimeSpan.Zero),
            new DateTimeOffset(2021, 10, 1, 13, 30, 2, TimeSpan.Zero)));
        var staticKey = AnnexD.Key("static_device_key");
        mso.DeviceKey.Jwk.X.ToArray().Should().Equal(staticKey.Q.X);
        mso.DeviceKey.Jwk.Y.ToArray().Should().Equal(staticKey.Q.Y);
        document.IssuerSigned.IssuerAuth.CertificateChain.Should().ContainSingle().Which.Subject.Should().Contain("CN=utopia ds");

        var items = document.IssuerSigned.NameSpaces[AnnexD.NameSpace];
        items.Select(i => i.ElementIdentifier).Should().Equal("family_name", "issue_date", "expiry_date", "document_number", "portrait", "driving_privileges");
        items[1].ElementValue.AsFullDate().Should().Be(new DateOnly(2019, 10, 20));
        items[4].ElementValue.AsBytes().ToArray().Should().Equal(AnnexD.Hex("ISO_18013_5_ANNEX_D_DEVICE_RESPONSE_PORTRAIT_DATA"));
    }

    [Fact]
    public void DeviceAuthenticationBytes_match_the_vector_ISO18013_5_9_1_3_4()
    {
        DeviceResponse.TryParse(AnnexD.DeviceResponse, out var response, out _).Should().BeTrue();
        var document = response!.Documents[0];

        var bytes = DeviceAuthentication.EncodeBytes(AnnexD.Transcript(), document.DocType, document.DeviceSigned!.NameSpacesBytes.Span);

        bytes.Should().Equal(AnnexD.DerivedHex("device_authentication_bytes_hex"));
    }

    [Fact]
    public void Proximity_SessionTranscript_rebuilt_from_its_parts_is_byte_identical_ISO18013_5_9_1_5_1()
    {
        var original = AnnexD.Transcript();
        var parts = CborParts(original.Encoded);

        var rebuilt = SessionTranscript.FromProximity(parts[0], parts[1], parts[2]);

        rebuilt.ToSessionTranscriptBytes().Should().Equal(AnnexD.SessionTranscriptBytes);
    }

    [Fact]
    public async Task Annex_D_DeviceResponse_verifies_with_deviceMac_and_the_IACA_root_ISO18013_5_9_3()
    {
        using var readerKey = AnnexD.ReaderEphemeralKey();
        var verifier = new MdocVerifier(AnnexD.VerifierOptions(readerKey: readerKey));

        var result = await verifier.VerifyAsync(AnnexD.DeviceResponse, AnnexD.Transcript());

        result.AllErrors.Should().BeEmpty();
        result.IsValid.Should().BeTrue();
        var document = result.Documents.Should().ContainSingle().Subject;
        document.DeviceAuthMethod.Should().Be(DeviceAuthMethod.Mac);
        document.Issuer.Should().Contain("CN=utopia ds");
        document.LevelOfAssurance.Should().Be(Wallet.Core.Trust.LevelOfAssurance.High);
        var elements = document.Elements[AnnexD.NameSpace];
        elements.Keys.Should().BeEquivalentTo(["family_name", "issue_date", "expiry_date", "document_number", "portrait", "driving_privileges"]);
        elements["family_name"].AsText().Should().Be("Doe");
        elements["expiry_date"].AsFullDate().Should().Be(new DateOnly(2024, 10, 20));
        elements["document_number"].AsText().Should().Be("123456789");
        var privileges = elements["driving_privileges"].AsArray();
        privileges.Should().HaveCount(2);
        privileges[0].TryGetMember("vehicle_category_code", out var code).Should().BeTrue();
        code!.AsText().Should().Be("A");
        privileges[0].TryGetMember("issue_date", out var issued).Should().BeTrue();
        issued!.AsFullDate().Should().Be(new DateOnly(2018, 8, 9));
    }

    [Fact]
    public async Task DeviceMac_with_another_reader_key_is_rejected_ISO18013_5_9_1_3_5()
    {
        using var otherKey = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var verifier = new MdocVerifier(AnnexD.VerifierOptions(readerKey: otherKey));

        var result = await verifier.VerifyAsync(AnnexD.DeviceResponse, AnnexD.Transcript());

        result.AllErrors.Select(e => e.Code).Should().Equal(MdocErrorCodes.DeviceMacInvalid);
    }

    [Fact]
    public async Task DeviceMac_over_another_SessionTranscript_is_rejected_ISO18013_5_9_1_3_5()
    {
        using var readerKey = AnnexD.ReaderEphemeralKey();
        var verifier = new MdocVerifier(AnnexD.VerifierOptions(readerKey: readerKey));
        var parts = CborParts(AnnexD.Transcript().Encoded);
        var otherTranscript = SessionTranscript.FromProximity(parts[0], parts[1], new byte[] { 0xF6 });

        var result = await verifier.VerifyAsync(AnnexD.DeviceResponse, otherTranscript);

        result.AllErrors.Select(e => e.Code).Should().Equal(MdocErrorCodes.DeviceMacInvalid);
    }

    [Fact]
    public async Task DeviceMac_without_a_reader_key_fails_closed_ISO18013_5_9_1_3_5()
    {
        var verifier = new MdocVerifier(AnnexD.VerifierOptions());

        var result = await verifier.VerifyAsync(AnnexD.DeviceResponse, AnnexD.Transcript());

        result.AllErrors.Select(e => e.Code).Should().Equal(MdocErrorCodes.ReaderKeyMissing);
    }

    [Theory]
    [InlineData("2020-09-30T00:00:00Z", MdocErrorCodes.NotYetValid)]
    [InlineData("2021-10-02T00:00:00Z", MdocErrorCodes.Expired)]
    public async Task MSO_outside_its_validity_window_is_rejected_ISO18013_5_9_3_1(string now, string expected)
    {
        using var readerKey = AnnexD.ReaderEphemeralKey();
        var verifier = new MdocVerifier(AnnexD.VerifierOptions(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), readerKey));

        var result = await verifier.VerifyAsync(AnnexD.DeviceResponse, AnnexD.Transcript());

        result.IsValid.Should().BeFalse();
        result.AllErrors.Select(e => e.Code).Should().Contain(expected);
    }

    [Fact]
    public async Task Document_signer_not_chaining_to_a_configured_IACA_is_rejected_ISO18013_5_Annex_B()
    {
        using var readerKey = AnnexD.ReaderEphemeralKey();
        using var otherRoot = DevelopmentCertificates.CreateRootCa(AnnexD.ValidTime.AddYears(-1));
        var verifier = new MdocVerifier(AnnexD.VerifierOptions(readerKey: readerKey, anchor: otherRoot));

        var result = await verifier.VerifyAsync(AnnexD.DeviceResponse, AnnexD.Transcript());

        result.AllErrors.Select(e => e.Code).Should().OnlyContain(c => c == MdocErrorCodes.ChainUntrusted).And.NotBeEmpty();
        result.Documents[0].Elements.Should().BeEmpty();
    }

    [Fact]
    public async Task Changed_element_value_in_the_received_bytes_is_a_digest_mismatch_ISO18013_5_9_3_1()
    {
        using var readerKey = AnnexD.ReaderEphemeralKey();
        var verifier = new MdocVerifier(AnnexD.VerifierOptions(readerKey: readerKey));
        var tampered = AnnexD.DeviceResponse;
        var doe = "63446f65"u8.ToArray(); // tstr "Doe" as hex text
        var at = Convert.ToHexStringLower(tampered).IndexOf(System.Text.Encoding.ASCII.GetString(doe), StringComparison.Ordinal) / 2;
        tampered[at + 3] = (byte)'f'; // "Doe" → "Dof", same length, same structure

        var result = await verifier.VerifyAsync(tampered, AnnexD.Transcript());

        result.AllErrors.Select(e => e.Code).Should().Equal(MdocErrorCodes.DigestMismatch);
        result.AllErrors.Single().Message.Should().Contain("family_name").And.NotContain("Dof");
    }

    [Fact]
    public async Task Changed_MSO_byte_breaks_the_IssuerAuth_signature_ISO18013_5_9_3_1()
    {
        using var readerKey = AnnexD.ReaderEphemeralKey();
        var verifier = new MdocVerifier(AnnexD.VerifierOptions(readerKey: readerKey));
        var tampered = AnnexD.DeviceResponse;
        var mso = AnnexD.DerivedHex("mso_bytes_hex");
        var at = Convert.ToHexStringLower(tampered).IndexOf(Convert.ToHexStringLower(mso), StringComparison.Ordinal) / 2;
        var docType = Convert.ToHexStringLower(mso).IndexOf(Convert.ToHexStringLower("mDL"u8), StringComparison.Ordinal) / 2;
        tampered[at + docType + 1] = (byte)'E'; // docType "org.iso.18013.5.1.mEL" inside the signed MSO

        var result = await verifier.VerifyAsync(tampered, AnnexD.Transcript());

        result.AllErrors.Select(e => e.Code).Should().Contain([MdocErrorCodes.IssuerSignatureInvalid, MdocErrorCodes.DocTypeMismatch]);
    }

    private static List<ReadOnlyMemory<byte>> CborParts(ReadOnlyMemory<byte> array)
    {
        var reader = new System.Formats.Cbor.CborReader(array);
        var count = reader.ReadStartArray()!.Value;
        var parts = new List<ReadOnlyMemory<byte>>();
        for (var i = 0; i < count; i++)
        {
            parts.Add(reader.ReadEncodedValue());
        }

        return parts;
    }
}
