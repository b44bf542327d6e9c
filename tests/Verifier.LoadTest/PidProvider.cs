using System.Security.Cryptography.X509Certificates;
using Wallet.Core.Development;
using Wallet.Core.Jose;
using Wallet.Core.Pid;
using Wallet.Core.SdJwtVc;
using Wallet.Core.StatusList;
using Wallet.Core.Trust;

namespace Wallet.Verifier.LoadTest;

/// <summary>
/// A PID provider made with Wallet.Core's development PKI: a root (the Verifier's trust anchor), an SD-JWT VC issuer
/// and a status list signer, with one Status List Token the Verifier fetches over loopback.
/// </summary>
internal sealed class PidProvider : IDisposable
{
    public const string StatusListPath = "/status/1";
    private readonly X509Certificate2 _root;
    private readonly SigningKey _issuerKey;
    private readonly SigningKey _statusKey;
    private readonly DateTimeOffset _start = DateTimeOffset.UtcNow.AddDays(-1);

    public PidProvider(string directory)
    {
        _root = DevelopmentCertificates.CreateRootCa(_start.AddDays(-30), "Load Test PID IACA");
        _issuerKey = DevelopmentCertificates.ToSigningKey(DevelopmentCertificates.CreateSigner(_root, _start, "Load Test PID Provider"));
        _statusKey = DevelopmentCertificates.ToSigningKey(DevelopmentCertificates.CreateStatusListSigner(_root, _start));
        RootPemPath = Path.Combine(directory, "pid-iaca.pem");
        File.WriteAllText(RootPemPath, DevelopmentCertificates.ExportCertificatePem(_root));
    }

    public string RootPemPath { get; }

    public static PersonIdentificationData Person { get; } = new()
    {
        FamilyName = "Loadtest",
        GivenName = "Lisa",
        BirthDate = new DateOnly(1990, 1, 2),
        PlaceOfBirth = new PlaceOfBirth(Country: "DE", Locality: "Berlin"),
        Nationalities = ["DE"],
        IssuingAuthority = "Load Test Authority",
        IssuingCountry = "DE",
    };

    /// <summary>The Status List Token for <paramref name="statusListUri"/>: every entry valid, cached for five minutes.</summary>
    public string StatusListToken(Uri statusListUri) =>
        new StatusListToken(statusListUri, _start, new StatusListBuilder(1, 1024).ToStatusList(), _start.AddDays(30), TimeSpan.FromMinutes(5)).ToJwt(_statusKey);

    /// <summary>A PID SD-JWT VC bound to <paramref name="holder"/>, status entry <paramref name="index"/>.</summary>
    public string IssuePid(SigningKey holder, Uri statusListUri, int index) => SdJwtVcIssuer.Issue(
        new SdJwtVcIssuanceRequest
        {
            Vct = PidSdJwtVc.Vct,
            Issuer = "https://pid.loadtest.example",
            Claims = PidSdJwtVc.ToClaims(Person),
            HolderKey = holder.PublicJwk,
            IssuedAt = DateTimeOffset.UtcNow.AddHours(-1),
            ExpiresAt = DateTimeOffset.UtcNow.AddDays(30),
            Status = new StatusListReference(index, statusListUri),
        },
        _issuerKey);

    public void Dispose()
    {
        _root.Dispose();
        _issuerKey.Key.Dispose();
        _statusKey.Key.Dispose();
    }
}
