using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Security.Cryptography.Cose;
using Wallet.Core.Development;
using Wallet.Core.Jose;
using Wallet.Core.Mdoc;
using Wallet.Core.StatusList;
using Wallet.Core.Trust;

namespace Wallet.Core.Tests.Mdoc;

/// <summary>One negative case per verification rule of ISO/IEC 18013-5 9.3 and the status check; each asserts the exact codes.</summary>
public sealed class MdocVerifierRuleTests : IDisposable
{
    private static readonly Dictionary<string, IReadOnlyCollection<string>> Requested = new()
    {
        [PidMdoc.NameSpace] = [PidMdoc.FamilyName, PidMdoc.GivenName],
    };

    private readonly MdocFixture _fixture = new();
    private readonly List<IDisposable> _disposables = [];

    public static TheoryData<string, string[]> Cases => new()
    {
        { "nonce of another request (device auth over another SessionTranscript) ISO18013_5_9_1_3_6", [MdocErrorCodes.DeviceSignatureInvalid] },
        { "deviceSignature by a key other than the MSO device key ISO18013_5_9_1_3_6", [MdocErrorCodes.DeviceSignatureInvalid] },
        { "element value replaced under the same digestID ISO18013_5_9_3_1", [MdocErrorCodes.DigestMismatch] },
        { "element whose digestID is not in the MSO ISO18013_5_9_3_1", [MdocErrorCodes.DigestMissing] },
        { "element in a namespace the MSO does not cover ISO18013_5_9_3_1", [MdocErrorCodes.DigestMissing] },
        { "same element presented twice", [MdocErrorCodes.DuplicateElement] },
        { "random shorter than 16 bytes ISO18013_5_9_1_2_5", [MdocErrorCodes.ItemInvalid] },
        { "Document docType differs from the MSO docType ISO18013_5_9_3_1", [MdocErrorCodes.DocTypeMismatch] },
        { "MSO validUntil passed ISO18013_5_9_3_1", [MdocErrorCodes.Expired] },
        { "MSO validFrom in the future ISO18013_5_9_3_1", [MdocErrorCodes.NotYetValid] },
        { "MSO signed before the document signer certificate was valid ISO18013_5_9_3_1", [MdocErrorCodes.SignedOutsideCertificateValidity] },
        { "IssuerAuth alg not on the allow-list", [MdocErrorCodes.IssuerAuthAlgorithmNotAllowed] },
        { "deviceSignature alg not on the allow-list", [MdocErrorCodes.DeviceAuthAlgorithmNotAllowed] },
        { "document signer not under a configured IACA ISO18013_5_Annex_B", [MdocErrorCodes.ChainUntrusted] },
        { "IssuerAuth without x5chain ISO18013_5_9_1_2_4", [MdocErrorCodes.X5ChainInvalid] },
        { "IssuerAuth signed by a key other than the x5chain leaf ISO18013_5_9_3_1", [MdocErrorCodes.IssuerSignatureInvalid] },
        { "Document without deviceSigned ISO18013_5_9_1_3", [MdocErrorCodes.DeviceAuthMissing] },
        { "deviceSignature with an embedded payload ISO18013_5_9_1_3_4", [MdocErrorCodes.DeviceAuthMalformed] },
        { "status list says revoked StatusList_7_1", [MdocErrorCodes.StatusRevoked] },
        { "status list says suspended StatusList_7_1", [MdocErrorCodes.StatusSuspended] },
        { "status list holds an application-specific status StatusList_7_1", [MdocErrorCodes.StatusNotValid] },
        { "status list cannot be checked (fail closed) StatusList_8", [MdocErrorCodes.StatusUnchecked] },
        { "DeviceResponse status not OK ISO18013_5_8_3_2_1_2_3", [MdocErrorCodes.ResponseStatus] },
        { "DeviceResponse version not 1.0 ISO18013_5_8_3_2_1_2_2", [MdocErrorCodes.UnsupportedVersion] },
        { "DeviceResponse without documents", [MdocErrorCodes.NoDocuments] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Verification_rule_is_enforced(string rule, string[] expected)
    {
        var transcript = MdocFixture.Transcript();
        var options = _fixture.VerifierOptions();
        var credential = _fixture.Issue();
        ReadOnlyMemory<byte> response;
        switch (rule)
        {
            case var r when r.StartsWith("nonce of another request", StringComparison.Ordinal):
                response = MdocPresenter.Present(credential, _fixture.DeviceKey, Requested, MdocFixture.Transcript("another-nonce")).Encoded;
                break;
            case var r when r.StartsWith("deviceSignature by a key other", StringComparison.Ordinal):
                using (var other = ECDsa.Create(ECCurve.NamedCurves.nistP256))
                {
                    response = MdocFixture.Respond(credential, new SigningKey(other), transcript).Encoded;
                }

                break;
            case var r when r.StartsWith("element value replaced", StringComparison.Ordinal):
                response = WithItems(credential, transcript, items => items.Select(i => i.ElementIdentifier == PidMdoc.FamilyName
                    ? IssuerSignedItem.Create(i.DigestId, i.ElementIdentifier, CborValue.Text("Mallory"))
                    : i));
                break;
            case var r when r.StartsWith("element whose digestID", StringComparison.Ordinal):
                response = WithItems(credential, transcript, items => items.Append(IssuerSignedItem.Create(100_000, "age_over_18", CborValue.True)));
                break;
            case var r when r.StartsWith("element in a namespace", StringComparison.Ordinal):
                {
                    var nameSpaces = credential.NameSpaces.ToDictionary(n => n.Key, n => n.Value, StringComparer.Ordinal);
                    nameSpaces["eu.europa.ec.eudi.pid.de.1"] = [IssuerSignedItem.Create(0, "extra", CborValue.Text("x"))];
                    response = MdocFixture.Respond(IssuerSigned.Create(nameSpaces, credential.IssuerAuth), _fixture.DeviceKey, transcript).Encoded;
                    break;
                }

            case var r when r.StartsWith("same element presented twice", StringComparison.Ordinal):
                response = WithItems(credential, transcript, items => items.Concat(items.Where(i => i.ElementIdentifier == PidMdoc.GivenName)));
                break;
            case var r when r.StartsWith("random shorter", StringComparison.Ordinal):
                {
                    var item = ItemWithRandom(0, new byte[8]);
                    var signed = _fixture.Sign(new Dictionary<string, IReadOnlyList<IssuerSignedItem>> { [PidMdoc.NameSpace] = [item] });
                    response = MdocFixture.Respond(signed, _fixture.DeviceKey, transcript).Encoded;
                    break;
                }

            case var r when r.StartsWith("Document docType differs", StringComparison.Ordinal):
                response = MdocFixture.Respond(credential, _fixture.DeviceKey, transcript, docType: "org.iso.18013.5.1.mDL").Encoded;
                break;
            case var r when r.StartsWith("MSO validUntil passed", StringComparison.Ordinal):
                options = _fixture.VerifierOptions(at: MdocFixture.T0.AddDays(31));
                response = Present(credential, transcript);
                break;
            case var r when r.StartsWith("MSO validFrom in the future", StringComparison.Ordinal):
                response = Present(_fixture.Issue(_fixture.PidRequest() with { ValidFrom = MdocFixture.T0.AddDays(2) }), transcript);
                break;
            case var r when r.StartsWith("MSO signed before", StringComparison.Ordinal):
                response = Present(_fixture.Issue(at: MdocFixture.T0.AddDays(-2)), transcript);
                break;
            case var r when r.StartsWith("IssuerAuth alg not", StringComparison.Ordinal):
                options = options with { IssuerAuthAlgorithms = new JwsAlgorithmPolicy([JwsAlgorithm.ES384]) };
                response = Present(credential, transcript);
                break;
            case var r when r.StartsWith("deviceSignature alg not", StringComparison.Ordinal):
                options = options with { DeviceSignatureAlgorithms = new JwsAlgorithmPolicy([JwsAlgorithm.ES512]) };
                response = Present(credential, transcript);
                break;
            case var r when r.StartsWith("document signer not under", StringComparison.Ordinal):
                {
                    var otherRoot = DevelopmentCertificates.CreateRootCa(MdocFixture.T0.AddDays(-10), "Other IACA");
                    _disposables.Add(otherRoot);
                    options = _fixture.VerifierOptions(anchor: otherRoot);
                    response = Present(credential, transcript);
                    break;
                }

            case var r when r.StartsWith("IssuerAuth without x5chain", StringComparison.Ordinal):
                {
                    var noChain = new SigningKey(_fixture.DocumentSigner.Key);
                    var signed = _fixture.Sign(credential.NameSpaces, signer: noChain);
                    response = Present(signed, transcript);
                    break;
                }

            case var r when r.StartsWith("IssuerAuth signed by a key other", StringComparison.Ordinal):
                {
                    using var forger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                    var unprotected = new CoseHeaderMap { [new CoseHeaderLabel(33)] = CoseHeaderValue.FromEncodedValue(ByteString(_fixture.DocumentSignerCertificate.RawData)) };
                    var forged = CoseStructure.SignUntagged(forger, HashAlgorithmName.SHA256, credential.IssuerAuth.MobileSecurityObjectBytes.Span, detached: false, unprotected);
                    var signed = IssuerSigned.Create(credential.NameSpaces, IssuerAuth.Read(forged, MdocLimits.Default));
                    response = Present(signed, transcript);
                    break;
                }

            case var r when r.StartsWith("Document without deviceSigned", StringComparison.Ordinal):
                response = Response(Map(("docType", Text(PidMdoc.DocType)), ("issuerSigned", credential.Select((_, i) => i.ElementIdentifier == PidMdoc.FamilyName).Encoded.ToArray())));
                break;
            case var r when r.StartsWith("deviceSignature with an embedded payload", StringComparison.Ordinal):
                {
                    var payload = DeviceAuthentication.EncodeBytes(transcript, PidMdoc.DocType, [0xD8, 0x18, 0x41, 0xA0]);
                    var embedded = CoseStructure.SignUntagged(_fixture.DeviceKey.Key, HashAlgorithmName.SHA256, payload, detached: false, null);
                    var deviceSigned = Map(("nameSpaces", [0xD8, 0x18, 0x41, 0xA0]), ("deviceAuth", Map(("deviceSignature", embedded))));
                    response = Response(Map(("docType", Text(PidMdoc.DocType)), ("issuerSigned", credential.Encoded.ToArray()), ("deviceSigned", deviceSigned)));
                    break;
                }

            case var r when r.StartsWith("status list", StringComparison.Ordinal):
                {
                    var outcome = r switch
                    {
                        _ when r.Contains("revoked", StringComparison.Ordinal) => TokenStatusCheckResult.Checked(1),
                        _ when r.Contains("suspended", StringComparison.Ordinal) => TokenStatusCheckResult.Checked(2),
                        _ when r.Contains("application-specific", StringComparison.Ordinal) => TokenStatusCheckResult.Checked(3),
                        _ => TokenStatusCheckResult.Failed([new VerificationError("status_list.fetch_failed", "HTTP 503 from the status provider.")]),
                    };
                    options = _fixture.VerifierOptions(statusChecker: new StaticStatusChecker(outcome));
                    var reference = new StatusListReference(7, new Uri("https://status.example/1"));
                    response = Present(_fixture.Issue(_fixture.PidRequest(reference)), transcript);
                    break;
                }

            case var r when r.StartsWith("DeviceResponse status not OK", StringComparison.Ordinal):
                response = RawResponse("1.0", 10, Present(credential, transcript));
                break;
            case var r when r.StartsWith("DeviceResponse version", StringComparison.Ordinal):
                response = RawResponse("2.0", 0, Present(credential, transcript));
                break;
            case var r when r.StartsWith("DeviceResponse without documents", StringComparison.Ordinal):
                response = RawResponse("1.0", 0, null);
                break;
            default:
                throw new InvalidOperationException("unknown case " + rule);
        }

        var result = await new MdocVerifier(options).VerifyAsync(response, transcript);

        result.IsValid.Should().BeFalse();
        result.AllErrors.Select(e => e.Code).Distinct().Should().BeEquivalentTo(expected, rule);
        result.Documents.Where(d => !d.IsValid && d.Elements.Count > 0).Should().BeEmpty();
        result.AllErrors.Should().OnlyContain(e => !e.Message.Contains("Mallory") && !e.Message.Contains("Mustermann"));
    }

    [Fact]
    public async Task Status_is_not_fetched_for_an_untrusted_MSO()
    {
        var checker = new StaticStatusChecker(TokenStatusCheckResult.Checked(0));
        using var otherRoot = DevelopmentCertificates.CreateRootCa(MdocFixture.T0.AddDays(-10), "Other IACA");
        var credential = _fixture.Issue(_fixture.PidRequest(new StatusListReference(1, new Uri("https://attacker.example/"))));

        var result = await new MdocVerifier(_fixture.VerifierOptions(anchor: otherRoot, statusChecker: checker)).VerifyAsync(Present(credential, MdocFixture.Transcript()), MdocFixture.Transcript());

        result.IsValid.Should().BeFalse();
        checker.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Status_reference_without_a_status_checker_fails_closed_unless_allowed_StatusList_8_3()
    {
        var credential = _fixture.Issue(_fixture.PidRequest(new StatusListReference(1, new Uri("https://status.example/1"))));
        var response = Present(credential, MdocFixture.Transcript());

        var strict = await new MdocVerifier(_fixture.VerifierOptions()).VerifyAsync(response, MdocFixture.Transcript());
        var lenient = await new MdocVerifier(_fixture.VerifierOptions() with { AllowUncheckedStatus = true }).VerifyAsync(response, MdocFixture.Transcript());

        strict.AllErrors.Select(e => e.Code).Should().Equal(MdocErrorCodes.StatusUnchecked);
        lenient.IsValid.Should().BeTrue();
    }

    [Fact]
    public async Task Every_failed_check_is_listed_not_only_the_first()
    {
        using var otherRoot = DevelopmentCertificates.CreateRootCa(MdocFixture.T0.AddDays(-10), "Other IACA");
        var options = _fixture.VerifierOptions(at: MdocFixture.T0.AddDays(31), anchor: otherRoot);
        var response = MdocFixture.Respond(_fixture.Issue(), _fixture.DeviceKey, MdocFixture.Transcript("other"), docType: "org.iso.18013.5.1.mDL");

        var result = await new MdocVerifier(options).VerifyAsync(response, MdocFixture.Transcript());

        result.AllErrors.Select(e => e.Code).Distinct().Should().BeEquivalentTo(
            [MdocErrorCodes.ChainUntrusted, MdocErrorCodes.DocTypeMismatch, MdocErrorCodes.Expired, MdocErrorCodes.DeviceSignatureInvalid]);
    }

    public void Dispose()
    {
        _disposables.ForEach(d => d.Dispose());
        _fixture.Dispose();
    }

    private static IssuerSignedItem ItemWithRandom(int digestId, byte[] random)
    {
        var item = Map(("digestID", Integer(digestId)), ("random", ByteString(random)), ("elementIdentifier", Text(PidMdoc.FamilyName)), ("elementValue", Text("Mustermann")));
        var writer = new CborWriter();
        writer.WriteTag((CborTag)24);
        writer.WriteByteString(item);
        IssuerSignedItem.TryParse(writer.Encode(), out var parsed, out var error).Should().BeTrue(error?.ToString());
        return parsed!;
    }

    private ReadOnlyMemory<byte> Present(IssuerSigned credential, SessionTranscript transcript) =>
        MdocPresenter.Present(credential, _fixture.DeviceKey, Requested, transcript).Encoded;

    private ReadOnlyMemory<byte> WithItems(IssuerSigned credential, SessionTranscript transcript, Func<IReadOnlyList<IssuerSignedItem>, IEnumerable<IssuerSignedItem>> change)
    {
        var nameSpaces = credential.NameSpaces.ToDictionary(n => n.Key, n => (IReadOnlyList<IssuerSignedItem>)change(n.Value).ToArray(), StringComparer.Ordinal);
        return MdocFixture.Respond(IssuerSigned.Create(nameSpaces, credential.IssuerAuth), _fixture.DeviceKey, transcript).Encoded;
    }

    private static byte[] RawResponse(string version, int status, ReadOnlyMemory<byte>? from)
    {
        var members = new List<(string, byte[])> { ("version", Text(version)), ("status", Integer(status)) };
        if (from is { } source)
        {
            DeviceResponse.TryParse(source, out var parsed, out _).Should().BeTrue();
            members.Add(("documents", Array(parsed!.Documents.Select(d => d.Encoded.ToArray()))));
        }

        return Map([.. members]);
    }

    private static byte[] Response(byte[] document) => Map(("version", Text("1.0")), ("documents", Array([document])), ("status", Integer(0)));

    private static byte[] Map(params (string Key, byte[] Value)[] members)
    {
        var writer = new CborWriter();
        writer.WriteStartMap(members.Length);
        foreach (var (key, value) in members)
        {
            writer.WriteTextString(key);
            writer.WriteEncodedValue(value);
        }

        writer.WriteEndMap();
        return writer.Encode();
    }

    private static byte[] Array(IEnumerable<byte[]> items)
    {
        var list = items.ToList();
        var writer = new CborWriter();
        writer.WriteStartArray(list.Count);
        list.ForEach(i => writer.WriteEncodedValue(i));
        writer.WriteEndArray();
        return writer.Encode();
    }

    private static byte[] Text(string value)
    {
        var writer = new CborWriter();
        writer.WriteTextString(value);
        return writer.Encode();
    }

    private static byte[] Integer(long value)
    {
        var writer = new CborWriter();
        writer.WriteInt64(value);
        return writer.Encode();
    }

    private static byte[] ByteString(byte[] value)
    {
        var writer = new CborWriter();
        writer.WriteByteString(value);
        return writer.Encode();
    }
}
