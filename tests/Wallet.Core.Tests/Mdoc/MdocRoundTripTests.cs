using System.Formats.Cbor;
using System.Security.Cryptography;
using Wallet.Core.Claims;
using Wallet.Core.Credentials;
using Wallet.Core.Jose;
using Wallet.Core.Mdoc;
using Wallet.Core.StatusList;

namespace Wallet.Core.Tests.Mdoc;

/// <summary>Issue → present → verify with real certificates, the shape of what is emitted, and selective disclosure.</summary>
public sealed class MdocRoundTripTests : IDisposable
{
    private static readonly Dictionary<string, IReadOnlyCollection<string>> Requested = new()
    {
        [PidMdoc.NameSpace] = [PidMdoc.FamilyName, PidMdoc.BirthDate, PidMdoc.Nationality, PidMdoc.Portrait, PidMdoc.PlaceOfBirth],
    };

    private readonly MdocFixture _fixture = new();

    [Fact]
    public async Task Presented_PID_verifies_and_discloses_only_the_requested_elements_ISO18013_5_9_3()
    {
        var credential = _fixture.Issue();
        var response = MdocPresenter.Present(credential, _fixture.DeviceKey, Requested, MdocFixture.Transcript());

        var result = await new MdocVerifier(_fixture.VerifierOptions()).VerifyAsync(response.Encoded, MdocFixture.Transcript());

        result.AllErrors.Should().BeEmpty();
        var document = result.Documents.Should().ContainSingle().Subject;
        document.DocType.Should().Be(PidMdoc.DocType);
        document.DeviceAuthMethod.Should().Be(DeviceAuthMethod.Signature);
        document.Issuer.Should().Be(_fixture.DocumentSignerCertificate.Subject);
        document.LevelOfAssurance.Should().Be(Wallet.Core.Trust.LevelOfAssurance.High);
        var elements = document.Elements[PidMdoc.NameSpace];
        elements.Keys.Should().BeEquivalentTo(Requested[PidMdoc.NameSpace]);
        elements[PidMdoc.FamilyName].AsText().Should().Be("Mustermann");
        elements[PidMdoc.BirthDate].Kind.Should().Be(CborValueKind.FullDate);
        elements[PidMdoc.BirthDate].AsFullDate().Should().Be(new DateOnly(1964, 8, 12));
        elements[PidMdoc.Nationality].AsArray().Select(v => v.AsText()).Should().Equal("DE", "FR");
        elements[PidMdoc.Portrait].AsBytes().ToArray().Should().Equal(0xFF, 0xD8, 0xFF, 0xE0, 0x01, 0x02);
        elements[PidMdoc.PlaceOfBirth].TryGetMember("locality", out var locality).Should().BeTrue();
        locality!.AsText().Should().Be("Berlin");
    }

    [Fact]
    public async Task Vp_token_form_is_base64url_of_the_DeviceResponse_OID4VP_B_2_5()
    {
        var response = MdocPresenter.Present(_fixture.Issue(), _fixture.DeviceKey, Requested, MdocFixture.Transcript());
        var vpToken = response.ToBase64Url();

        DeviceResponse.TryParseBase64Url(vpToken, out var parsed, out var error).Should().BeTrue(error?.ToString());
        parsed!.Encoded.ToArray().Should().Equal(response.Encoded.ToArray());
        (await new MdocVerifier(_fixture.VerifierOptions()).VerifyAsync(vpToken, MdocFixture.Transcript())).IsValid.Should().BeTrue();
    }

