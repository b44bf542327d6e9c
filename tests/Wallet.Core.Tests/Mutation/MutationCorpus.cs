using Base64Url = System.Buffers.Text.Base64Url;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Wallet.Core.Claims;
using Wallet.Core.Dcql;
using Wallet.Core.Development;
using Wallet.Core.Jose;
using Wallet.Core.Mdoc;
using Wallet.Core.OAuth;
using Wallet.Core.OpenId4Vci;
using Wallet.Core.OpenId4Vp;
using Wallet.Core.Pid;
using Wallet.Core.SdJwt;
using Wallet.Core.SdJwtVc;
using Wallet.Core.StatusList;
using Wallet.Core.Tests.Mdoc;
using Wallet.Core.Tests.OpenId4Vp;
using Wallet.Core.Tests.StatusList;
using Wallet.Core.Tests.TestSupport;
using Wallet.Core.Trust;

namespace Wallet.Core.Tests.Mutation;

/// <summary>
/// A valid artifact of every kind the library parses, each produced by our own issuers and writers at a fixed
/// clock, with the parser or verifier that a Verifier, Issuer or Wallet feeds it to.
/// </summary>
public sealed class MutationCorpus : IDisposable
{
    public const string SdJwtVcPresentation = "SD-JWT VC presentation with KB-JWT";
    public const string MdocDeviceResponse = "mdoc DeviceResponse (CBOR)";
    public const string MdocDeviceResponseVpToken = "mdoc DeviceResponse (vp_token base64url)";
    public const string MdocIssuerSigned = "mdoc IssuerSigned (CBOR)";
    public const string JweAuthorizationResponse = "JWE authorization response (direct_post.jwt)";
    public const string DpopProofKind = "DPoP proof";
    public const string KeyProofKind = "OpenID4VCI jwt key proof";
    public const string WalletAttestation = "wallet attestation";
    public const string WalletAttestationPop = "wallet attestation PoP";
    public const string StatusListJwt = "status list token (JWT)";
    public const string StatusListCwt = "status list token (CWT)";
    public const string RequestObject = "OpenID4VP request object";
    public const string DcqlText = "DCQL query (JSON text)";
    public const string DcqlInRequestObject = "DCQL query (request object member)";
    public const string CredentialRequestBody = "OpenID4VCI credential request body";

    public static readonly string[] Kinds =
    [
        SdJwtVcPresentation, MdocDeviceResponse, MdocDeviceResponseVpToken, MdocIssuerSigned, JweAuthorizationResponse, DpopProofKind,
        KeyProofKind, WalletAttestation, WalletAttestationPop, StatusListJwt, StatusListCwt, RequestObject, DcqlText,
        DcqlInRequestObject, CredentialRequestBody,
    ];

    /// <summary>
    /// A query that uses every DCQL member (OpenID4VP 1.0 §6): claim ids and values of each type, null and index
    /// path elements, claim sets, an mdoc query with intent_to_retain, credential sets.
    /// </summary>
    public static readonly string DcqlQueryJson = System.Text.Json.Nodes.JsonNode.Parse(
        """
        {
          "credentials": [
            {
              "id": "pid", "format": "dc+sd-jwt", "meta": { "vct_values": ["urn:eudi:pid:1"] },
              "claims": [
                { "id": "a", "path": ["given_name"] },
                { "id": "b", "path": ["nationalities", null] },
                { "id": "c", "path": ["age_equal_or_over", "18"], "values": [true] },
                { "id": "d", "path": ["address", "postal_code"], "values": ["90210", 90211] },
                { "id": "e", "path": ["nationalities", 0] }
              ],
              "claim_sets": [["a", "c"], ["b", "d", "e"]]
            },
            {
              "id": "mdl", "format": "mso_mdoc", "meta": { "doctype_value": "eu.europa.ec.eudi.pid.1" },
              "claims": [
                { "path": ["eu.europa.ec.eudi.pid.1", "family_name"], "intent_to_retain": false },
                { "path": ["eu.europa.ec.eudi.pid.1", "portrait"] }
              ]
            }
          ],
          "credential_sets": [{ "options": [["pid"], ["mdl"]], "required": true }]
        }
        """)!.ToJsonString();

    private const string Audience = "x509_san_dns:verifier.example";
    private const string Nonce = "n-0S6_WzA2Mj";
    private const string CredentialIssuer = "https://pid.example.no";
    private const string ClientId = "wallet-app";
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly Uri TokenEndpoint = new("https://pid.example.no/token");

