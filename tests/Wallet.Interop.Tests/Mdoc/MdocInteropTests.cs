using System.Formats.Cbor;
using System.Security.Cryptography;
using Wallet.Core.Mdoc;
using Wallet.Core.OpenId4Vp;

namespace Wallet.Interop.Tests.Mdoc;

/// <summary>
/// mdoc over OpenID4VP redirect flows against an independent implementation from another ecosystem (OpenWallet
/// Foundation mdoc-ts, <c>@owf/mdoc</c>, Node.js), in both directions and for both response modes: the peer issues and
/// presents, our <see cref="MdocVerifier"/> verifies; we issue and present, the peer verifies. The DeviceResponse's
/// deviceSignature covers <c>DeviceAuthentication</c> over the SessionTranscript (ISO/IEC 18013-5 9.1.3.4), whose
/// handover each side builds on its own from the request parameters.
/// When the peer and we disagree, OpenID4VP 1.0 B.2.6.1 decides the handover (jwkThumbprint is the RFC 7638 thumbprint
/// of the verifier's encryption key for an encrypted response, CBOR null otherwise) and ISO/IEC 18013-5 9.1.3.4 and
/// 9.1.5.1 decide DeviceAuthentication and SessionTranscriptBytes.
/// </summary>
public sealed class MdocInteropTests : IDisposable
{
    private const string NameSpace = PidMdoc.NameSpace;

    private readonly MdocPeer _peer = new();

    [Theory]
    [MemberData(nameof(OpenId4VpRequest.BothResponseModes), MemberType = typeof(OpenId4VpRequest))]
    public async Task Peer_and_we_build_the_same_SessionTranscript_OID4VP_B_2_6_1(string responseMode)
    {
        using var request = new OpenId4VpRequest(responseMode);

        var presentation = await _peer.IssueAndPresentPidAsync(request);

        Convert.ToHexStringLower(request.Transcript().Encoded.Span).Should().Be(presentation.SessionTranscriptHex);
    }