    [Fact]
    public async Task Credential_form_is_base64url_of_IssuerSigned_and_verifies_for_the_wallet_OID4VCI_A_2_4()
    {
        var credential = _fixture.Issue();

        IssuerSigned.TryParseBase64Url(credential.ToBase64Url(), out var parsed, out var error).Should().BeTrue(error?.ToString());
        parsed!.Encoded.ToArray().Should().Equal(credential.Encoded.ToArray());
        var result = await new MdocVerifier(_fixture.VerifierOptions()).VerifyIssuerSignedAsync(parsed);

        result.Errors.Should().BeEmpty();
        result.Elements[PidMdoc.NameSpace].Should().ContainKeys(PidMdoc.FamilyName, PidMdoc.GivenName, PidMdoc.IssuingCountry, PidMdoc.Sex);
        result.Elements[PidMdoc.NameSpace][PidMdoc.Sex].AsInteger().Should().Be(2);
        result.Elements[PidMdoc.NameSpace][PidMdoc.ExpiryDate].AsFullDate().Should().Be(new DateOnly(2031, 3, 1));
    }

    [Fact]
    public async Task Claims_path_pointers_select_namespace_and_element_OID4VP_7_2()
    {
        var response = MdocPresenter.Present(
            _fixture.Issue(),
            _fixture.DeviceKey,
            [ClaimPath.Of(PidMdoc.NameSpace, PidMdoc.GivenName), ClaimPath.Of(PidMdoc.NameSpace, "no_such_element")],
            MdocFixture.Transcript());

        var result = await new MdocVerifier(_fixture.VerifierOptions()).VerifyAsync(response, MdocFixture.Transcript());

        result.IsValid.Should().BeTrue();
        result.Documents[0].Elements[PidMdoc.NameSpace].Keys.Should().Equal(PidMdoc.GivenName);
    }

    [Fact]
    public async Task Elements_have_a_JSON_view_for_DCQL_matching_OID4VP_6_3()
    {
        var credential = _fixture.Issue();
        var response = MdocPresenter.Present(credential, _fixture.DeviceKey, Requested, MdocFixture.Transcript());
        var result = await new MdocVerifier(_fixture.VerifierOptions()).VerifyAsync(response, MdocFixture.Transcript());

        var wallet = credential.ToJsonNameSpaces()[PidMdoc.NameSpace]!;
        var verified = result.Documents[0].ElementsToJson()[PidMdoc.NameSpace]!;

        wallet["birth_date"]!.GetValue<string>().Should().Be("1964-08-12");
        wallet["sex"]!.GetValue<long>().Should().Be(2);
        verified.AsObject().Select(p => p.Key).Should().BeEquivalentTo(Requested[PidMdoc.NameSpace]);
        verified["portrait"]!.GetValue<string>().Should().Be("_9j_4AEC");
    }

