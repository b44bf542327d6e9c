using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Wallet.Core.Claims;
using Wallet.Core.Jose;
using Wallet.Core.SdJwtVc;

namespace Wallet.Cli.Commands;

/// <summary><c>wallet issue sd-jwt</c>: issues an SD-JWT VC signed with a key certified by an <c>x5c</c> chain.</summary>
/// <remarks>A sibling <c>issue mdoc</c> command belongs next to <c>sd-jwt</c> here.</remarks>
internal static class IssueCommand
{
    public const string DefaultIssuer = "https://issuer.example";

    public static Command Create(CliContext context) =>
        new("issue", "Issue a credential.") { CreateSdJwt(context) };

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
            Description = "A claim path to make selectively disclosable ('address/locality', 'nationalities/0', 'nationalities/*'); repeatable. Without --sd every claim, member and array element is disclosable, as the PID Rule Book wants.",
            AllowMultipleArgumentsPerToken = true,
        };
        OptionValues.RejectOptionLikeValues(sd);
        var expDays = new Option<int>("--exp-days") { HelpName = "N", Description = "Days until exp; 0 leaves exp out.", DefaultValueFactory = _ => 365 };
        var command = new Command("sd-jwt", "Issue an SD-JWT VC (typ dc+sd-jwt) and print its compact form.") { claims, key, x5c, holderKey, vct, iss, sd, expDays };
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
            };
            context.Stdout.WriteLine(SdJwtVcIssuer.Issue(request, signingKey));
            return ExitCodes.Success;
        });
        return command;
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
            if (!ClaimPath.TryParse(text, out var path, out var error))
            {
                throw new UsageException($"--sd '{text}': {error}.");
            }

            if (!path.TrySelect(claims, out _, out var reason))
            {
                throw new UsageException($"--sd '{text}' does not select a claim in the claims file: {reason}.");
            }

            return path;
        }).ToArray();
    }
}
