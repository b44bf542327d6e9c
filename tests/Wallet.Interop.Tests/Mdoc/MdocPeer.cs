using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Wallet.Core.Development;
using Wallet.Core.Jose;
using Wallet.Core.Mdoc;
using Wallet.Core.Pid;
using Wallet.Core.Trust;

namespace Wallet.Interop.Tests.Mdoc;

/// <summary>
/// The independent mdoc implementation, OpenWallet Foundation mdoc-ts (<c>@owf/mdoc</c>, version pinned in
/// <c>js/mdoc/package-lock.json</c>), as issuer + holder (<c>present.mjs</c>) and as verifier (<c>verify.mjs</c>), with
/// one development PKI shared by both sides: an IACA, a document signer under it (ISO/IEC 18013-5 Annex B profile) and
/// a device key, all valid now.
/// </summary>
public sealed class MdocPeer : IDisposable
{
    private readonly NodePeer _node = new("mdoc");

    public MdocPeer()
    {
        var now = DateTimeOffset.UtcNow;
        Iaca = DevelopmentCertificates.CreateRootCa(now.AddDays(-1), "Interop Test IACA", pathLength: 0);
        DocumentSignerCertificate = DevelopmentCertificates.CreateDocumentSigner(Iaca, now.AddHours(-1), "Interop Test Document Signer");
        DocumentSigner = DevelopmentCertificates.ToSigningKey(DocumentSignerCertificate);
        DeviceKey = SigningKey.Generate();
    }

    public X509Certificate2 Iaca { get; }

    public X509Certificate2 DocumentSignerCertificate { get; }

    public SigningKey DocumentSigner { get; }

    public SigningKey DeviceKey { get; }

    /// <summary>Our verifier, trusting the IACA.</summary>
    public MdocVerifier OurVerifier() =>
        new(new MdocVerifierOptions { ChainValidator = new X509ChainValidator(TrustAnchorStore.FromCertificates([Iaca], LevelOfAssurance.High)) });

    /// <summary>
    /// The peer issues a PID (given_name, family_name, birth_date as a full-date, age_over_18) with our document signer
    /// key and certificate, and presents given_name, birth_date and age_over_18 for <paramref name="request"/>.
    /// </summary>
    /// <param name="request">The request the presentation answers.</param>
    /// <param name="digestIdsFrom2To31">
    /// Let the peer draw digestIDs of 2^31 and more, as it does by default (mdoc-ts issue 215); otherwise its random
    /// source keeps them below 2^31 as ISO/IEC 18013-5:2021 9.1.2.4 requires (see <c>js/mdoc/context.mjs</c>).
    /// </param>
    public async Task<PeerPresentation> IssueAndPresentPidAsync(OpenId4VpRequest request, bool digestIdsFrom2To31 = false)
    {
        var now = DateTimeOffset.UtcNow;
        var answer = await _node.RunAsync("present.mjs", new JsonObject
        {
            ["docType"] = PidMdoc.DocType,
            ["nameSpaces"] = new JsonObject
            {
                [PidMdoc.NameSpace] = new JsonObject
                {
                    ["given_name"] = "Erika",
                    ["family_name"] = "Mustermann",
                    ["birth_date"] = new JsonObject { ["fullDate"] = "1964-08-12" },
                    ["age_over_18"] = true,
                },
            },
            ["issuerKey"] = PrivateJwk(DocumentSigner.Key),
            ["certificates"] = new JsonArray(Convert.ToBase64String(DocumentSignerCertificate.RawData)),
            // The peer puts the device key's own "alg" in the deviceSignature protected header (ISO/IEC 18013-5
            // 9.1.3.6 requires it there), so the key carries it.
            ["deviceKey"] = PrivateJwk(DeviceKey.Key, "ES256"),
            ["validity"] = new JsonObject
            {
                ["signed"] = now.AddMinutes(-10).ToString("O"),
                ["validFrom"] = now.AddMinutes(-10).ToString("O"),
                ["validUntil"] = now.AddDays(1).ToString("O"),
            },
            ["disclose"] = new JsonObject { [PidMdoc.NameSpace] = new JsonArray("given_name", "birth_date", "age_over_18") },
            ["handover"] = request.PeerHandover(),
            ["digestIdsFrom2To31"] = digestIdsFrom2To31,
        });
        return new PeerPresentation(answer["deviceResponse"]!.GetValue<string>(), answer["sessionTranscriptHex"]!.GetValue<string>());
    }

    /// <summary>We issue a PID mdoc with Wallet.Core under the same document signer, bound to the same device key.</summary>
    public IssuerSigned IssuePidWithOurLibrary()
    {
        var now = DateTimeOffset.UtcNow;
        var pid = new PersonIdentificationData
        {
            FamilyName = "Mustermann",
            GivenName = "Erika",
            BirthDate = new DateOnly(1964, 8, 12),
            PlaceOfBirth = new PlaceOfBirth(Country: "DE", Locality: "Berlin"),
            Nationalities = ["DE"],
            IssuingAuthority = "DE",
            IssuingCountry = "DE",
        };
        return new MdocIssuer().Issue(PidMdoc.CreateIssuanceRequest(pid, CoseKey.FromJwk(DeviceKey.PublicJwk), now.AddMinutes(-10), now.AddDays(1)), DocumentSigner);
    }

    /// <summary>The peer verifies <paramref name="deviceResponse"/> against the transcript it builds from <paramref name="request"/>.</summary>
    public Task<PeerVerdict> VerifyAsync(string deviceResponse, OpenId4VpRequest request) =>
        VerifyAsync(deviceResponse, "handover", request.PeerHandover());

    /// <summary>The peer verifies <paramref name="deviceResponse"/> against a SessionTranscript given as bytes.</summary>
    public Task<PeerVerdict> VerifyAsync(string deviceResponse, ReadOnlySpan<byte> sessionTranscript) =>
        VerifyAsync(deviceResponse, "sessionTranscriptHex", Convert.ToHexStringLower(sessionTranscript));

    public void Dispose()
    {
        Iaca.Dispose();
        DocumentSignerCertificate.Dispose();
        DocumentSigner.Key.Dispose();
        DeviceKey.Key.Dispose();
    }

    private async Task<PeerVerdict> VerifyAsync(string deviceResponse, string transcriptName, JsonNode transcript)
    {
        var answer = await _node.RunAsync("verify.mjs", new JsonObject
        {
            ["deviceResponse"] = deviceResponse,
            ["trustedCertificates"] = new JsonArray(Convert.ToBase64String(Iaca.RawData)),
            ["now"] = DateTimeOffset.UtcNow.ToString("O"),
            [transcriptName] = transcript,
        });
        return new PeerVerdict(
            answer["verified"]!.GetValue<bool>(),
            answer["failed"]!.AsArray().Select(f => f!.GetValue<string>()).ToArray(),
            answer["documents"]!.AsArray());
    }

    private static JsonObject PrivateJwk(ECDsa key, string? algorithm = null)
    {
        var parameters = key.ExportParameters(includePrivateParameters: true);
        var jwk = new JsonObject
        {
            ["kty"] = "EC",
            ["crv"] = "P-256",
            ["x"] = Base64Url.EncodeToString(parameters.Q.X),
            ["y"] = Base64Url.EncodeToString(parameters.Q.Y),
            ["d"] = Base64Url.EncodeToString(parameters.D),
        };
        if (algorithm is not null)
        {
            jwk["alg"] = algorithm;
        }

        return jwk;
    }
}