    [Fact]
    public void Claims_path_pointer_other_than_two_names_is_refused_OID4VP_7_2_1()
    {
        var act = () => MdocPresenter.Present(_fixture.Issue(), _fixture.DeviceKey, [ClaimPath.Of(PidMdoc.NameSpace)], MdocFixture.Transcript());

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public async Task DC_API_transcript_round_trips_OID4VP_B_2_6_2()
    {
        var transcript = SessionTranscript.ForOpenId4VpDcApi("https://verifier.example", "abc", ResponseEncryption.None);
        var response = MdocPresenter.Present(_fixture.Issue(), _fixture.DeviceKey, Requested, transcript);

        var result = await new MdocVerifier(_fixture.VerifierOptions()).VerifyAsync(response, transcript);

        result.IsValid.Should().BeTrue();
    }

    [Theory]
    [InlineData("SHA384")]
    [InlineData("SHA512")]
    public async Task SHA_384_and_SHA_512_digests_verify_ISO18013_5_9_1_2_5(string hash)
    {
        var request = _fixture.PidRequest() with { DigestAlgorithm = new HashAlgorithmName(hash) };
        var credential = _fixture.Issue(request);
        var response = MdocPresenter.Present(credential, _fixture.DeviceKey, Requested, MdocFixture.Transcript());

        var result = await new MdocVerifier(_fixture.VerifierOptions()).VerifyAsync(response, MdocFixture.Transcript());

        credential.IssuerAuth.MobileSecurityObject.DigestAlgorithm.Should().Be(new HashAlgorithmName(hash));
        result.IsValid.Should().BeTrue();
    }

    public static TheoryData<string, string> ElementTypes => new()
    {
        { "tstr", "64c386c3b8" },
        { "uint", "1b0000000100000000" },
        { "negative int", "3901f3" },
        { "bool true", "f5" },
        { "bool false", "f4" },
        { "full-date", "d903ec6a323031392d31302d3230" },
        { "tdate", "c074323032362d30322d32385432333a35393a35395a" },
        { "bstr portrait", "44ffd8ffe0" },
        { "array", "82624445624652" },
        { "map", "a264746f776e664265726c696e666e756d62657201" },
        { "null", "f6" },
    };

    [Theory]
    [MemberData(nameof(ElementTypes))]
    public async Task Element_of_every_CBOR_type_round_trips_through_issue_present_and_verify_ISO18013_5_8_3_2_1_2_2(string type, string hex)
    {
        const string NameSpace = "org.example.types.1";
        var value = Sample(type);
        Convert.ToHexStringLower(value.Encoded.Span).Should().Be(hex, "the deterministic encoding of the {0}", type);
        var request = new MdocIssuanceRequest(
            "org.example.types",
            new Dictionary<string, IReadOnlyDictionary<string, CborValue>> { [NameSpace] = new Dictionary<string, CborValue> { ["element"] = value, ["other"] = CborValue.Text("x") } },
            CoseKey.FromJwk(_fixture.DeviceKey.PublicJwk),
            MdocFixture.T0,
            MdocFixture.T0.AddDays(30));
        IssuerSigned.TryParseBase64Url(_fixture.Issue(request).ToBase64Url(), out var received, out var parseError).Should().BeTrue(parseError?.ToString());
        var response = MdocPresenter.Present(received!, _fixture.DeviceKey, new Dictionary<string, IReadOnlyCollection<string>> { [NameSpace] = ["element"] }, MdocFixture.Transcript());

        var result = await new MdocVerifier(_fixture.VerifierOptions()).VerifyAsync(response.ToBase64Url(), MdocFixture.Transcript());

        result.AllErrors.Should().BeEmpty();
        var elements = result.Documents[0].Elements[NameSpace];
        elements.Keys.Should().Equal("element");
        var verified = elements["element"];
        verified.Kind.Should().Be(value.Kind);
        verified.Encoded.ToArray().Should().Equal(value.Encoded.ToArray());
        switch (type)
        {
            case "tstr": verified.AsText().Should().Be("Æø"); break;
            case "uint": verified.AsInteger().Should().Be(4_294_967_296); break;
            case "negative int": verified.AsInteger().Should().Be(-500); break;
            case "bool true": verified.AsBoolean().Should().BeTrue(); break;
            case "bool false": verified.AsBoolean().Should().BeFalse(); break;
            case "full-date": verified.AsFullDate().Should().Be(new DateOnly(2019, 10, 20)); break;
            case "tdate": verified.AsDateTime().Should().Be(new DateTimeOffset(2026, 2, 28, 23, 59, 59, TimeSpan.Zero)); break;
            case "bstr portrait": verified.AsBytes().ToArray().Should().Equal(0xFF, 0xD8, 0xFF, 0xE0); break;
            case "array": verified.AsArray().Select(v => v.AsText()).Should().Equal("DE", "FR"); break;
            case "map":
                verified.TryGetMember("town", out var town).Should().BeTrue();
                town!.AsText().Should().Be("Berlin");
                verified.TryGetMember("number", out var number).Should().BeTrue();
                number!.AsInteger().Should().Be(1);
                break;
            case "null": verified.Kind.Should().Be(CborValueKind.Null); break;
            default: throw new ArgumentOutOfRangeException(nameof(type), type, "no sample for this type");
        }
    }

    [Fact]
    public void IssuerAuth_is_an_untagged_COSE_Sign1_with_alg_protected_and_x5chain_unprotected_ISO18013_5_9_1_2_4()
    {
        var issuerAuth = _fixture.Issue().IssuerAuth;
        var reader = new CborReader(issuerAuth.Encoded);

        reader.PeekState().Should().Be(CborReaderState.StartArray);
        reader.ReadStartArray().Should().Be(4);
        var protectedHeader = new CborReader(reader.ReadByteString());
        protectedHeader.ReadStartMap().Should().Be(1);
        protectedHeader.ReadInt32().Should().Be(1);
        protectedHeader.ReadInt32().Should().Be(-7);
        reader.ReadStartMap().Should().Be(1);
        reader.ReadInt32().Should().Be(33);
        reader.ReadByteString().Should().Equal(_fixture.DocumentSignerCertificate.RawData);
        reader.ReadEndMap();
        new CborReader(reader.ReadByteString()).ReadTag().Should().Be((CborTag)24);
        issuerAuth.CoseAlgorithm.Should().Be(-7);
    }

    [Fact]
    public void DeviceSignature_is_an_untagged_COSE_Sign1_with_a_detached_payload_ISO18013_5_9_1_3_4()
    {
        var response = MdocPresenter.Present(_fixture.Issue(), _fixture.DeviceKey, Requested, MdocFixture.Transcript());
        var deviceSigned = response.Documents[0].DeviceSigned!;
        var reader = new CborReader(deviceSigned.DeviceAuthBytes);

        reader.PeekState().Should().Be(CborReaderState.StartArray);
        reader.ReadStartArray().Should().Be(4);
        reader.SkipValue();
        reader.SkipValue();
        reader.PeekState().Should().Be(CborReaderState.Null);
        deviceSigned.NameSpacesBytes.ToArray().Should().Equal(0xD8, 0x18, 0x41, 0xA0);
    }

    [Fact]
    public void Output_is_deterministically_encoded_RFC8949_4_2_1()
    {
        var credential = _fixture.Issue();
        var item = credential.NameSpaces[PidMdoc.NameSpace][0];
        var content = new CborReader(item.IssuerSignedItemBytes);
        content.ReadTag();
        var map = new CborReader(content.ReadByteString());
        map.ReadStartMap();
        var keys = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            keys.Add(map.ReadTextString());
            map.SkipValue();
        }

        keys.Should().Equal("random", "digestID", "elementValue", "elementIdentifier");
        item.Random.Length.Should().Be(32);
        CborValue.TryDecode(credential.Encoded, out _, out var error, MdocLimits.Default).Should().BeTrue(error?.ToString());
        new CborReader(credential.Encoded, CborConformanceMode.Canonical).SkipValue();
    }

