using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Wallet.Core.Claims;
using Wallet.Core.Jose;
using Wallet.Core.Mdoc;
using Wallet.Core.SdJwtVc;
using Wallet.Core.StatusList;

namespace Wallet.Cli.Commands;

/// <summary><c>wallet issue sd-jwt</c>: issues an SD-JWT VC signed with a key certified by an <c>x5c</c> chain.</summary>
/// <remarks>
/// <c>wallet issue mdoc</c> issues the ISO/IEC 18013-5 form: base64url(CBOR(IssuerSigned)), the OpenID4VCI 1.0 A.2 credential.
/// </remarks>
internal static class IssueCommand
{
    public const string DefaultIssuer = "https://issuer.example";

    public static Command Create(CliContext context) =>
        new("issue", "Issue a credential.") { CreateSdJwt(context), CreateMdoc(context) };

    private static Command CreateSdJwt(CliContext context)
    {
        var claims = new Option<string>("--claims") { HelpName = "FILE", Description = "JSON object with the subject's claims (no iss, iat, exp, cnf, vct, status); '-' reads stdin.", Required = true };
        var key = new Option<string>("--key") { HelpName = "KEY", Description = "The issuer's private key (JWK or PEM); it must be the key of the first certificate in --x5c.", Required = true };
        var x5c = new Option<string>("--x5c") { HelpName = "CHAIN.pem", Description = "PEM file with the issuer's certificate chain, leaf first; a trailing root CA is left out (HAIP 1.0 §6.1.1).", Required = true };
        var holderKey = new Option<string>("--holder-key") { HelpName = "KEY", Description = "The holder's key for cnf.jwk (public or private, JWK or PEM; only the public part is used).", Required = true };
        var vct = new Option<string>("--vct") { HelpName = "VCT", Description = "The credential type, e.g. urn:eudi:pid:1.", Required = true };
        var iss = new Option<string>("--iss") { HelpName = "ISS", Description = "The issuer identifier (iss).", DefaultValueFactory = _ => DefaultIssuer };
        var sd = new Option<string[]>("--sd")
        { HelpName = "PATH",
            Description = "A claim path to make selectively disclosable ('address/locality', 'nationalities/0', 'nationalities/*', 'age_equal_or_over/18': a number or * is an index only where the claims hold an array); repeatable. Without --sd every claim, member and array element is disclosable, as the PID Rule Book wants.",
            AllowMultipleArgumentsPerToken = true,
        };
        OptionValues.RejectOptionLikeValues(sd);
        var expDays = new Option<int>("--exp-days") { HelpName = "N", Description = "Days until exp; 0 leaves exp out.", DefaultValueFactory = _ => 365 };
        var (statusUri, statusIndex) = CreateStatusOptions();
        var command = new Command("sd-jwt", "Issue an SD-JWT VC (typ dc+sd-jwt) and print its compact form.") { claims, key, x5c, holderKey, vct, iss, sd, expDays, statusUri, statusIndex };
        command.SetAction(parseResult =>
        {
            var claimsPath = parseResult.GetValue(claims)!;
            var subjectClaims = JsonOutput.ParseObject(InputReader.ReadText(claimsPath, context, "claims"), $"claims file '{claimsPath}'");
            var holder = KeyFiles.ReadPublicKey(parseResult.GetValue(holderKey)!, context, "holder key");
            var paths = ParsePaths(parseResult.GetValue(sd), subjectClaims);
            var days = parseResult.GetValue(expDays);
            if (days is < 0 or > 36500)
            {
                throw new UsageException($"--exp-days {days} must be between 0 and 36500.");
            }

            var chain = ReadChain(parseResult.GetValue(x5c)!, context);
            using var privateKey = KeyFiles.ReadPrivateKey(parseResult.GetValue(key)!, context, "issuer key");
            var signingKey = CreateSigningKey(privateKey, chain, parseResult.GetValue(key)!, parseResult.GetValue(x5c)!);
            var now = context.TimeProvider.GetUtcNow();
            var request = new SdJwtVcIssuanceRequest
            {
                Vct = parseResult.GetValue(vct)!,
                Issuer = parseResult.GetValue(iss)!,
                Claims = subjectClaims,
                HolderKey = holder,
                IssuedAt = now,
                ExpiresAt = days == 0 ? null : now.AddDays(days),
                SelectivelyDisclosable = paths,
                Status = ReadStatus(parseResult, statusUri, statusIndex),
            };
            context.Stdout.WriteLine(SdJwtVcIssuer.Issue(request, signingKey));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateMdoc(CliContext context)
    {
        var docType = new Option<string>("--doctype") { HelpName = "DOCTYPE", Description = $"The mdoc docType, e.g. {PidMdoc.DocType} (the PID) or org.iso.18013.5.1.mDL.", Required = true };
        var claims = new Option<string>("--claims")
        { HelpName = "FILE",
            Description = "JSON {\"namespace\": {\"element\": value}}; dates (birth_date, expiry_date, issuance_date, issue_date) become full-date, portrait (base64) a byte string, nationality an array. '-' reads stdin.",
            Required = true,
        };
        var key = new Option<string>("--key") { HelpName = "KEY", Description = "The document signer's private key (JWK or PEM); it must be the key of the first certificate in --x5c.", Required = true };
        var x5c = new Option<string>("--x5c") { HelpName = "CHAIN.pem", Description = "PEM file with the document signer certificate chain (profile mdoc-ds), leaf first; a trailing root is left out.", Required = true };
        var holderKey = new Option<string>("--holder-key") { HelpName = "KEY", Description = "The holder's device key for the MSO deviceKeyInfo (public or private, JWK or PEM; only the public part is used).", Required = true };
        var validDays = new Option<int>("--valid-days") { HelpName = "N", Description = "Days from now until the MSO validUntil (1 to 36500).", DefaultValueFactory = _ => 365 };
        var (statusUri, statusIndex) = CreateStatusOptions();
        var command = new Command("mdoc", "Issue an ISO/IEC 18013-5 mdoc and print base64url(CBOR(IssuerSigned)), the OpenID4VCI form.")
        {
            docType, claims, key, x5c, holderKey, validDays, statusUri, statusIndex,
        };
        command.SetAction(parseResult =>
        {
            var claimsPath = parseResult.GetValue(claims)!;
            var described = $"claims file '{claimsPath}'";
            var nameSpaces = MdocClaims.ToNameSpaces(JsonOutput.ParseObject(InputReader.ReadText(claimsPath, context, "claims"), described), described);
            var days = parseResult.GetValue(validDays);
            if (days is < 1 or > 36500)
            {
                throw new UsageException($"--valid-days {days} must be between 1 and 36500.");
            }

            var deviceKey = CoseKey.FromJwk(KeyFiles.ReadPublicKey(parseResult.GetValue(holderKey)!, context, "holder key"));
            var chain = ReadChain(parseResult.GetValue(x5c)!, context);
            using var privateKey = KeyFiles.ReadPrivateKey(parseResult.GetValue(key)!, context, "document signer key");
            var signingKey = CreateSigningKey(privateKey, chain, parseResult.GetValue(key)!, parseResult.GetValue(x5c)!);
            var now = context.TimeProvider.GetUtcNow();
            var request = new MdocIssuanceRequest(parseResult.GetValue(docType)!, nameSpaces, deviceKey, now, now.AddDays(days))
            {
                Status = ReadStatus(parseResult, statusUri, statusIndex),
            };
            var issued = new MdocIssuer(context.TimeProvider).Issue(request, signingKey);
            context.Stdout.WriteLine(issued.ToBase64Url());
            return ExitCodes.Success;
        });
        return command;
    }

    private static (Option<string?> Uri, Option<int?> Index) CreateStatusOptions() =>
        (new Option<string?>("--status-uri") { HelpName = "URI", Description = "The Token Status List this credential is entered in (status.status_list.uri); give --status-index too." },
         new Option<int?>("--status-index") { HelpName = "N", Description = "The credential's index in that list (status.status_list.idx)." });

    private static StatusListReference? ReadStatus(ParseResult parseResult, Option<string?> uriOption, Option<int?> indexOption)
    {
        var uri = parseResult.GetValue(uriOption);
        var index = parseResult.GetValue(indexOption);
        if ((uri is null) != (index is null))
        {
            throw new UsageException("--status-uri and --status-index go together.");
        }

        if (uri is null)
        {
            return null;
        }

        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttps && parsed.Scheme != Uri.UriSchemeHttp))
        {
            throw new UsageException($"--status-uri '{uri}' is not an absolute http(s) URI.");
        }

        return index < 0 ? throw new UsageException("--status-index must not be negative.") : new StatusListReference(index!.Value, parsed);
    }

    /// <summary>The leaf and intermediates of a PEM chain; a trailing self-signed root is dropped, because HAIP 1.0 forbids sending the trust anchor.</summary>
    public static IReadOnlyList<X509Certificate2> ReadChain(string path, CliContext context)
    {
        var chain = KeyFiles.ReadCertificates(path, context, "x5c chain").ToList();
        if (chain.Count > 1 && chain[^1].SubjectName.RawData.AsSpan().SequenceEqual(chain[^1].IssuerName.RawData))
        {
            context.Warn($"left the self-signed root '{chain[^1].Subject}' out of x5c: verifiers hold it as their trust anchor (HAIP 1.0 §6.1.1).");
            chain.RemoveAt(chain.Count - 1);
        }

        return chain;
    }

    public static SigningKey CreateSigningKey(System.Security.Cryptography.ECDsa privateKey, IReadOnlyList<X509Certificate2> chain, string keyPath, string chainPath)
    {
        using var leafKey = chain[0].GetECDsaPublicKey()
            ?? throw new UsageException($"The first certificate in '{chainPath}' ({chain[0].Subject}) does not hold an EC public key.");
        if (!PublicJwk.FromECDsa(leafKey).HasSameKey(PublicJwk.FromECDsa(privateKey)))
        {
            throw new UsageException($"The key '{keyPath}' is not the key of the first certificate in '{chainPath}' ({chain[0].Subject}); the leaf must come first.");
        }

        return new SigningKey(privateKey, certificateChain: chain);
    }

    private static ClaimPath[]? ParsePaths(string[]? texts, JsonObject claims)
    {
        if (texts is null || texts.Length == 0)
        {
            return null;
        }

        return texts.Select(text =>
        {
            var path = ClaimPathText.Parse(text, claims, "--sd");
            if (!path.TrySelect(claims, out _, out var reason))
            {
                throw new UsageException($"--sd '{text}' does not select a claim in the claims file: {reason}.");
            }

            return path;
        }).ToArray();
    }
}
