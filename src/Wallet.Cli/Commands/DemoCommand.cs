using System.Buffers.Text;
using System.CommandLine;
using System.Security.Cryptography;
using Wallet.Cli.Demo;
using Wallet.Core.Claims;
using Wallet.Core.Development;
using Wallet.Core.Jose;
using Wallet.Core.Pid;
using Wallet.Core.SdJwt;
using Wallet.Core.SdJwtVc;
using Wallet.Core.Trust;

namespace Wallet.Cli.Commands;

/// <summary>
/// <c>wallet demo</c>: by default the whole journey through the services (<see cref="OnlineDemo"/>); with
/// <c>--offline</c> the PID flow in one process on development keys from a data folder: set up trust, issue a PID
/// SD-JWT VC, present four claims with Key Binding, verify against the root, print the verified claims.
/// </summary>
internal static class DemoCommand
{
    public const string DemoIssuer = "https://pid-issuer.example";

    /// <summary>The demo verifier's client_id (OpenID4VP 1.0 §5.9: x509_san_dns client identifier prefix).</summary>
    public const string DemoVerifierAudience = "x509_san_dns:verifier.example";

    public static IReadOnlyList<string> DisclosedClaims { get; } = ["given_name", "family_name", "birthdate", "address/locality"];

    public static Command Create(CliContext context)
    {
        var data = new Option<string>("--data")
        { HelpName = "DIR",
            Description = "Folder for the demo's databases, keys and certificates, created on the first run and reused after.",
            DefaultValueFactory = _ => Path.Combine("data", "demo"),
        };
        var person = new Option<string?>("--person")
        { HelpName = "ID",
            Description = $"The synthetic person: {string.Join(", ", OnlineDemo.Persons)} (default {OnlineDemo.Persons[0]}); with --offline {string.Join(" or ", DemoPersons.Ids)} (default {DemoPersons.Default}; 'jan' has no personal administrative number).",
        };
        var offline = new Option<bool>("--offline") { Description = "Run without services: issue an SD-JWT VC, present it with Key Binding and verify it, all in this process." };
        var keepRunning = new Option<bool>("--keep-running") { Description = "Leave the issuer and the verifier running after the demo, until Ctrl-C." };
        var command = new Command("demo", "Start the issuer and the verifier on 127.0.0.1, obtain a PID in both formats with a wallet (pre-authorized code with tx_code; authorization code with PAR, PKCE and DPoP), present it over OpenID4VP and print what the relying party got.")
        {
            data, person, offline, keepRunning,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var chosen = parseResult.GetValue(person);
            if (parseResult.GetValue(offline))
            {
                if (parseResult.GetValue(keepRunning))
                {
                    throw new UsageException("--keep-running needs the services; it cannot be combined with --offline.");
                }

                return RunAsync(context, parseResult.GetValue(data)!, Choose(chosen, DemoPersons.Ids, DemoPersons.Default), cancellationToken);
            }

            return OnlineDemo.RunAsync(context, parseResult.GetValue(data)!, Choose(chosen, OnlineDemo.Persons, OnlineDemo.Persons[0]), parseResult.GetValue(keepRunning), cancellationToken);
        });
        return command;
    }

    private static string Choose(string? chosen, IReadOnlyList<string> allowed, string fallback) =>
        chosen is null ? fallback
            : allowed.Contains(chosen, StringComparer.Ordinal) ? chosen
            : throw new UsageException($"--person must be one of {string.Join(", ", allowed)} here, not '{chosen}'.");

    private static async Task<int> RunAsync(CliContext context, string dataDirectory, string personId, CancellationToken cancellationToken)
    {
        var steps = new DemoStepRunner(context);
        var time = context.TimeProvider;
        using var material = steps.Run("setup", () => DemoTrustMaterial.LoadOrCreate(dataDirectory, context), m => m.Description);
        var person = DemoPersons.Get(personId, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));

        var issued = steps.Run("issue", () => Issue(material, person, time), sdJwt => $"PID SD-JWT VC ({PidSdJwtVc.Vct}) for {person.GivenName} {person.FamilyName}: {sdJwt.Disclosures.Count} Disclosures, {sdJwt.Raw.Length} characters, iss {DemoIssuer}");

        var nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        var presentation = steps.Run("present", () => Present(issued, material, nonce, time), p => $"disclosed {string.Join(", ", DisclosedClaims)} with a KB-JWT for {DemoVerifierAudience}, fresh nonce; {p.Length} characters");

        var result = await steps.RunAsync(
            "verify",
            () => Verify(material, presentation, nonce, time, cancellationToken),
            r => r.IsValid
                ? $"valid: x5c chain to '{material.Root.Subject}', issuer signature, Disclosure digests, KB-JWT (aud, nonce, iat, sd_hash), validity"
                : $"INVALID: {string.Join(", ", r.Errors.Select(e => e.Code))}").ConfigureAwait(false);

        if (!result.IsValid)
        {
            foreach (var error in result.Errors)
            {
                await context.Stderr.WriteLineAsync($"verification failed: {error.Code}: {error.Message}").ConfigureAwait(false);
            }

            return ExitCodes.Invalid;
        }

        await context.Stdout.WriteLineAsync("Verified claims:").ConfigureAwait(false);
        JsonOutput.Write(context.Stdout, VerifyCommand.Report(result)["claims"]);
        return ExitCodes.Success;
    }

    private static SdJwt Issue(DemoTrustMaterial material, PersonIdentificationData person, TimeProvider time)
    {
        var signingKey = DevelopmentCertificates.ToSigningKey(material.Issuer);
        using (signingKey.Key)
        {
            var now = time.GetUtcNow();
            var compact = SdJwtVcIssuer.Issue(
                new SdJwtVcIssuanceRequest
                {
                    Vct = PidSdJwtVc.Vct,
                    Issuer = DemoIssuer,
                    Claims = PidSdJwtVc.ToClaims(person),
                    HolderKey = PublicJwk.FromECDsa(material.HolderKey),
                    IssuedAt = now,
                    ExpiresAt = now.AddDays(90),
                },
                signingKey);
            return SdJwt.TryParse(compact, SdJwtLimits.Default, out var sdJwt, out var error)
                ? sdJwt
                : throw new InvalidOperationException($"The demo issued an SD-JWT it cannot parse: {error}");
        }
    }

    private static string Present(SdJwt issued, DemoTrustMaterial material, string nonce, TimeProvider time) =>
        SdJwtHolder.Present(
            issued,
            DisclosedClaims.Select(p => ClaimPath.TryParse(p, out var path, out _) ? path : throw new InvalidOperationException($"Bad demo path '{p}'.")),
            new KeyBindingOptions(new SigningKey(material.HolderKey), DemoVerifierAudience, nonce, time.GetUtcNow()));

    private static async Task<SdJwtVcVerificationResult> Verify(DemoTrustMaterial material, string presentation, string nonce, TimeProvider time, CancellationToken cancellationToken)
    {
        // Load the anchor from its file, as a verifier would, rather than trusting the in-memory certificate.
        var store = TrustAnchorStore.FromFiles([material.RootPath]);
        var verifier = VerifyCommand.CreateVerifiers(store, time, acceptedVcts: [PidSdJwtVc.Vct]).SdJwtVc;
        return await verifier.VerifyAsync(presentation, new KeyBindingExpectation(DemoVerifierAudience, nonce), cancellationToken).ConfigureAwait(false);
    }
}
