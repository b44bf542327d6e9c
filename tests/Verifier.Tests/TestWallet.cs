using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Wallet.Core.Dcql;
using Wallet.Core.Mdoc;
using Wallet.Core.OpenId4Vp;
using Wallet.Core.SdJwt;
using Wallet.Core.Trust;

namespace Wallet.Verifier.Tests;

/// <summary>How the test wallet misbehaves, for the negative tests.</summary>
public sealed record WalletBehaviour
{
    public string? Nonce { get; init; }

    public string? Audience { get; init; }

    public IReadOnlyList<Wallet.Core.Claims.ClaimPath>? Disclose { get; init; }

    public Func<AuthorizationRequest, VpToken, VpToken>? ReplaceVpToken { get; init; }

    public Func<Dictionary<string, string>, Dictionary<string, string>>? TamperForm { get; init; }

    public string? Error { get; init; }

    /// <summary>Present SD-JWT VCs without a KB-JWT (ending in '~').</summary>
    public bool WithoutKeyBinding { get; init; }

    /// <summary>Claim every credential matches the query's trusted_authorities, whatever its chain says.</summary>
    public bool IgnoreTrustedAuthorities { get; init; }

    /// <summary>The SessionTranscript mdocs are signed over, instead of the one Wallet.Core builds from the request.</summary>
    public Func<AuthorizationRequest, SessionTranscript>? Transcript { get; init; }

    /// <summary>Replaces the KB-JWT's transaction data claims for a Credential Query id (default: the hashes of every entry naming it, B.3.3).</summary>
    public Func<AuthorizationRequest, string, System.Text.Json.Nodes.JsonObject?>? TransactionDataClaims { get; init; }
}

/// <summary>The result of one wallet run.</summary>
public sealed record WalletRun(AuthorizationRequest Request, IReadOnlyDictionary<string, string> Form, HttpResponseMessage Response, JsonNode? Body);

/// <summary>
/// A wallet built on Wallet.Core's holder side, over real HTTP: parses the authorization request URI, fetches the
/// Request Object (GET, or POST with wallet_nonce), validates it against the Verifier's request-signing root, matches
/// the DCQL query, presents with a KB-JWT bound to client_id and nonce, and posts the (encrypted) response.
/// </summary>
public sealed class TestWallet(HttpClient http, X509Certificate2 verifierRoot, TimeProvider clock, params HeldCredential[] credentials)
{
    /// <summary>What the wallet sends as <c>wallet_metadata</c> when the request URI method is post (OpenID4VP 1.0 §5.10, §10.1).</summary>
    public const string DefaultWalletMetadata =
        """{"vp_formats_supported":{"dc+sd-jwt":{"sd-jwt_alg_values":["ES256"],"kb-jwt_alg_values":["ES256"]},"mso_mdoc":{"issuerauth_alg_values":[-7],"deviceauth_alg_values":[-7]}},"client_id_prefixes_supported":["x509_hash","x509_san_dns"]}""";

    /// <summary>mdocs held besides the SD-JWT VCs; matched after them.</summary>
    public IList<HeldMdoc> Mdocs { get; } = [];

