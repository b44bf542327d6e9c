using System.CommandLine;
using System.Security.Cryptography;
using Wallet.Core.Storage;

namespace Wallet.Cli.Commands;

/// <summary><c>wallet keys new</c> and <c>wallet keys public</c>: P-256 keys as JWK or PKCS#8 PEM.</summary>
internal static class KeysCommand
{
    public static Command Create(CliContext context)
    {
        var format = new Option<string>("--format")
        { HelpName = "jwk|pem",
            Description = "Output format of the private key: 'jwk' (JSON with d) or 'pem' (PKCS#8).",
            DefaultValueFactory = _ => "jwk",
        };
        format.AcceptOnlyFromAmong("jwk", "pem");
        var output = new Option<string?>("--out") { HelpName = "FILE", Description = "Write the private key to this file (owner-only permissions) and print the public JWK; without it the private key goes to stdout." };
        var newCommand = new Command("new", "Create a P-256 private key.") { format, output };
        newCommand.SetAction(parseResult =>
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var keyFormat = parseResult.GetValue(format) == "pem" ? KeyFiles.KeyFormat.Pem : KeyFiles.KeyFormat.Jwk;
            var text = KeyFiles.Format(key, keyFormat);
            if (parseResult.GetValue(output) is { } path)
            {
                PrivateFiles.WriteAllText(path, text);
                context.Info($"Wrote a P-256 private key to '{path}'; its public JWK follows.");
                JsonOutput.Write(context.Stdout, Wallet.Core.Jose.PublicJwk.FromECDsa(key).ToJsonObject());
            }
            else
            {
                context.Stdout.Write(text);
            }

            return ExitCodes.Success;
        });

        var keyFile = new Argument<string>("KEY") { Description = "A key file: JWK or PEM, public or private; '-' reads stdin." };
        var publicCommand = new Command("public", "Print the public JWK of a key file, with its RFC 7638 thumbprint as kid.") { keyFile };
        publicCommand.SetAction(parseResult =>
        {
            var jwk = KeyFiles.ReadPublicKey(parseResult.GetValue(keyFile)!, context, "key");
            var json = jwk.ToJsonObject();
            json["kid"] = jwk.ComputeThumbprintBase64Url();
            JsonOutput.Write(context.Stdout, json);
            return ExitCodes.Success;
        });

        return new Command("keys", "Create and inspect EC keys.") { newCommand, publicCommand };
    }
}
