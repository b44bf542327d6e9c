using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BenchmarkDotNet.Attributes;
using Wallet.Core.Development;
using Wallet.Core.Jose;
using Wallet.Core.Mdoc;
using Wallet.Core.Pid;
using Wallet.Core.Trust;

namespace Wallet.Benchmarks;

/// <summary>
/// Issue a PID mdoc, present 10 of its elements in a DeviceResponse over an OpenID4VP SessionTranscript, and verify
/// that DeviceResponse with the document signer chain validated to its IACA, next to one raw ES256 verification of
/// the IssuerAuth: verifying needs two ECDSA checks (IssuerAuth and deviceSignature) plus the chain, so the cost
/// over that is what CBOR parsing, digests and the chain engine add.
/// </summary>
[MemoryDiagnoser]
public class PidMdocBenchmarks
{
    private const string ClientId = "x509_san_dns:rp.example";
    private const string Nonce = "benchmark-nonce";
    private const string ResponseUri = "https://rp.example/response";

    private static readonly Dictionary<string, IReadOnlyCollection<string>> Disclose = new()
    {
        [PidMdoc.NameSpace] =
        [
            PidMdoc.FamilyName, PidMdoc.GivenName, PidMdoc.BirthDate, PidMdoc.PlaceOfBirth, PidMdoc.Nationality,
            PidMdoc.ResidentCity, PidMdoc.ResidentPostalCode, PidMdoc.ResidentStreet, PidMdoc.IssuingAuthority, PidMdoc.IssuingCountry,
        ],
    };

    private X509Certificate2 _root = null!;
    private X509Certificate2 _documentSignerCertificate = null!;
    private SigningKey _documentSigner = null!;
    private SigningKey _deviceKey = null!;
    private MdocIssuer _issuer = null!;
    private MdocIssuanceRequest _request = null!;
    private IssuerSigned _issued = null!;
    private SessionTranscript _transcript = null!;
    private byte[] _deviceResponse = null!;
    private MdocVerifier _verifier = null!;
    private ECDsa _rawKey = null!;
    private byte[] _rawData = null!;
    private byte[] _rawSignature = null!;

    [GlobalSetup]
    public void Setup()
    {
        var now = DateTimeOffset.UtcNow;
        _root = DevelopmentCertificates.CreateRootCa(now.AddDays(-1), "Benchmark IACA", pathLength: 0);
        _documentSignerCertificate = DevelopmentCertificates.CreateDocumentSigner(_root, now.AddDays(-1));
        _documentSigner = DevelopmentCertificates.ToSigningKey(_documentSignerCertificate);
        _deviceKey = SigningKey.Generate();
        _issuer = new MdocIssuer();
        _request = PidMdoc.CreateIssuanceRequest(
            new PersonIdentificationData
            {
                FamilyName = "Mustermann",
                GivenName = "Erika",
                BirthDate = new DateOnly(1964, 8, 12),
                PlaceOfBirth = new PlaceOfBirth("DE", "Berlin", "Berlin"),
                Nationalities = ["DE"],
                Address = new ResidentAddress { Locality = "Köln", PostalCode = "51147", Street = "Heidestraße", HouseNumber = "17", Country = "DE", Region = "NRW" },
                PersonalAdministrativeNumber = "123456789",
                FamilyNameAtBirth = "Gabler",
                EmailAddress = "erika@example.de",
                IssuingAuthority = "DE",
                IssuingCountry = "DE",
                ExpiryDate = new DateOnly(2030, 1, 1),
                IssuanceDate = new DateOnly(2026, 1, 1),
            },
            CoseKey.FromJwk(_deviceKey.PublicJwk),
            now.AddMinutes(-1),
            now.AddDays(30));
        _issued = _issuer.Issue(_request, _documentSigner);
        _transcript = SessionTranscript.ForOpenId4VpRedirect(ClientId, Nonce, ResponseEncryption.None, ResponseUri);
        _deviceResponse = Present().Encoded.ToArray();
        _verifier = new MdocVerifier(new MdocVerifierOptions
        {
            ChainValidator = new X509ChainValidator(TrustAnchorStore.FromCertificates([X509CertificateLoader.LoadCertificate(_root.RawData)], LevelOfAssurance.High)),
        });

        // Benchmark the success path only: a failing verification would measure an early exit.
        var check = _verifier.VerifyAsync(_deviceResponse, _transcript).AsTask().GetAwaiter().GetResult();
        var disclosed = check.Documents.Sum(d => d.Elements.Values.Sum(e => e.Count));
        if (!check.IsValid || disclosed != Disclose[PidMdoc.NameSpace].Count)
        {
            throw new InvalidOperationException($"The benchmark DeviceResponse does not verify with 10 elements: {string.Join(", ", check.AllErrors.Select(e => e.Code))}; {disclosed} elements.");
        }

        _rawKey = _documentSignerCertificate.GetECDsaPublicKey()!;
        (_rawData, _rawSignature) = IssuerAuthToBeSigned(_issued.IssuerAuth.Encoded);
        if (!RawEs256Verify())
        {
            throw new InvalidOperationException("The raw IssuerAuth Sig_structure does not verify.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _rawKey.Dispose();
        _documentSigner.Key.Dispose();
        _deviceKey.Key.Dispose();
        _documentSignerCertificate.Dispose();
        _root.Dispose();
    }

    [Benchmark]
    public IssuerSigned IssuePid() => _issuer.Issue(_request, _documentSigner);

    [Benchmark]
    public byte[] RawEs256Sign() => _documentSigner.Key.SignData(_rawData, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    [Benchmark]
    public DeviceResponse PresentTenElements() => Present();

    [Benchmark]
    public async Task<bool> VerifyDeviceResponseWithX5chain() =>
        (await _verifier.VerifyAsync(_deviceResponse, _transcript)).IsValid;

    [Benchmark(Baseline = true)]
    public bool RawEs256Verify() =>
        _rawKey.VerifyData(_rawData, _rawSignature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    /// <summary>The IssuerAuth <c>Sig_structure = ["Signature1", protected, h'', payload]</c> (RFC 9052 §4.4) and its signature.</summary>
    private static (byte[] Data, byte[] Signature) IssuerAuthToBeSigned(ReadOnlyMemory<byte> issuerAuth)
    {
        var reader = new CborReader(issuerAuth);
        reader.ReadStartArray();
        var protectedHeader = reader.ReadByteString();
        reader.SkipValue();
        var payload = reader.ReadByteString();
        var signature = reader.ReadByteString();
        var writer = new CborWriter();
        writer.WriteStartArray(4);
        writer.WriteTextString("Signature1");
        writer.WriteByteString(protectedHeader);
        writer.WriteByteString([]);
        writer.WriteByteString(payload);
        writer.WriteEndArray();
        return (writer.Encode(), signature);
    }

    private DeviceResponse Present() => MdocPresenter.Present(_issued, _deviceKey, Disclose, _transcript);
}