    public async Task<AuthorizationRequest> FetchRequestAsync(string authorizationRequestUri, string walletMetadata = DefaultWalletMetadata)
    {
        AuthorizationRequestUri.TryParse(authorizationRequestUri, out var reference, out var error).Should().BeTrue(error?.ToString());
        string? walletNonce = null;
        HttpResponseMessage response;
        if (reference!.RequestUriMethod == RequestUriMethods.Post)
        {
            walletNonce = Guid.NewGuid().ToString("N");
            using var message = new HttpRequestMessage(HttpMethod.Post, reference.RequestUri)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["wallet_nonce"] = walletNonce,
                    ["wallet_metadata"] = walletMetadata,
                }),
            };
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(RequestObjectSigner.MediaType));
            response = await http.SendAsync(message);
        }
        else
        {
            response = await http.GetAsync(reference.RequestUri);
        }

        response.IsSuccessStatusCode.Should().BeTrue(await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be(RequestObjectSigner.MediaType);
        var validator = new RequestObjectValidator(new RequestObjectValidatorOptions
        {
            ChainValidator = new X509ChainValidator(TrustAnchorStore.FromCertificates([verifierRoot])),
            TimeProvider = clock,
            TransactionDataTypes = TransactionDataType.Known,
        });
        var result = validator.Validate(await response.Content.ReadAsStringAsync(), reference.ClientId, walletNonce);
        result.Errors.Should().BeEmpty();
        return result.Request!;
    }

    public async Task<WalletRun> RespondAsync(string authorizationRequestUri, WalletBehaviour? behaviour = null)
    {
        var request = await FetchRequestAsync(authorizationRequestUri);
        return await RespondAsync(request, behaviour);
    }

    public async Task<WalletRun> RespondAsync(AuthorizationRequest request, WalletBehaviour? behaviour = null)
    {
        behaviour ??= new WalletBehaviour();
        IReadOnlyDictionary<string, string> form;
        if (behaviour.Error is not null)
        {
            form = AuthorizationResponseWriter.CreateError(request, behaviour.Error);
        }
        else
        {
            var vpToken = Present(request, behaviour);
            if (behaviour.ReplaceVpToken is not null)
            {
                vpToken = behaviour.ReplaceVpToken(request, vpToken);
            }

            form = AuthorizationResponseWriter.CreateResponse(request, vpToken);
        }

        var fields = new Dictionary<string, string>(form);
        if (behaviour.TamperForm is not null)
        {
            fields = behaviour.TamperForm(fields);
        }

        return await PostAsync(request, fields);
    }

    public async Task<WalletRun> PostAsync(AuthorizationRequest request, Dictionary<string, string> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        var response = await http.PostAsync(request.ResponseUri, content);
        var text = await response.Content.ReadAsStringAsync();
        return new WalletRun(request, fields, response, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    private VpToken Present(AuthorizationRequest request, WalletBehaviour behaviour)
    {
        var anything = behaviour.IgnoreTrustedAuthorities
            ? request.DcqlQuery.Credentials.SelectMany(q => q.TrustedAuthorities).SelectMany(ta => ta.Values.Select(v => new TrustedAuthorityIdentifier(ta.Type, v))).ToArray()
            : null;
        var held = credentials.Select(c => DcqlCredential.ForSdJwtVc(c.Vct, c.Claims, hasCryptographicHolderBinding: true, trustedAuthorities: anything ?? Authorities(SdJwtChain(c.Issued))))
            .Concat(Mdocs.Select(m => DcqlCredential.ForMdoc(m.DocType, m.NameSpaces, hasCryptographicHolderBinding: true, anything ?? Authorities(m.IssuerSigned.IssuerAuth.CertificateChain))))
            .ToArray();
        var match = DcqlMatcher.Match(request.DcqlQuery, held);
        var presentations = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var id in match.RequestedCredentialQueryIds)
        {
            match.TryGetCredentialQueryMatch(id, out var queryMatch).Should().BeTrue();
            var candidate = queryMatch!.Candidates[0];
            if (candidate.CredentialIndex >= credentials.Length)
            {
                // OpenID4VP 1.0 B.2.6.1: the device signature covers the handover built from this request.
                var mdoc = Mdocs[candidate.CredentialIndex - credentials.Length];
                var transcript = behaviour.Transcript?.Invoke(request) ?? SessionTranscript.ForOpenId4VpRedirect(
                    behaviour.Audience ?? request.ClientId.Value,
                    behaviour.Nonce ?? request.Nonce,
                    ResponseEncryption.ForResponseMode(request.ResponseMode, request.ClientMetadata.EncryptionKey),
                    request.ResponseUri.AbsoluteUri);
                presentations[id] = [MdocPresenter.Present(mdoc.IssuerSigned, mdoc.DeviceKey, behaviour.Disclose ?? candidate.PathsToDisclose, transcript).ToBase64Url()];
                continue;
            }

            var credential = credentials[candidate.CredentialIndex];
            SdJwt.TryParse(credential.Issued, SdJwtLimits.Default, out var issued, out var error).Should().BeTrue(error?.ToString());
            var toSign = request.TransactionData.Where(t => t.CredentialIds.Contains(id)).ToList();
            var keyBinding = new KeyBindingOptions(credential.HolderKey, behaviour.Audience ?? request.ClientId.Value, behaviour.Nonce ?? request.Nonce, clock.GetUtcNow())
            {
                AdditionalClaims = behaviour.TransactionDataClaims is { } claims ? claims(request, id) : toSign.Count > 0 ? TransactionDataHashes.CreateClaims(toSign) : null,
            };
            presentations[id] = [SdJwtHolder.Present(issued!, behaviour.Disclose ?? candidate.PathsToDisclose, behaviour.WithoutKeyBinding ? null : keyBinding)];
        }

        return VpToken.Create(presentations);
    }

    // OpenID4VP 1.0 §6.1.1.1, wallet side: the AKI of every certificate in the credential's chain.
    private static IEnumerable<TrustedAuthorityIdentifier> Authorities(IEnumerable<X509Certificate2> chain) =>
        chain.Select(c => c.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().SingleOrDefault()?.KeyIdentifier)
            .OfType<ReadOnlyMemory<byte>>()
            .Select(k => new TrustedAuthorityIdentifier(TrustedAuthorityTypes.Aki, System.Buffers.Text.Base64Url.EncodeToString(k.Span)));

    private static X509Certificate2[] SdJwtChain(string issued)
    {
        SdJwt.TryParse(issued, SdJwtLimits.Default, out var sdJwt, out _).Should().BeTrue();
        return sdJwt!.IssuerSignedJwt.Header.GetProperty("x5c").EnumerateArray().Select(e => X509CertificateLoader.LoadCertificate(Convert.FromBase64String(e.GetString()!))).ToArray();
    }
}
