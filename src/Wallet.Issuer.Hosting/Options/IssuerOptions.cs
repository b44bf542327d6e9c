namespace Wallet.Issuer.Options;

/// <summary>Every setting of the PID issuer. Bound from the <c>Issuer</c> configuration section (environment: <c>Issuer__…</c>).</summary>
public sealed class IssuerOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Issuer";

    /// <summary>The Credential Issuer Identifier and public base URL: https, no query, no fragment, no trailing slash.</summary>
    public string IssuerUrl { get; set; } = string.Empty;

    /// <summary>Folder for the SQLite database and the generated development keys. Created when missing.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// The database of the issuer's state: the embedded SQLite file in <see cref="DataDirectory"/> (default) or a
    /// PostgreSQL server shared by several instances (<c>Issuer__Database__Provider=PostgreSql</c>,
    /// <c>Issuer__Database__ConnectionString=…</c>); specs/database.md.
    /// </summary>
    public Wallet.Hosting.Database.DatabaseOptions Database { get; } = new();

    /// <summary>API keys of the agency API, stored as SHA-256 hashes.</summary>
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>
    /// The offered credential configurations by identifier. Data, not code: an agency can add its own types. When
    /// empty, the PID in SD-JWT VC and mdoc form is offered.
    /// </summary>
    public Dictionary<string, CredentialConfigurationOptions> CredentialConfigurations { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Display of the issuer per language. When empty, English and Norwegian bokmål defaults are used.</summary>
    public List<DisplayOptions> Display { get; set; } = [];

    /// <summary>Production keys from PEM or PKCS#12 files. When set, <see cref="GenerateDevelopmentKeys"/> must be off.</summary>
    public IssuerKeyOptions Keys { get; set; } = new();

    /// <summary>Generate a development IACA, signers and keys into <see cref="DataDirectory"/> on first run. Never for production.</summary>
    public bool GenerateDevelopmentKeys { get; set; }

    /// <summary>How long an offer and its pre-authorized code may be redeemed. Default 10 minutes.</summary>
    public TimeSpan OfferLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Digits of a generated transaction code. Default 6.</summary>
    public int TxCodeLength { get; set; } = 6;

    /// <summary>Wrong transaction codes accepted before the pre-authorized code is invalidated. Default 3.</summary>
    public int TxCodeMaxAttempts { get; set; } = 3;

    /// <summary>Access token lifetime. Default 5 minutes; longer lifetimes are only allowed with DPoP (OpenID4VCI §13.10).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a <c>c_nonce</c> from the Nonce Endpoint stays valid. Default 5 minutes.</summary>
    public TimeSpan CNonceLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Require DPoP at the token endpoint and DPoP-bound tokens at the credential endpoint (HAIP 1.0 §4). Default true.</summary>
    public bool RequireDpop { get; set; } = true;

    /// <summary>Require a server-provided DPoP nonce in every proof (RFC 9449 §8). Default true.</summary>
    public bool RequireDpopNonce { get; set; } = true;

    /// <summary>How long a server DPoP nonce is accepted. Default 5 minutes.</summary>
    public TimeSpan DpopNonceLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Require OAuth 2.0 Attestation-Based Client Authentication (Wallet Attestation JWT + PoP) at the token endpoint
    /// (HAIP 1.0 §4.4.1). Default true; then <see cref="WalletProviderTrustAnchors"/> must name at least one anchor.
    /// Turn it off only for development and tests: the pre-authorized grant is then anonymous.
    /// </summary>
    public bool RequireWalletAttestation { get; set; } = true;

    /// <summary>PEM files of the wallet-provider trust anchors that Wallet Attestation chains must lead to.</summary>
    public List<string> WalletProviderTrustAnchors { get; set; } = [];

    /// <summary>
    /// Offer the development login page at the authorization endpoint: it lists the synthetic persons and lets anyone
    /// sign in as one. Never for production. Default false: without it the authorization code flow has no user
    /// authentication and the authorization endpoint refuses.
    /// </summary>
    public bool EnableDevelopmentLogin { get; set; }

    /// <summary>
    /// User authentication at an upstream OpenID Connect provider. Exclusive with <see cref="EnableDevelopmentLogin"/>:
    /// the authorization endpoint has one user authentication.
    /// </summary>
    public UpstreamLoginOptions Upstream { get; set; } = new();

    /// <summary>
    /// Private-use URI schemes accepted in <c>redirect_uri</c> although they are not in reverse domain name form, e.g. a
    /// wallet's <c>eudi-wallet</c>. https, loopback http and reverse-DNS schemes (<c>com.example.app</c>) are always
    /// accepted (RFC 8252 §7); http(s), javascript, data, file and other schemes that run code or read local content
    /// cannot be listed (<see cref="Core.OAuth.RedirectUriPolicy"/>).
    /// </summary>
    public List<string> AdditionalRedirectUriSchemes { get; set; } = [];

    /// <summary>How long a pushed authorization request's <c>request_uri</c> is valid. Default 90 seconds.</summary>
    public TimeSpan PushedRequestLifetime { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>How long an authorization code is valid. Default 60 seconds.</summary>
    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Return a DPoP-bound refresh token with the authorization code grant, so the wallet can renew its batch without the
    /// person (ARF ISSU_42, HAIP 1.0 §4.4, OpenID4VCI 1.0 §14.5). Only a DPoP-bound grant gets one: a wallet is a public
    /// client, whose refresh tokens must be bound (RFC 9449 §5). Default true.
    /// </summary>
    public bool IssueRefreshTokens { get; set; } = true;

    /// <summary>
    /// How long the person's consent lasts: a grant's refresh tokens end this long after the authorization code was
    /// redeemed, however often they are rotated. Default 90 days; at most 365 days (HAIP 1.0 §4.4 advises against
    /// refreshing with a token more than a year after the original issuance).
    /// </summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How often expired nonces, DPoP replay entries, tokens, codes and offers are deleted. Default 10 minutes.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Serve <c>signed_metadata</c> (OpenID4VCI 1.0 §12.2.3, HAIP 1.0 §4.1) in the Credential Issuer Metadata, signed
    /// with the credential signer key and its <c>x5c</c> chain to the configured root. Default true.
    /// </summary>
    public bool SignMetadata { get; set; } = true;

    /// <summary>Encryption of Credential Requests and Responses (OpenID4VCI 1.0 §10): required or not, and the <c>enc</c> values.</summary>
    public CredentialEncryptionOptions CredentialEncryption { get; set; } = new();

    /// <summary>Most credentials per Credential Request (<c>batch_credential_issuance.batch_size</c>). Default 10; 1 turns batches off.</summary>
    public int BatchSize { get; set; } = 10;

    /// <summary>
    /// The unused credentials left at which a wallet asks for a new batch (<c>reissue_trigger_unused</c> of the
    /// <c>credential_reuse_policy</c>, ETSI TS 119 472-3 §4.2.4.2, ARF ISSU_45). Default 2; below <see cref="BatchSize"/>.
    /// </summary>
    public int ReissueTriggerUnused { get; set; } = 2;

    /// <summary>
    /// The lifetime left at which a wallet asks for re-issuance (<c>reissue_trigger_lifetime_left</c>, ARF ISSU_50);
    /// below <see cref="CredentialLifetime"/>. Null (default): a tenth of <see cref="CredentialLifetime"/>, at most 7 days.
    /// </summary>
    public TimeSpan? ReissueTriggerLifetimeLeft { get; set; }

    /// <summary>The effective <see cref="ReissueTriggerLifetimeLeft"/>.</summary>
    internal TimeSpan EffectiveReissueTriggerLifetimeLeft =>
        ReissueTriggerLifetimeLeft ?? TimeSpan.FromSeconds(Math.Min(TimeSpan.FromDays(7).TotalSeconds, Math.Floor(CredentialLifetime.TotalSeconds / 10)));

    /// <summary>
    /// The <c>interval</c> a deferred Credential Response asks the Wallet to wait between polls (OpenID4VCI 1.0 §8.3,
    /// §9.2), in whole seconds. Default 5 seconds.
    /// </summary>
    public TimeSpan DeferredInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Validity of issued credentials. Default 90 days.</summary>
    public TimeSpan CredentialLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Entries of each status list; large lists give herd privacy (Token Status List §13.2). Default 65536.</summary>
    public int StatusListSize { get; set; } = 65536;

    /// <summary>Name of the issuing authority written into PID when the data has none.</summary>
    public string IssuingAuthority { get; set; } = "Development PID Provider";

    /// <summary>Usage statistics: suppression threshold, statistics API keys, public subset (<c>specs/statistics.md</c>).</summary>
    public Wallet.Hosting.Statistics.StatisticsOptions Statistics { get; set; } = new();

    /// <summary>ISO 3166-1 alpha-2 issuing country written into PID when the data has none.</summary>
    public string IssuingCountry { get; set; } = "NO";

    /// <summary>Abuse limits per client address and per API key (<see cref="Wallet.Hosting.RateLimiting.RateLimitOptions"/>).</summary>
    public Wallet.Hosting.RateLimiting.RateLimitOptions RateLimits { get; set; } = new();
}
