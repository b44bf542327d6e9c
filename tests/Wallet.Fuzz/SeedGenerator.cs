using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Wallet.Core.Claims;
using Wallet.Core.Development;
using Wallet.Core.Jose;
using Wallet.Core.Mdoc;
using Wallet.Core.Pid;
using Wallet.Core.SdJwt;
using Wallet.Core.SdJwtVc;
using Wallet.Core.StatusList;
using Wallet.Core.Trust;

namespace Wallet.Fuzz;

/// <summary>
/// Writes the seed corpus: valid artifacts of every kind the harnesses read, made by our own issuers and holders
/// with the keys and clock of <see cref="FuzzFixture"/>, so each seed passes its harness's checks and the engine
/// starts from the deepest path. A seed named <c>valid-*</c> passes every check of its harness (the replay test holds
/// it to that); the others are rejected on purpose (wrong key, no key binding). ECDSA signatures are randomised: a new run writes other bytes, equally valid.
/// The IACA that signs the mdoc seeds is created here; only its certificate is kept.
/// </summary>
internal static class SeedGenerator
{
    private static readonly PersonIdentificationData Pid = new()
    {
        FamilyName = "Fuzzmann",
        GivenName = "Alex",
        BirthDate = new DateOnly(1990, 1, 31),
        PlaceOfBirth = new PlaceOfBirth("DE", "Bremen", "Bremen"),
        Nationalities = ["DE", "FR"],
        Address = new ResidentAddress { Locality = "Köln", PostalCode = "50667", Street = "Teststraße", HouseNumber = "1a", Country = "DE", Region = "NRW" },
        PersonalAdministrativeNumber = "FZ-0001",
        FamilyNameAtBirth = "Seedling",
        EmailAddress = "alex@fuzz.example",
        IssuingAuthority = "DE",
        IssuingCountry = "DE",
        ExpiryDate = new DateOnly(2031, 1, 1),
        IssuanceDate = new DateOnly(2026, 1, 1),
    };

    /// <summary>Writes every seed under <paramref name="corpusRoot"/>/&lt;target&gt;/ and the IACA root to <paramref name="iacaPemPath"/>.</summary>
    public static void Write(string corpusRoot, string iacaPemPath)
    {
        var now = FuzzFixture.Now;
        WriteSdJwtAndJws(corpusRoot, now);
        WriteJwe(corpusRoot);
        WriteMdoc(corpusRoot, iacaPemPath, now);
        WriteDcql(corpusRoot);
        WriteStatusLists(corpusRoot, now);
    }

    private static void WriteSdJwtAndJws(string root, DateTimeOffset now)
    {
        var issued = SdJwtVcIssuer.Issue(
            new SdJwtVcIssuanceRequest
            {
                Vct = PidSdJwtVc.Vct,
                Issuer = FuzzFixture.Issuer,
                Claims = PidSdJwtVc.ToClaims(Pid),
                HolderKey = FuzzFixture.HolderKey.PublicJwk,
                IssuedAt = now.AddDays(-1),
                ExpiresAt = now.AddDays(365),
                Status = new StatusListReference(3, FuzzFixture.StatusListUri),
            },
            FuzzFixture.IssuerKey);
        if (!SdJwt.TryParse(issued, SdJwtLimits.Default, out var sdJwt, out var error))
        {
            throw new InvalidOperationException($"The issued seed does not parse: {error}");
        }

        var keyBinding = new KeyBindingOptions(FuzzFixture.HolderKey, FuzzFixture.ClientId, FuzzFixture.Nonce, now);
        var some = SdJwtHolder.Present(sdJwt, [ClaimPath.Of("given_name"), ClaimPath.Of("birthdate"), ClaimPath.Of("address", "locality"), new ClaimPath([ClaimPathSegment.Member("nationalities"), ClaimPathSegment.Element(1)])], keyBinding);
        var all = SdJwtHolder.Present(sdJwt, SdJwtHolder.GetDisclosablePaths(sdJwt), keyBinding);
        var none = SdJwtHolder.Present(sdJwt, [], keyBinding);
        Write(root, "sd-jwt", "valid-presentation-some-kb.txt", some);
        Write(root, "sd-jwt", "valid-presentation-all-kb.txt", all);
        Write(root, "sd-jwt", "valid-presentation-none-kb.txt", none);
        Write(root, "sd-jwt", "issued-no-kb.txt", issued);

        Write(root, "jws", "valid-issuer-signed-jwt.txt", sdJwt.IssuerSignedJwt.Raw);
        Write(root, "jws", "other-key-kb-jwt.txt", some[(some.LastIndexOf('~') + 1)..]);
    }

    private static void WriteJwe(string root)
    {
        var response = new JsonObject
        {
            ["vp_token"] = new JsonObject { ["pid"] = new JsonArray("eyJhbGciOiJFUzI1NiJ9.e30.c2ln~") },
            ["state"] = "fuzz-state",
        };
        var plaintext = Encoding.UTF8.GetBytes(response.ToJsonString());
        foreach (var enc in JweContentEncryption.All)
        {
            var jwe = EcdhEsJwe.Encrypt(plaintext, FuzzFixture.RecipientPublicJwk(), enc, "rp-enc-1", Encoding.ASCII.GetBytes("wallet-nonce"), Encoding.ASCII.GetBytes(FuzzFixture.Nonce));
            Write(root, "jwe", $"valid-response-{enc.Name.ToLowerInvariant()}.txt", jwe);
        }
    }

