using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Wallet.Core.Claims;
using Wallet.Core.Development;
using Wallet.Core.Jose;
using Wallet.Core.Mdoc;
using Wallet.Core.SdJwt;
using Wallet.Core.StatusList;
using Wallet.Core.Trust;

namespace Wallet.Benchmarks;

/// <summary>
/// Issue 17: cost must grow no faster than the input. SD-JWT issuance of N selectively disclosable claims, parsing and
/// verifying an SD-JWT with N Disclosures (issuer key configured, no KB-JWT), next to one raw ES256 verification.
/// </summary>
[MemoryDiagnoser]
public class SdJwtSizeBenchmarks
{
    private JsonObject _claims = null!;
    private ClaimPath[] _paths = null!;
    private SigningKey _key = null!;
    private string _sdJwt = null!;
    private SdJwtVerifier _verifier = null!;
    private ECDsa _rawKey = null!;
    private byte[] _rawData = null!;
    private byte[] _rawSignature = null!;

    [Params(5, 20, 100, 500)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _key = SigningKey.Generate();
        _claims = new JsonObject { ["iss"] = "https://issuer.example" };
        var paths = new List<ClaimPath>();
        for (var i = 0; i < Size; i++)
        {
            _claims[$"claim_{i:D3}"] = $"value of claim {i}";
            paths.Add(ClaimPath.Of($"claim_{i:D3}"));
        }

        _paths = [.. paths];
        _sdJwt = Issue();
        _verifier = new SdJwtVerifier(new SdJwtVerifierOptions
        {
            IssuerKeyResolver = new StaticIssuerKeyResolver(_key.PublicJwk),
            AcceptedTypes = [new SdJwtIssuanceOptions().Type],
        });
        if (!Verify().GetAwaiter().GetResult())
        {
            throw new InvalidOperationException("The benchmark SD-JWT does not verify.");
        }

        _ = Wallet.Core.SdJwt.SdJwt.TryParse(_sdJwt, out var parsed, out _);
        _rawKey = _key.PublicJwk.ToECDsa();
        _rawData = Encoding.ASCII.GetBytes(parsed!.IssuerSignedJwt.SigningInput.ToString());
        _rawSignature = parsed.IssuerSignedJwt.Signature.ToArray();
    }

    [Benchmark(Baseline = true)]
    public bool RawEs256Verify() =>
        _rawKey.VerifyData(_rawData, _rawSignature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    [Benchmark]
    public string Issue() => SdJwtIssuer.Issue(_claims, _paths, _key);

    [Benchmark]
    public bool Parse() => Wallet.Core.SdJwt.SdJwt.TryParse(_sdJwt, out _, out _);

    [Benchmark]
    public async Task<bool> Verify() => (await _verifier.VerifyAsync(_sdJwt, keyBinding: null)).IsValid;
}

/// <summary>Issue 17: an mdoc with N elements in one namespace, issued, and verified as a DeviceResponse presenting all of them.</summary>
[MemoryDiagnoser]
public class MdocSizeBenchmarks
{
    private const string NameSpace = "org.example.benchmark.1";
    private MdocIssuer _issuer = null!;
    private MdocIssuanceRequest _request = null!;
    private SigningKey _documentSigner = null!;
    private SessionTranscript _transcript = null!;
    private byte[] _deviceResponse = null!;
    private MdocVerifier _verifier = null!;
    private ECDsa _rawKey = null!;
    private byte[] _rawData = null!;
    private byte[] _rawSignature = null!;

    [Params(10, 100, 500)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var now = DateTimeOffset.UtcNow;
        var root = DevelopmentCertificates.CreateRootCa(now.AddDays(-1), "Benchmark IACA", pathLength: 0);
        var signerCertificate = DevelopmentCertificates.CreateDocumentSigner(root, now.AddDays(-1));
        _documentSigner = DevelopmentCertificates.ToSigningKey(signerCertificate);
        var deviceKey = SigningKey.Generate();
        var elements = new Dictionary<string, CborValue>(StringComparer.Ordinal);
        for (var i = 0; i < Size; i++)
        {
            elements[$"element_{i:D3}"] = CborValue.Text($"value of element {i}");
        }

        _request = new MdocIssuanceRequest("org.example.benchmark", new Dictionary<string, IReadOnlyDictionary<string, CborValue>> { [NameSpace] = elements }, CoseKey.FromJwk(deviceKey.PublicJwk), now.AddMinutes(-1), now.AddDays(30));
        _issuer = new MdocIssuer();
        var issued = _issuer.Issue(_request, _documentSigner);
        _transcript = SessionTranscript.ForOpenId4VpRedirect("x509_san_dns:rp.example", "benchmark-nonce", ResponseEncryption.None, "https://rp.example/response");
        _deviceResponse = MdocPresenter.Present(issued, deviceKey, new Dictionary<string, IReadOnlyCollection<string>> { [NameSpace] = elements.Keys.ToArray() }, _transcript).Encoded.ToArray();
        _verifier = new MdocVerifier(new MdocVerifierOptions
        {
            ChainValidator = new X509ChainValidator(TrustAnchorStore.FromCertificates([X509CertificateLoader.LoadCertificate(root.RawData)], LevelOfAssurance.High)),
        });
        var check = _verifier.VerifyAsync(_deviceResponse, _transcript).AsTask().GetAwaiter().GetResult();
        if (!check.IsValid || check.Documents.Sum(d => d.Elements.Values.Sum(e => e.Count)) != Size)
        {
            throw new InvalidOperationException($"The benchmark DeviceResponse does not verify with {Size} elements: {string.Join(", ", check.AllErrors.Select(e => e.Code))}.");
        }

        _rawKey = signerCertificate.GetECDsaPublicKey()!;
        _rawData = new byte[256];
        _rawSignature = _documentSigner.Key.SignData(_rawData, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    [Benchmark(Baseline = true)]
    public bool RawEs256Verify() =>
        _rawKey.VerifyData(_rawData, _rawSignature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    [Benchmark]
    public IssuerSigned Issue() => _issuer.Issue(_request, _documentSigner);

    [Benchmark]
    public async Task<bool> VerifyDeviceResponse() => (await _verifier.VerifyAsync(_deviceResponse, _transcript)).IsValid;
}

/// <summary>Issue 17: decompressing a Status List of 2^16 to 2^20 two-bit entries with 1 % of them set.</summary>
[MemoryDiagnoser]
public class StatusListSizeBenchmarks
{
    private const int Bits = 2;
    private byte[] _compressed = null!;

    [Params(16, 18, 20)]
    public int Log2Entries { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var entries = 1 << Log2Entries;
        var bytes = new byte[entries * Bits / 8];
        var random = new Random(17);
        for (var i = 0; i < entries / 100; i++)
        {
            var index = random.Next(entries);
            bytes[index * Bits / 8] |= (byte)(1 << (index * Bits % 8));
        }

        _compressed = StatusList.FromBytes(Bits, bytes).Compress();
        if (!Decompress())
        {
            throw new InvalidOperationException("The benchmark list does not decompress.");
        }
    }

    [Benchmark]
    public bool Decompress() => StatusList.TryDecompress(Bits, _compressed, new StatusListLimits(), out _, out _);
}