    [Fact]
    public void Validity_times_are_tdates_in_whole_UTC_seconds_ISO18013_5_9_1_2_4()
    {
        var credential = _fixture.Issue(at: MdocFixture.T0.AddMilliseconds(987));
        var mso = credential.IssuerAuth.MobileSecurityObject;

        mso.ValidityInfo.Signed.Should().Be(MdocFixture.T0);
        CborDiagnostics.TryToDiagnosticNotation(mso.Encoded, out var text, out _).Should().BeTrue();
        text.Should().Contain("\"signed\": 0(\"2026-03-01T08:00:00Z\")");
    }

    [Fact]
    public async Task ValidFrom_before_the_signing_time_starts_at_the_signing_time_ISO18013_5_9_1_2_4()
    {
        var signingTime = MdocFixture.T0.AddSeconds(30);
        var request = PidMdoc.CreateIssuanceRequest(MdocFixture.Pid(), CoseKey.FromJwk(_fixture.DeviceKey.PublicJwk), MdocFixture.T0.AddHours(-1), MdocFixture.T0.AddDays(30));

        var credential = _fixture.Issue(request, at: signingTime);

        var validity = credential.IssuerAuth.MobileSecurityObject.ValidityInfo;
        validity.Signed.Should().Be(signingTime);
        validity.ValidFrom.Should().Be(signingTime, "validFrom shall not be earlier than signed");
        validity.ValidUntil.Should().Be(MdocFixture.T0.AddDays(30));
        (await new MdocVerifier(_fixture.VerifierOptions()).VerifyIssuerSignedAsync(credential)).Errors.Should().BeEmpty();
    }