    private static void WriteMdoc(string root, string iacaPemPath, DateTimeOffset now)
    {
        using var iaca = DevelopmentCertificates.CreateRootCa(now.AddDays(-30), "Wallet Fuzz IACA", pathLength: 0);
        using var signerCertificate = DevelopmentCertificates.CreateDocumentSigner(iaca, now.AddDays(-30));
        var signer = DevelopmentCertificates.ToSigningKey(signerCertificate);
        var request = PidMdoc.CreateIssuanceRequest(Pid, CoseKey.FromJwk(FuzzFixture.HolderKey.PublicJwk), now.AddDays(-1), now.AddDays(365));
        var issued = new MdocIssuer(FuzzFixture.Clock).Issue(request, signer);
        Write(root, "mdoc-issuer-signed", "valid-issuer-signed.cbor", issued.Encoded.ToArray());

        Dictionary<string, IReadOnlyCollection<string>> some = new() { [PidMdoc.NameSpace] = [PidMdoc.GivenName, PidMdoc.BirthDate, PidMdoc.Nationality] };
        Write(root, "mdoc-device-response", "valid-device-response-some.cbor", MdocPresenter.Present(issued, FuzzFixture.HolderKey, some, FuzzFixture.Transcript).Encoded.ToArray());
        var everything = new Dictionary<string, IReadOnlyCollection<string>> { [PidMdoc.NameSpace] = [.. PidMdoc.ToNameSpaces(Pid)[PidMdoc.NameSpace].Keys] };
        Write(root, "mdoc-device-response", "valid-device-response-all.cbor", MdocPresenter.Present(issued, FuzzFixture.HolderKey, everything, FuzzFixture.Transcript).Encoded.ToArray());

        File.WriteAllText(iacaPemPath, DevelopmentCertificates.ExportCertificatePem(X509CertificateLoader.LoadCertificate(iaca.RawData)));
    }

    private static void WriteDcql(string root)
    {
        // Written for these seeds after the shapes of OpenID4VP 1.0 §6 and its examples; each parses.
        Write(root, "dcql", "valid-sd-jwt-vc-claims.json", """
            {"credentials":[{"id":"pid","format":"dc+sd-jwt","meta":{"vct_values":["urn:eudi:pid:1"]},
            "claims":[{"path":["given_name"]},{"path":["address","locality"]},{"path":["nationalities",null]}]}]}
            """);
        Write(root, "dcql", "valid-mdoc-claim-sets.json", """
            {"credentials":[{"id":"mdl","format":"mso_mdoc","meta":{"doctype_value":"eu.europa.ec.eudi.pid.1"},
            "claims":[{"id":"a","path":["eu.europa.ec.eudi.pid.1","family_name"],"intent_to_retain":false},
            {"id":"b","path":["eu.europa.ec.eudi.pid.1","age_over_18"],"values":[true]}],"claim_sets":[["a","b"],["b"]]}]}
            """);
        Write(root, "dcql", "valid-credential-sets.json", """
            {"credentials":[{"id":"pid","format":"dc+sd-jwt","meta":{"vct_values":["urn:eudi:pid:1"]},"multiple":true,
            "trusted_authorities":[{"type":"aki","values":["s9tIpPmhxdiuNkHMEWNpYim8S8Y"]}],"require_cryptographic_holder_binding":true},
            {"id":"mdl","format":"mso_mdoc","meta":{"doctype_value":"org.iso.18013.5.1.mDL"}}],
            "credential_sets":[{"options":[["pid"],["mdl"]],"required":true},{"options":[["pid","mdl"]],"required":false}]}
            """);
    }

    private static void WriteStatusLists(string root, DateTimeOffset now)
    {
        foreach (var bits in new[] { 1, 2, 4, 8 })
        {
            var builder = new StatusListBuilder(bits, 64);
            builder.SetStatus(3, 1).SetStatus(17, (byte)((1 << bits) - 1)).SetStatus(63, 1);
            var list = builder.ToStatusList();
            Write(root, "status-list-decompress", $"valid-bits-{bits}.bin", [(byte)bits, .. list.Compress()]);
            var token = new StatusListToken(FuzzFixture.StatusListUri, now.AddMinutes(-5), list, now.AddDays(1), TimeSpan.FromHours(1), FuzzFixture.Issuer);
            Write(root, "status-list-jwt", $"valid-token-{bits}bit.jwt", token.ToJwt(FuzzFixture.StatusListKey));
            Write(root, "status-list-cwt", $"valid-token-{bits}bit.cwt", token.ToCwt(FuzzFixture.StatusListKey));
            if (bits == 1)
            {
                Write(root, "jws", "other-key-status-list.jwt", token.ToJwt(FuzzFixture.StatusListKey));
            }
        }
    }

    private static void Write(string root, string target, string name, string content) =>
        Write(root, target, name, Encoding.UTF8.GetBytes(content));

    private static void Write(string root, string target, string name, byte[] content)
    {
        var folder = Path.Combine(root, target);
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, name), content);
    }
}