    [Theory]
    [MemberData(nameof(OpenId4VpRequest.BothResponseModes), MemberType = typeof(OpenId4VpRequest))]
    public async Task Peer_presentation_verifies_with_our_MdocVerifier_OID4VP_B_2_6_1(string responseMode)
    {
        using var request = new OpenId4VpRequest(responseMode);
        var presentation = await _peer.IssueAndPresentPidAsync(request);

        var result = await _peer.OurVerifier().VerifyAsync(presentation.DeviceResponse, request.Transcript());

        result.IsValid.Should().BeTrue(string.Join("; ", result.AllErrors));
        var document = result.Documents.Single();
        document.DocType.Should().Be(PidMdoc.DocType);
        document.DeviceAuthMethod.Should().Be(DeviceAuthMethod.Signature);
        var elements = document.ElementsToJson()[NameSpace]!.AsObject();
        elements.Select(e => e.Key).Should().BeEquivalentTo("given_name", "birth_date", "age_over_18");
        elements["given_name"]!.GetValue<string>().Should().Be("Erika");
        elements["birth_date"]!.GetValue<string>().Should().Be("1964-08-12");
        elements["age_over_18"]!.GetValue<bool>().Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(OpenId4VpRequest.BothResponseModes), MemberType = typeof(OpenId4VpRequest))]
    public async Task Our_presentation_verifies_with_the_peer_OID4VP_B_2_6_1(string responseMode)
    {
        using var request = new OpenId4VpRequest(responseMode);

        var verdict = await _peer.VerifyAsync(WePresent(request.Transcript()), request);

        verdict.Verified.Should().BeTrue(verdict.ToString());
        var elements = verdict.Documents.Single()!["claims"]![NameSpace]!.AsObject();
        elements.Select(e => e.Key).Should().BeEquivalentTo("given_name", "family_name", "birth_date");
        elements["family_name"]!.GetValue<string>().Should().Be("Mustermann");
        elements["birth_date"]!.GetValue<string>().Should().Be("1964-08-12");
    }

    [Theory]
    [MemberData(nameof(OpenId4VpRequest.BothResponseModes), MemberType = typeof(OpenId4VpRequest))]
    public async Task Presentation_for_the_other_response_mode_is_rejected_by_both_sides_OID4VP_B_2_6_1(string responseMode)
    {
        // Same client_id, nonce and response_uri; only the jwkThumbprint differs (null vs. the key's thumbprint).
        using var request = new OpenId4VpRequest(responseMode);
        using var otherKey = VerifierEncryptionKey.Generate();
        var other = ResponseEncryption.ForResponseMode(responseMode == ResponseModes.DirectPost ? ResponseModes.DirectPostJwt : ResponseModes.DirectPost, otherKey.PublicKey);
        var otherTranscript = SessionTranscript.ForOpenId4VpRedirect(request.ClientId, request.Nonce, other, request.ResponseUri);
        var peerPresentation = await _peer.IssueAndPresentPidAsync(request);

        var ours = await _peer.OurVerifier().VerifyAsync(peerPresentation.DeviceResponse, otherTranscript);
        var theirs = await _peer.VerifyAsync(WePresent(otherTranscript), request);

        ours.AllErrors.Select(e => e.Code).Should().Equal(MdocErrorCodes.DeviceSignatureInvalid);
        theirs.Verified.Should().BeFalse();
        theirs.Failed.Should().ContainSingle().Which.Should().Contain("Device signature must be valid");
    }

    /// <summary>
    /// What the library wrote before the fix for <c>direct_post</c>: an empty byte string (<c>40</c>) in place of null
    /// (<c>f6</c>) in the OpenID4VPHandoverInfo. The peer, following B.2.6.1, rejects our presentation made over it, and
    /// our verifier, holding it, rejects the peer's genuine presentation: the two failures the interop run reported.
    /// </summary>
    [Fact]
    public async Task Empty_byte_string_in_place_of_null_thumbprint_fails_against_the_peer_OID4VP_B_2_6_1()
    {
        using var request = new OpenId4VpRequest(ResponseModes.DirectPost);
        SessionTranscript.TryParse(OldDirectPostTranscript(request), out var old, out var error).Should().BeTrue(error?.ToString());
        var peerPresentation = await _peer.IssueAndPresentPidAsync(request);

        var theirs = await _peer.VerifyAsync(WePresent(old!), request);
        var ours = await _peer.OurVerifier().VerifyAsync(peerPresentation.DeviceResponse, old!);

        theirs.Verified.Should().BeFalse();
        theirs.Failed.Should().ContainSingle().Which.Should().Contain("Device signature must be valid");
        ours.AllErrors.Select(e => e.Code).Should().Equal(MdocErrorCodes.DeviceSignatureInvalid);
    }

    /// <summary>
    /// The one disagreement found: the peer draws digestIDs from the whole 32-bit range (mdoc-ts issue 215), and
    /// ISO/IEC 18013-5:2021 9.1.2.4 says a DigestID "shall be smaller than 2^31". The clause decides: we reject such an
    /// MSO, and the other tests keep the peer's digestIDs in range through its random source.
    /// </summary>
    [Fact]
    public async Task Peer_digestIDs_of_2_to_the_31_or_more_are_rejected_ISO18013_5_9_1_2_4()
    {
        using var request = new OpenId4VpRequest(ResponseModes.DirectPost);
        var presentation = await _peer.IssueAndPresentPidAsync(request, digestIdsFrom2To31: true);

        var result = await _peer.OurVerifier().VerifyAsync(presentation.DeviceResponse, request.Transcript());

        result.AllErrors.Select(e => e.Code).Should().Equal(MdocErrorCodes.MsoInvalid);
        result.AllErrors.Single().Message.Should().Contain("digestID");
    }

    public void Dispose() => _peer.Dispose();

    private string WePresent(SessionTranscript transcript)
    {
        var disclose = new Dictionary<string, IReadOnlyCollection<string>>(StringComparer.Ordinal) { [NameSpace] = ["given_name", "family_name", "birth_date"] };
        return MdocPresenter.Present(_peer.IssuePidWithOurLibrary(), _peer.DeviceKey, disclose, transcript).ToBase64Url();
    }

    // [null, null, ["OpenID4VPHandover", SHA-256([client_id, nonce, h'', response_uri])]]: the info written with the
    // BCL's CborWriter, the transcript around its hash by hand (83 = array(3), f6 = null, 82 = array(2),
    // 71 = text(17), 58 20 = bytes(32)).
    private static byte[] OldDirectPostTranscript(OpenId4VpRequest request)
    {
        var info = new CborWriter();
        info.WriteStartArray(4);
        info.WriteTextString(request.ClientId);
        info.WriteTextString(request.Nonce);
        info.WriteByteString([]);
        info.WriteTextString(request.ResponseUri);
        info.WriteEndArray();
        return Convert.FromHexString("83f6f682714f70656e494434565048616e646f7665725820" + Convert.ToHexStringLower(SHA256.HashData(info.Encode())));
    }
}
