using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Wallet.Core.Development;
using Wallet.Core.Jose;
using Wallet.Core.Pid;
using Wallet.Core.SdJwtVc;
using Wallet.Core.StatusList;
using Wallet.Core.Trust;

namespace Wallet.Verifier.Tests;

/// <summary>
/// A PID provider for the tests: an IACA-style root (the Verifier's trust anchor, tagged high), an SD-JWT VC issuer,
/// a status list signer with one list of valid entries and one with a revoked entry, and an untrusted issuer.
/// </summary>
public static class TestCredentials
{
    public const string GivenName = "Kari";
    public const string BirthDate = "2001-03-04";
    public static readonly Uri ValidList = new("https://status.example/lists/1");
    public static readonly Uri RevokedList = new("https://status.example/lists/2");

    /// <summary>A list in CWT form (draft-ietf-oauth-status-list §5.2): entry 6 valid, entry 9 revoked.</summary>
    public static readonly Uri CwtList = new("https://status.example/lists/3");
    private static readonly DateTimeOffset Start = DateTimeOffset.UtcNow.AddDays(-1);
    private static readonly X509Certificate2 Root = DevelopmentCertificates.CreateRootCa(Start.AddDays(-30), "PID Test IACA");
    private static readonly X509Certificate2 UntrustedRoot = DevelopmentCertificates.CreateRootCa(Start.AddDays(-30), "Untrusted IACA");
    private static readonly X509Certificate2 Intermediate = DevelopmentCertificates.CreateIntermediateCa(Root, Start, "PID Test Intermediate CA");
    private static readonly SigningKey IssuerKey = DevelopmentCertificates.ToSigningKey(DevelopmentCertificates.CreateSigner(Root, Start, "PID Provider Test"));
    private static readonly SigningKey IntermediateIssuerKey = DevelopmentCertificates.ToSigningKey(DevelopmentCertificates.CreateSigner(Intermediate, Start, "PID Provider via Intermediate"), [Intermediate]);
    private static readonly SigningKey UntrustedIssuerKey = DevelopmentCertificates.ToSigningKey(DevelopmentCertificates.CreateSigner(UntrustedRoot, Start, "Rogue Provider"));
    private static readonly SigningKey DocumentSignerKey = DevelopmentCertificates.ToSigningKey(DevelopmentCertificates.CreateDocumentSigner(Root, Start, "PID Document Signer Test"));
    private static readonly SigningKey StatusKey = DevelopmentCertificates.ToSigningKey(DevelopmentCertificates.CreateStatusListSigner(Root, Start));

    static TestCredentials()
    {
        RootPemPath = Path.Combine(Path.GetTempPath(), $"verifier-tests-iaca-{Guid.NewGuid():N}.pem");
        File.WriteAllText(RootPemPath, DevelopmentCertificates.ExportCertificatePem(Root));
        var valid = new StatusListBuilder(1, 1024).ToStatusList();
        var revoked = new StatusListBuilder(1, 1024).SetStatus(9, TokenStatus.Invalid).ToStatusList();
        StatusLists = new Dictionary<string, string>
        {
            [ValidList.AbsoluteUri] = new StatusListToken(ValidList, Start, valid, Start.AddDays(30), TimeSpan.FromMinutes(5)).ToJwt(StatusKey),
            [RevokedList.AbsoluteUri] = new StatusListToken(RevokedList, Start, revoked, Start.AddDays(30), TimeSpan.FromMinutes(5)).ToJwt(StatusKey),
        };
        CwtStatusLists = new Dictionary<string, byte[]>
        {
            [CwtList.AbsoluteUri] = new StatusListToken(CwtList, Start, revoked, Start.AddDays(30), TimeSpan.FromMinutes(5)).ToCwt(StatusKey),
        };
    }

    /// <summary>base64url of the root's SubjectKeyIdentifier: the AuthorityKeyIdentifier of what it issues (OpenID4VP 1.0 §6.1.1.1 <c>aki</c>).</summary>
    public static string RootKeyIdentifier => KeyIdentifier(Root);

    /// <summary>base64url of the intermediate CA's SubjectKeyIdentifier.</summary>
    public static string IntermediateKeyIdentifier => KeyIdentifier(Intermediate);