    private readonly List<IDisposable> _owned = [];
    private readonly Dictionary<string, MutationSurface> _surfaces = new(StringComparer.Ordinal);

    public MutationCorpus()
    {
        var holder = Own(SigningKey.Generate());
        var sdJwt = AddSdJwtVc(holder);
        AddMdoc();
        AddOpenId4Vp(sdJwt);
        AddOAuth(holder);
        AddStatusLists();
        AddJson(holder);
    }

    internal MutationSurface this[string kind] => _surfaces[kind];

    public void Dispose()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            owned.Dispose();
        }
    }

    private static Verdict Wait(ValueTask<Verdict> verdict) => verdict.AsTask().GetAwaiter().GetResult();

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>The header and payload of a compact JWS, each of which the test may change and sign again with <paramref name="key"/>.</summary>
    private static SealedJson[] Resignable(string jws, SigningKey key)
    {
        var parts = jws.Split('.');
        var header = Base64Url.DecodeFromChars(parts[0]);
        var payload = Base64Url.DecodeFromChars(parts[1]);
        return
        [
            new("header", header, changed => Bytes(SignRaw(changed, payload, key))),
            new("payload", payload, changed => Bytes(SignRaw(header, changed, key))),
        ];
    }

    private static string SignRaw(byte[] header, byte[] payload, SigningKey key)
    {
        var input = Base64Url.EncodeToString(header) + "." + Base64Url.EncodeToString(payload);
        var signature = key.Key.SignData(Encoding.ASCII.GetBytes(input), key.Algorithm.HashAlgorithm, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return input + "." + Base64Url.EncodeToString(signature);
    }

    private T Own<T>(T owned)
        where T : IDisposable
    {
        _owned.Add(owned);
        return owned;
    }

    private SigningKey Own(SigningKey key)
    {
        _owned.Add(key.Key);
        return key;
    }

    private void Add(MutationSurface surface) => _surfaces.Add(surface.Name, surface);

    private string AddSdJwtVc(SigningKey holder)
    {
        var root = Own(DevelopmentCertificates.CreateRootCa(Now.AddDays(-10), "PID Test IACA"));
        var certificate = Own(DevelopmentCertificates.CreateSigner(root, Now.AddDays(-1), "PID Provider Test"));
        var issuerKey = Own(DevelopmentCertificates.ToSigningKey(certificate));
        var pid = new PersonIdentificationData
        {
            FamilyName = "Nordmann",
            GivenName = "Kari",
            BirthDate = new DateOnly(1991, 3, 4),
            PlaceOfBirth = new PlaceOfBirth(Country: "NO", Locality: "Tromsø"),
            Nationalities = ["NO", "SE"],
            Address = new ResidentAddress { Locality = "Oslo", PostalCode = "0150", Street = "Storgata", HouseNumber = "1B", Country = "NO" },
            IssuingAuthority = "Test PID Authority",
            IssuingCountry = "NO",
        };
        var issued = SdJwtVcIssuer.Issue(
            new SdJwtVcIssuanceRequest
            {
                Vct = PidSdJwtVc.Vct,
                Issuer = "https://pid.example.gov",
                Claims = PidSdJwtVc.ToClaims(pid),
                HolderKey = holder.PublicJwk,
                IssuedAt = Now.AddMinutes(-1),
                ExpiresAt = Now.AddDays(90),
            },
            issuerKey);
        Wallet.Core.SdJwt.SdJwt.TryParse(issued, SdJwtLimits.Default, out var parsed, out _).Should().BeTrue();
        var presentation = SdJwtHolder.Present(
            parsed!,
            [ClaimPath.Of("given_name"), ClaimPath.Of("address", "locality"), new ClaimPath([ClaimPathSegment.Member("nationalities"), ClaimPathSegment.Element(1)])],
            new KeyBindingOptions(holder, Audience, Nonce, Now));
        var verifier = new SdJwtVcVerifier(new SdJwtVcVerifierOptions
        {
            TrustValidator = new X509ChainValidator(TrustAnchorStore.FromCertificates([root], LevelOfAssurance.High)),
            TimeProvider = new FakeTimeProvider(Now),
        });
        var expectation = new KeyBindingExpectation(Audience, Nonce);
        Add(new MutationSurface
        {
            Name = SdJwtVcPresentation,
            Valid = Bytes(presentation),
            Shape = SurfaceShape.Compact,
            Evaluate = input => Wait(Verify(verifier, Text(input), expectation)),
        });
        return presentation;

        static async ValueTask<Verdict> Verify(SdJwtVcVerifier verifier, string input, KeyBindingExpectation expectation)
        {
            var result = await verifier.VerifyAsync(input, expectation);
            return Verdict.Of(result.IsValid, result.Errors.Concat(result.Inner.Errors), result.DisclosedPaths.Count);
        }
    }

    private void AddMdoc()
    {
        var fixture = Own(new MdocFixture());
        var transcript = MdocFixture.Transcript();
        var issued = fixture.Issue();
        var response = MdocPresenter.Present(
            issued,
            fixture.DeviceKey,
            new Dictionary<string, IReadOnlyCollection<string>> { [PidMdoc.NameSpace] = ["family_name", "birth_date", "nationalities", "portrait"] },
            transcript);
        var verifier = new MdocVerifier(fixture.VerifierOptions());

        // ISO/IEC 18013-5 8.3.2.1.2.2: IssuerSigned.nameSpaces is optional and, by design of selective disclosure,
        // covered by no signature: with its key renamed the response is a valid one that discloses nothing (the
        // argument and the test of AnnexDByteFlipTests, region "IssuerSigned 'nameSpaces' member name").
        static string? NothingDisclosed(byte[] valid, byte[]? changed, Verdict verdict)
        {
            if (verdict.Disclosed != 0 || changed is null || changed.Length != valid.Length)
            {
                return null;
            }

            var key = IssuerNameSpacesKey(valid);
            return Enumerable.Range(0, valid.Length).All(i => valid[i] == changed[i] || key.Contains(i))
                ? "IssuerSigned 'nameSpaces' renamed: a valid response that discloses no element (18013-5 8.3.2.1.2.2)"
                : null;
        }

        var deviceResponse = response.Encoded.ToArray();
        Add(new MutationSurface
        {
            Name = MdocDeviceResponse,
            Valid = deviceResponse,
            Shape = SurfaceShape.Cbor,
            Evaluate = input => Verify(verifier.VerifyAsync(input, transcript)),
            ByDesign = (_, changed, verdict) => NothingDisclosed(deviceResponse, changed, verdict),
        });
        Add(new MutationSurface
        {
            Name = MdocDeviceResponseVpToken,
            Valid = Bytes(response.ToBase64Url()),
            Shape = SurfaceShape.Compact,
            Evaluate = input => Verify(verifier.VerifyAsync(Text(input), transcript)),
            ByDesign = (_, changed, verdict) => NothingDisclosed(deviceResponse, Base64Url.IsValid(changed) ? Base64Url.DecodeFromUtf8(changed) : null, verdict),
        });

        var issuerSigned = issued.Encoded.ToArray();
        Add(new MutationSurface
        {
            Name = MdocIssuerSigned,
            Valid = issuerSigned,
            Shape = SurfaceShape.Cbor,
            Evaluate = input => IssuerSigned.TryParse(input, out var parsed, out var error)
                ? Wait(VerifyIssuerSigned(verifier, parsed))
                : Verdict.Of(false, [error]),
            ByDesign = (_, changed, verdict) => NothingDisclosed(issuerSigned, changed, verdict),
        });

        static Verdict Verify(ValueTask<MdocVerificationResult> pending)
        {
            var result = pending.AsTask().GetAwaiter().GetResult();
            return Verdict.Of(result.IsValid, result.AllErrors, result.Documents.Sum(d => d.Elements.Values.Sum(e => e.Count)));
        }

        static async ValueTask<Verdict> VerifyIssuerSigned(MdocVerifier verifier, IssuerSigned issuerSigned)
        {
            var result = await verifier.VerifyIssuerSignedAsync(issuerSigned);
            return Verdict.Of(result.IsValid, result.Errors, result.Elements.Values.Sum(e => e.Count));
        }
    }

    /// <summary>The offsets of the text "nameSpaces" where a map follows it: the key of IssuerSigned.nameSpaces (DeviceSigned's is followed by tag 24).</summary>
    private static HashSet<int> IssuerNameSpacesKey(byte[] cbor)
    {
        byte[] key = [0x6A, .. "nameSpaces"u8]; // text(10) "nameSpaces"
        var offsets = new HashSet<int>();
        for (var i = 0; i + key.Length < cbor.Length; i++)
        {
            if (cbor.AsSpan(i).StartsWith(key) && cbor[i + key.Length] is >= 0xA0 and <= 0xBF)
            {
                offsets.UnionWith(Enumerable.Range(i + 1, key.Length - 1));
            }
        }

        return offsets;
    }

    private void AddOpenId4Vp(string sdJwtPresentation)
    {
        var fixture = Own(new OpenId4VpFixture());
        var request = fixture.Request();
        var form = AuthorizationResponseWriter.CreateResponse(request, VpToken.Create(new Dictionary<string, IReadOnlyList<string>> { ["pid"] = [sdJwtPresentation] }));
        EcdhEsJwe.TryDecrypt(form["response"], fixture.EncryptionKey.Key, null, out var decrypted, out _).Should().BeTrue();
        var key = fixture.EncryptionKey;
        Add(new MutationSurface
        {
            Name = JweAuthorizationResponse,
            Valid = Bytes(form["response"]),
            Shape = SurfaceShape.Compact,
            Evaluate = input => Verdict.Of(
                AuthorizationResponse.TryRead(new Dictionary<string, string> { ["response"] = Text(input) }, ResponseModes.DirectPostJwt, key, OpenId4VpLimits.Default, out _, out var errors),
                errors),
            Sealed = [new("plaintext", decrypted!.Plaintext.ToArray(), changed => Bytes(EcdhEsJwe.Encrypt(changed, key.PublicKey, decrypted.ContentEncryption, key.KeyId)))],
        });

        var jar = RequestObjectSigner.Sign(request, fixture.SigningKey);
        var validator = fixture.Validator();
        var clientId = request.ClientId.Value;
        Add(new MutationSurface
        {
            Name = RequestObject,
            Valid = Bytes(jar),
            Shape = SurfaceShape.Compact,
            Evaluate = input =>
            {
                var result = validator.Validate(Text(input), clientId);
                return Verdict.Of(result.IsValid, result.Errors);
            },
            Sealed = Resignable(jar, fixture.SigningKey),
        });
    }

    private void AddOAuth(SigningKey holder)
    {
        var dpop = DpopProof.Create(holder, "POST", TokenEndpoint, Now);
        var dpopOptions = new DpopValidatorOptions { TimeProvider = new FakeTimeProvider(Now) };
        Add(new MutationSurface
        {
            Name = DpopProofKind,
            Valid = Bytes(dpop),
            Shape = SurfaceShape.Compact,

            // A fresh replay cache each time: a mutation must fail on its own merits, not as a replay of the valid proof.
            Evaluate = input => Wait(ValidateDpop(new DpopProofValidator(dpopOptions with { ReplayCache = new InMemoryReplayCache() }), Text(input))),
            Sealed = Resignable(dpop, holder),
        });

        var proof = KeyProof.Create(holder, CredentialIssuer, Now, Nonce);
        var proofValidator = new KeyProofValidator(new KeyProofValidatorOptions { CredentialIssuer = CredentialIssuer, TimeProvider = new FakeTimeProvider(Now) });
        Add(new MutationSurface
        {
            Name = KeyProofKind,
            Valid = Bytes(proof),
            Shape = SurfaceShape.Compact,

            // The nonce store answers for the valid nonce every time, so a mutation is never refused only because the nonce was used.
            Evaluate = input => Wait(ValidateKeyProof(proofValidator, Text(input))),
            Sealed = Resignable(proof, holder),
        });

        var root = Own(DevelopmentCertificates.CreateRootCa(Now.AddDays(-10), "Wallet Provider Root", pathLength: 0));
        var certificate = Own(DevelopmentCertificates.CreateSigner(root, Now.AddDays(-1), "Wallet Provider Attestation Signer"));
        var provider = Own(DevelopmentCertificates.ToSigningKey(certificate));
        var instance = Own(SigningKey.Generate());
        var attestation = ClientAttestation.Create(provider, ClientId, instance.PublicJwk, Now, Now.AddHours(1));
        var pop = ClientAttestation.CreatePop(instance, TokenEndpoint.GetLeftPart(UriPartial.Authority), Now);
        var attestationValidator = new ClientAttestationValidator(new ClientAttestationValidatorOptions
        {
            Audience = TokenEndpoint.GetLeftPart(UriPartial.Authority),
            TrustValidator = new X509ChainValidator(TrustAnchorStore.FromCertificates([root])),
            TimeProvider = new FakeTimeProvider(Now),
        });
        Add(new MutationSurface
        {
            Name = WalletAttestation,
            Valid = Bytes(attestation),
            Shape = SurfaceShape.Compact,
            Evaluate = input => ValidateAttestation(attestationValidator, Text(input), pop),
            Sealed = Resignable(attestation, provider),
        });
        Add(new MutationSurface
        {
            Name = WalletAttestationPop,
            Valid = Bytes(pop),
            Shape = SurfaceShape.Compact,
            Evaluate = input => ValidateAttestation(attestationValidator, attestation, Text(input)),
            Sealed = Resignable(pop, instance),
        });

        static async ValueTask<Verdict> ValidateDpop(DpopProofValidator validator, string proof)
        {
            var result = await validator.ValidateAsync(new DpopValidationRequest([proof], "POST", TokenEndpoint));
            return Verdict.Of(result.Succeeded, result.Errors);
        }

        static async ValueTask<Verdict> ValidateKeyProof(KeyProofValidator validator, string proof)
        {
            var result = await validator.ValidateAsync([proof], (nonce, _) => ValueTask.FromResult(nonce == Nonce));
            return Verdict.Of(result.Succeeded, result.Errors);
        }

        static Verdict ValidateAttestation(ClientAttestationValidator validator, string attestation, string pop)
        {
            var result = validator.Validate(new ClientAttestationRequest([attestation], [pop], ClientId));
            return Verdict.Of(result.Succeeded, result.Errors);
        }
    }

    private void AddStatusLists()
    {
        var pki = Own(StatusListTokenTests.TestPki.Create());
        var token = StatusListTokenTests.OwnToken();
        var verifier = pki.Verifier();
        var jwt = token.ToJwt(pki.SigningKey);
        Add(new MutationSurface
        {
            Name = StatusListJwt,
            Valid = Bytes(jwt),
            Shape = SurfaceShape.Compact,
            Evaluate = input =>
            {
                var result = verifier.VerifyJwt(Text(input), token.Subject);
                return Verdict.Of(result.IsValid, result.Errors);
            },
            Sealed = Resignable(jwt, pki.SigningKey),
        });
        Add(new MutationSurface
        {
            Name = StatusListCwt,
            Valid = token.ToCwt(pki.SigningKey),
            Shape = SurfaceShape.Cbor,
            Evaluate = input =>
            {
                var result = verifier.VerifyCwt(input, token.Subject);
                return Verdict.Of(result.IsValid, result.Errors);
            },
        });
    }

    private void AddJson(SigningKey holder)
    {
        var dcql = Bytes(DcqlQueryJson);
        Add(new MutationSurface
        {
            Name = DcqlText,
            Valid = dcql,
            Shape = SurfaceShape.Json,

            // The text API takes a .NET string: bytes that are not UTF-8 arrive as U+FFFD, as any decoder hands them over.
            Evaluate = input => Verdict.Of(DcqlQuery.TryParse(Text(input), out _, out var errors), errors),
            ByDesign = (mutation, changed, _) => UnsignedJsonRule.ValueChange(dcql, mutation, Bytes(Text(changed))),
        });

        // The Wallet meets the query as the dcql_query member of a Request Object payload, read by the JOSE layer.
        var header = Base64Url.EncodeToString("""{"alg":"ES256","typ":"oauth-authz-req+jwt"}"""u8) + ".";
        var signature = "." + Base64Url.EncodeToString(new byte[64]);
        Add(new MutationSurface
        {
            Name = DcqlInRequestObject,
            Valid = dcql,
            Shape = SurfaceShape.Json,
            Evaluate = input =>
            {
                var payload = Base64Url.EncodeToString([.. """{"dcql_query":"""u8, .. input, (byte)'}']);
                if (!CompactJws.TryParse(header + payload + signature, JoseLimits.Default, out var jws, out var error))
                {
                    return Verdict.Of(false, [error]);
                }

                return Verdict.Of(DcqlQuery.TryParse(jws.Payload.GetProperty("dcql_query"), out _, out var errors), errors);
            },
            ByDesign = (mutation, changed, _) => UnsignedJsonRule.ValueChange(dcql, mutation, changed),
        });

        var body = Bytes(new System.Text.Json.Nodes.JsonObject
        {
            ["credential_configuration_id"] = "eu.europa.ec.eudi.pid.1",
            ["proofs"] = new System.Text.Json.Nodes.JsonObject { ["jwt"] = new System.Text.Json.Nodes.JsonArray(KeyProof.Create(holder, CredentialIssuer, Now, Nonce)) },
        }.ToJsonString());
        Add(new MutationSurface
        {
            Name = CredentialRequestBody,
            Valid = body,
            Shape = SurfaceShape.Json,
            Evaluate = input => CredentialRequest.TryParse(input, OpenId4VciLimits.Default, out _, out var error) ? new Verdict(true, []) : Verdict.Of(false, [error]),
            ByDesign = (mutation, changed, _) => UnsignedJsonRule.ValueChange(body, mutation, changed),
        });
    }
}
