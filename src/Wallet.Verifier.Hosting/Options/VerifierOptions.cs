using Wallet.Core.OpenId4Vp;
using Wallet.Hosting.Pkcs11;

namespace Wallet.Verifier.Options;

/// <summary>Configuration of the Verifier (section <c>Verifier</c>), validated at start by <see cref="VerifierOptionsValidator"/>.</summary>
public sealed class VerifierOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Verifier";

    /// <summary>The public https base URL wallets reach the Verifier at, e.g. <c>https://verifier.example</c>; the request and response URIs hang below it.</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary><see cref="ClientIdPrefixes.X509Hash"/> (default; mandatory in HAIP 1.0 §5) or <see cref="ClientIdPrefixes.X509SanDns"/> (the DNS name is the host of <see cref="PublicBaseUrl"/>).</summary>
    public string ClientIdPrefix { get; set; } = ClientIdPrefixes.X509Hash;

    /// <summary>The relying parties allowed to use the API, each with the SHA-256 of its API key.</summary>
    public IList<RelyingPartyOptions> RelyingParties { get; } = [];

    /// <summary>
    /// PEM files of the trust anchors for credential issuers (and their status lists): each entry a path, optionally
    /// followed by <c>|low</c>, <c>|substantial</c> or <c>|high</c> to tag the level of assurance it certifies,
    /// e.g. <c>Verifier__TrustAnchors__0=/etc/verifier/pid-iaca.pem|high</c>.
    /// </summary>
    public IList<string> TrustAnchors { get; } = [];

    /// <summary>Folder for the SQLite database and the generated development request-signing certificate.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// The database of the Verifier's state: the embedded SQLite file in <see cref="DataDirectory"/> (default) or a
    /// PostgreSQL server shared by several instances (<c>Verifier__Database__Provider=PostgreSql</c>,
    /// <c>Verifier__Database__ConnectionString=…</c>); specs/database.md.
    /// </summary>
    public Wallet.Hosting.Database.DatabaseOptions Database { get; } = new();

    /// <summary>PEM certificate of the request signing key; when unset a development certificate is generated into <see cref="DataDirectory"/>.</summary>
    public string? RequestSigningCertificatePath { get; set; }

    /// <summary>PKCS#8 PEM private key of <see cref="RequestSigningCertificatePath"/>.</summary>
    public string? RequestSigningKeyPath { get; set; }

    /// <summary>PEM file with the intermediate CA certificates of the request signing certificate (never the root), if any.</summary>
    public string? RequestSigningChainPath { get; set; }

    /// <summary>
    /// The request signing key in a PKCS#11 token (an HSM) instead of <see cref="RequestSigningKeyPath"/>; its certificate
    /// is <see cref="RequestSigningCertificatePath"/>. Checked at start with a test signature.
    /// </summary>
    public Pkcs11KeyOptions RequestSigningPkcs11 { get; set; } = new();

    /// <summary>How long a transaction accepts a wallet response.</summary>
    public TimeSpan TransactionLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a finished or expired transaction stays readable before it is purged.</summary>
    public TimeSpan ResultRetention { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Largest accepted request body of the wallet and API endpoints, in bytes.</summary>
    public int MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// PEM files of TLS root certificates trusted for fetching status lists, in addition to the system's, e.g.
    /// <c>Verifier__StatusListTlsRoots__0=/path/issuer-dev-root.pem</c> for an Issuer with a development certificate.
    /// The host name is still checked; revocation is not checked for chains that end at these roots.
    /// </summary>
    public IList<string> StatusListTlsRoots { get; } = [];

    /// <summary>Fetch status lists over plain http from loopback hosts (development and tests only).</summary>
    public bool AllowHttpStatusListOnLoopback { get; set; }

    /// <summary>SD-JWT VC Type Metadata retrieval and processing (off by default).</summary>
    public TypeMetadataOptions TypeMetadata { get; } = new();

    /// <summary>Usage statistics: suppression threshold, statistics API keys, public subset (<c>specs/statistics.md</c>).</summary>
    public Wallet.Hosting.Statistics.StatisticsOptions Statistics { get; } = new();

    /// <summary>The relying-party page for trying the Verifier in a browser (off by default).</summary>
    public DemoPageOptions DemoPage { get; } = new();

    /// <summary>Live results: limits and timings of the server-sent event streams (<see cref="LiveResults.LiveResultOptions"/>).</summary>
    public LiveResults.LiveResultOptions LiveResults { get; } = new();

    /// <summary>Abuse limits per client address and per API key (<see cref="Wallet.Hosting.RateLimiting.RateLimitOptions"/>).</summary>
    public Wallet.Hosting.RateLimiting.RateLimitOptions RateLimits { get; set; } = new();
}
