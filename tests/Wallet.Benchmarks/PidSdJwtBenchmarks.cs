using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using BenchmarkDotNet.Attributes;
using Wallet.Core.Claims;
using Wallet.Core.Development;
using Wallet.Core.Jose;
using Wallet.Core.Pid;
using Wallet.Core.SdJwt;
using Wallet.Core.SdJwtVc;
using Wallet.Core.Trust;

namespace Wallet.Benchmarks;

/// <summary>
/// Issue, present and verify a PID SD-JWT VC, next to one raw ES256 verification: verifying a presentation needs two
/// signature checks, so its cost over 2× the raw verification is what parsing, hashing and JSON add.
/// </summary>
/// <remarks>
/// Issue 17 goals, read as ratios to <see cref="RawEs256Verify"/> of the same run: <see cref="VerifyPresentationWithX5cChain"/>
/// (PID with 20 or more disclosable claims, 10 disclosed, KB-JWT, x5c chain already validated once) at most 2.5× plus
/// one holder-key import (<see cref="KeyImportBenchmarks"/>); <see cref="IssuePid"/> at most 3× <see cref="RawEs256Sign"/>.
/// </remarks>
[MemoryDiagnoser]
public class PidSdJwtBenchmarks
{
    private const string Audience = "x509_san_dns:rp.example";
    private const string Nonce = "benchmark-nonce";

    private readonly ClaimPath[] _disclose =
    [
        ClaimPath.Of("given_name"), ClaimPath.Of("family_name"), ClaimPath.Of("birthdate"), ClaimPath.Of("address", "locality"), ClaimPath.Of("nationalities"),
        ClaimPath.Of("address", "postal_code"), ClaimPath.Of("address", "street_address"), ClaimPath.Of("issuing_authority"), ClaimPath.Of("issuing_country"), ClaimPath.Of("date_of_expiry"),
    ];
    private SigningKey _issuerKey = null!;
    private SigningKey _holderKey = null!;
    private SdJwtVcIssuanceRequest _request = null!;
    private Wallet.Core.SdJwt.SdJwt _issued = null!;
    private string _presentation = null!;
    private SdJwtVerifier _verifier = null!;
    private SdJwtVcVerifier _x5cVerifier = null!;
    private ECDsa _rawKey = null!;
    private byte[] _rawData = null!;
    private byte[] _rawSignature = null!;
    private DateTimeOffset _now;
    private string _holderJwk = null!;

    [GlobalSetup]
    public void Setup()
    {
        _now = DateTimeOffset.UtcNow;
        var root = DevelopmentCertificates.CreateRootCa(_now.AddDays(-1));
        _issuerKey = DevelopmentCertificates.ToSigningKey(DevelopmentCertificates.CreateSigner(root, _now.AddDays(-1)));
        _holderKey = SigningKey.Generate();
        _request = new SdJwtVcIssuanceRequest
        {
            Vct = PidSdJwtVc.Vct,
            Issuer = "https://pid.example.gov",
            Claims = PidSdJwtVc.ToClaims(new PersonIdentificationData
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
            }),
            HolderKey = _holderKey.PublicJwk,
            IssuedAt = _now,
            ExpiresAt = _now.AddDays(30),
        };
        Wallet.Core.SdJwt.SdJwt.TryParse(SdJwtVcIssuer.Issue(_request, _issuerKey), SdJwtLimits.Default, out var issued, out _);
        _issued = issued!;
        _presentation = Present();
        var disclosed = Wallet.Core.SdJwt.SdJwt.TryParse(_presentation, SdJwtLimits.Default, out var presented, out _) ? presented!.Disclosures.Count : 0;
        if (_issued.Disclosures.Count < 20 || disclosed < 10)
        {
            throw new InvalidOperationException($"The benchmark PID has {_issued.Disclosures.Count} Disclosures and presents {disclosed}; the goal is measured with at least 20 and 10.");
        }
        _verifier = new SdJwtVerifier(new SdJwtVerifierOptions
        {
            IssuerKeyResolver = new StaticIssuerKeyResolver(_issuerKey.PublicJwk),
            AcceptedTypes = SdJwtVcClaims.AcceptedTypes,
        });
        _x5cVerifier = new SdJwtVcVerifier(new SdJwtVcVerifierOptions
        {
            TrustValidator = new X509ChainValidator(TrustAnchorStore.FromCertificates([X509CertificateLoader.LoadCertificate(root.RawData)], LevelOfAssurance.High)),
        });

        _holderJwk = _holderKey.PublicJwk.ToJson();
        if (!VerifyPresentationWithX5cChain().GetAwaiter().GetResult())
        {
            throw new InvalidOperationException("The benchmark presentation does not verify with its x5c chain.");
        }

        _rawKey = _issuerKey.PublicJwk.ToECDsa();
        var jws = _issued.IssuerSignedJwt;
        _rawData = Encoding.ASCII.GetBytes(jws.SigningInput.ToString());
        _rawSignature = jws.Signature.ToArray();
    }

    [Benchmark]
    public string IssuePid() => SdJwtVcIssuer.Issue(_request, _issuerKey);

    [Benchmark]
    public byte[] RawEs256Sign() => _issuerKey.Key.SignData(_rawData, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    [Benchmark]
    public string PresentWithKeyBinding() => Present();

    [Benchmark]
    public async Task<bool> VerifyPresentation() =>
        (await _verifier.VerifyAsync(_presentation, new KeyBindingExpectation(Audience, Nonce))).IsValid;

    [Benchmark]
    public async Task<bool> VerifyPresentationWithX5cChain() =>
        (await _x5cVerifier.VerifyAsync(_presentation, new KeyBindingExpectation(Audience, Nonce))).IsValid;

    [Benchmark(Baseline = true)]
    public bool RawEs256Verify() =>
        _rawKey.VerifyData(_rawData, _rawSignature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    // A verifier meets a new holder key with every presentation: importing it (OpenSSL checks the point) is part of
    // the floor for the KB-JWT.
    [Benchmark]
    public bool RawEs256VerifyWithKeyImport()
    {
        using var key = _issuerKey.PublicJwk.ToECDsa();
        return key.VerifyData(_rawData, _rawSignature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    [Benchmark]
    public bool ParsePresentation() => Wallet.Core.SdJwt.SdJwt.TryParse(_presentation, SdJwtLimits.Default, out _, out _);

    [Benchmark]
    public bool ParseHolderKey() => PublicJwk.TryParse(_holderJwk, out _, out _);

    private string Present() => SdJwtHolder.Present(_issued, _disclose, new KeyBindingOptions(_holderKey, Audience, Nonce, DateTimeOffset.UtcNow));
}
