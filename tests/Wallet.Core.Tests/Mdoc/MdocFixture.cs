using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Time.Testing;
using Wallet.Core.Development;
using Wallet.Core.Jose;
using Wallet.Core.Mdoc;
using Wallet.Core.Pid;
using Wallet.Core.StatusList;
using Wallet.Core.Tests.TestSupport;
using Wallet.Core.Trust;

namespace Wallet.Core.Tests.Mdoc;

/// <summary>
/// A development IACA, a document signer under it (real certificates, validated by the real
/// <see cref="X509ChainValidator"/>), a holder device key and a PID to issue.
/// </summary>
internal sealed class MdocFixture : IDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public MdocFixture()
    {
        Root = DevelopmentCertificates.CreateRootCa(T0.AddDays(-10), "Test IACA", pathLength: 0);
        DocumentSignerCertificate = DevelopmentCertificates.CreateDocumentSigner(Root, T0.AddDays(-1));
        DocumentSigner = DevelopmentCertificates.ToSigningKey(DocumentSignerCertificate);
        DeviceKey = SigningKey.Generate();
    }

    public X509Certificate2 Root { get; }

    public X509Certificate2 DocumentSignerCertificate { get; }

    public SigningKey DocumentSigner { get; }

    public SigningKey DeviceKey { get; }

    public static SessionTranscript Transcript(string nonce = "n-0S6_WzA2Mj") =>
        SessionTranscript.ForOpenId4VpRedirect("x509_san_dns:verifier.example", nonce, ResponseEncryption.None, "https://verifier.example/response");

    public static PersonIdentificationData Pid() => new()
    {
        FamilyName = "Mustermann",
        GivenName = "Erika",
        BirthDate = new DateOnly(1964, 8, 12),
        PlaceOfBirth = new PlaceOfBirth(Country: "DE", Locality: "Berlin"),
        Nationalities = ["DE", "FR"],
        Portrait = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x01, 0x02 },
        Sex = 2,
        IssuingAuthority = "DE",
        IssuingCountry = "DE",
        ExpiryDate = new DateOnly(2031, 3, 1),
    };

    public MdocIssuanceRequest PidRequest(StatusListReference? status = null) =>
        PidMdoc.CreateIssuanceRequest(Pid(), CoseKey.FromJwk(DeviceKey.PublicJwk), T0, T0.AddDays(30)) with { Status = status };

    public IssuerSigned Issue(MdocIssuanceRequest? request = null, DateTimeOffset? at = null) =>
        new MdocIssuer(new FakeTimeProvider(at ?? T0)).Issue(request ?? PidRequest(), DocumentSigner);

    public MdocVerifierOptions VerifierOptions(DateTimeOffset? at = null, X509Certificate2? anchor = null, ITokenStatusChecker? statusChecker = null) => new()
    {
        ChainValidator = new X509ChainValidator(TrustAnchorStore.FromCertificates([anchor ?? Root], LevelOfAssurance.High)),
        TimeProvider = new FakeTimeProvider(at ?? T0.AddHours(1)),
        StatusChecker = statusChecker,
    };

    /// <summary>Signs an MSO over exactly the given items, as a misbehaving or test issuer would.</summary>
    public IssuerSigned Sign(IReadOnlyDictionary<string, IReadOnlyList<IssuerSignedItem>> nameSpaces, string docType = PidMdoc.DocType, SigningKey? signer = null)
    {
        var digests = nameSpaces.ToDictionary(
            ns => ns.Key,
            ns => (IReadOnlyDictionary<int, ReadOnlyMemory<byte>>)ns.Value.GroupBy(i => i.DigestId).ToDictionary(g => g.Key, g => (ReadOnlyMemory<byte>)g.First().ComputeDigest(HashAlgorithmName.SHA256)),
            StringComparer.Ordinal);
        var mso = MobileSecurityObject.Create(HashAlgorithmName.SHA256, digests, CoseKey.FromJwk(DeviceKey.PublicJwk), docType, new ValidityInfo(T0, T0, T0.AddDays(30)), null);
        return IssuerSigned.Create(nameSpaces, IssuerAuth.Sign(mso, signer ?? DocumentSigner));
    }

    public static DeviceResponse Respond(IssuerSigned disclosed, SigningKey deviceKey, SessionTranscript transcript, string? docType = null)
    {
        var type = docType ?? disclosed.DocType;
        return DeviceResponse.Create([Document.Create(type, disclosed, DeviceSigned.CreateWithSignature(transcript, type, deviceKey))]);
    }

    public void Dispose()
    {
        Root.Dispose();
        DocumentSignerCertificate.Dispose();
        DocumentSigner.Key.Dispose();
        DeviceKey.Key.Dispose();
    }
}