    [Fact]
    public void Issued_digest_ids_are_unique_and_each_has_a_value_digest_ISO18013_5_9_1_2_5()
    {
        var credential = _fixture.Issue();
        var items = credential.NameSpaces[PidMdoc.NameSpace];
        var digests = credential.IssuerAuth.MobileSecurityObject.ValueDigests[PidMdoc.NameSpace];

        items.Select(i => i.DigestId).Should().OnlyHaveUniqueItems();
        digests.Keys.Should().BeEquivalentTo(items.Select(i => i.DigestId));
    }

    [Fact]
    public async Task Status_reference_is_written_as_status_list_and_handed_to_the_checker_StatusList_6_3()
    {
        var reference = new StatusListReference(412, new Uri("https://status.example/lists/7"));
        var checker = new StaticStatusChecker(TokenStatusCheckResult.Checked(0));
        var credential = _fixture.Issue(_fixture.PidRequest(reference));
        var response = MdocPresenter.Present(credential, _fixture.DeviceKey, Requested, MdocFixture.Transcript());

        var result = await new MdocVerifier(_fixture.VerifierOptions(statusChecker: checker)).VerifyAsync(response, MdocFixture.Transcript());

        result.IsValid.Should().BeTrue();
        checker.Requests.Should().Equal(reference);
        result.Documents[0].StatusReference.Should().Be(reference);
        result.Documents[0].Status.Should().Be(CredentialStatus.Valid);
        CborDiagnostics.TryToDiagnosticNotation(credential.IssuerAuth.MobileSecurityObject.Encoded, out var text, out _).Should().BeTrue();
        text.Should().Contain("\"status\": {\"status_list\": {\"idx\": 412, \"uri\": \"https://status.example/lists/7\"}}");
    }

    [Fact]
    public void Presenting_with_a_key_other_than_the_MSO_device_key_is_refused()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var act = () => MdocPresenter.Present(_fixture.Issue(), new SigningKey(other), Requested, MdocFixture.Transcript());

        act.Should().Throw<ArgumentException>();
    }

    private static CborValue Sample(string type) => type switch
    {
        "tstr" => CborValue.Text("Æø"),
        "uint" => CborValue.Integer(4_294_967_296),
        "negative int" => CborValue.Integer(-500),
        "bool true" => CborValue.True,
        "bool false" => CborValue.False,
        "full-date" => CborValue.FullDate(new DateOnly(2019, 10, 20)),
        "tdate" => CborValue.DateTime(new DateTimeOffset(2026, 3, 1, 0, 59, 59, TimeSpan.FromHours(1))),
        "bstr portrait" => CborValue.Bytes([0xFF, 0xD8, 0xFF, 0xE0]),
        "array" => CborValue.Array(CborValue.Text("DE"), CborValue.Text("FR")),
        "map" => CborValue.Map([new("town", CborValue.Text("Berlin")), new("number", CborValue.Integer(1))]),
        "null" => CborValue.Null,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "no sample for this type"),
    };

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Device_key_is_released_after_device_authentication_and_verifying_again_works_ISO18013_5_9_1_3()
    {
        var response = MdocPresenter.Present(_fixture.Issue(), _fixture.DeviceKey, Requested, MdocFixture.Transcript());
        var verifier = new MdocVerifier(_fixture.VerifierOptions());

        var first = await verifier.VerifyAsync(response.Encoded, MdocFixture.Transcript());
        var second = await verifier.VerifyAsync(response.Encoded, MdocFixture.Transcript());

        first.AllErrors.Should().BeEmpty();
        second.AllErrors.Should().BeEmpty();
        var key = first.Documents.Single().HolderBinding.Key!;
        key.HoldsImportedKey.Should().BeFalse("the MSO device key is freed when the verification ends, not by the finalizer");
        key.HasSameKey(_fixture.DeviceKey.PublicJwk).Should().BeTrue();
    }
}