    /// <summary>The PEM of the trust anchor, for <c>Verifier:TrustAnchors</c>.</summary>
    public static string RootPemPath { get; }

    public static IReadOnlyDictionary<string, string> StatusLists { get; }

    public static IReadOnlyDictionary<string, byte[]> CwtStatusLists { get; }

    public static PersonIdentificationData Person { get; } = new()
    {
        FamilyName = "Nordmann",
        GivenName = GivenName,
        BirthDate = DateOnly.Parse(BirthDate, System.Globalization.CultureInfo.InvariantCulture),
        PlaceOfBirth = new PlaceOfBirth(Country: "NO", Locality: "Tromsø"),
        Nationalities = ["NO"],
        IssuingAuthority = "Test PID Authority",
        IssuingCountry = "NO",
    };

    /// <summary>A PID SD-JWT VC bound to <paramref name="holder"/>, every claim selectively disclosable.</summary>
    public static HeldCredential IssuePid(SigningKey holder, bool trusted = true, bool revoked = false, bool viaIntermediate = false, PersonIdentificationData? person = null)
    {
        var claims = PidSdJwtVc.ToClaims(person ?? Person);
        var issued = SdJwtVcIssuer.Issue(
            new SdJwtVcIssuanceRequest
            {
                Vct = PidSdJwtVc.Vct,
                Issuer = "https://pid.example.gov",
                Claims = claims,
                HolderKey = holder.PublicJwk,
                IssuedAt = DateTimeOffset.UtcNow.AddHours(-1),
                ExpiresAt = DateTimeOffset.UtcNow.AddDays(90),
                Status = revoked ? new StatusListReference(9, RevokedList) : new StatusListReference(5, ValidList),
            },
            viaIntermediate ? IntermediateIssuerKey : trusted ? IssuerKey : UntrustedIssuerKey);
        return new HeldCredential(issued, PidSdJwtVc.Vct, (JsonObject)claims.DeepClone(), holder);
    }

    private static string KeyIdentifier(X509Certificate2 ca) =>
        System.Buffers.Text.Base64Url.EncodeToString(ca.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single().SubjectKeyIdentifierBytes.Span);

    /// <summary>A PID mdoc (<c>eu.europa.ec.eudi.pid.1</c>) bound to <paramref name="deviceKey"/>, with a status list entry (by default a valid one in a JWT list).</summary>
    public static HeldMdoc IssuePidMdoc(SigningKey deviceKey, StatusListReference? status = null, PersonIdentificationData? person = null)
    {
        var now = DateTimeOffset.UtcNow;
        var request = Wallet.Core.Mdoc.PidMdoc.CreateIssuanceRequest(person ?? Person, Wallet.Core.Mdoc.CoseKey.FromJwk(deviceKey.PublicJwk), now.AddMinutes(-30), now.AddDays(30)) with { Status = status ?? new StatusListReference(6, ValidList) };

        // ISO/IEC 18013-5 9.1.2.4: signed <= validFrom, so the issuer's clock runs an hour behind.
        var issuerClock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-1));
        var issued = new Wallet.Core.Mdoc.MdocIssuer(issuerClock).Issue(request, DocumentSignerKey);
        var nameSpaces = new JsonObject();
        foreach (var (nameSpace, elements) in request.NameSpaces)
        {
            nameSpaces[nameSpace] = new JsonObject(elements.Select(e => new KeyValuePair<string, JsonNode?>(e.Key, e.Value.ToJsonNode())));
        }

        return new HeldMdoc(issued, request.DocType, nameSpaces, deviceKey);
    }
}

/// <summary>An mdoc in the test wallet: the IssuerSigned structure, its elements as JSON (for DCQL matching) and the device key.</summary>
public sealed record HeldMdoc(Wallet.Core.Mdoc.IssuerSigned IssuerSigned, string DocType, JsonObject NameSpaces, SigningKey DeviceKey);

/// <summary>A credential in the test wallet: the issued SD-JWT, its type, all its claims and the holder key.</summary>
public sealed record HeldCredential(string Issued, string Vct, JsonObject Claims, SigningKey HolderKey);
