namespace Wallet.Cli.Tests;

/// <summary>
/// Builds, through the CLI itself, what a test needs: a holder key, a development root CA, an SD-JWT VC issuer
/// certificate, a claims file and an issued SD-JWT VC.
/// </summary>
public static class IssuerSetup
{
    public const string Claims = """
        {
          "given_name": "Ada",
          "family_name": "Sample",
          "birthdate": "1990-05-17",
          "address": { "locality": "Lisboa", "country": "PT" },
          "nationalities": ["PT", "NL"]
        }
        """;

    public const string Vct = "urn:eudi:pid:1";

    /// <summary>Creates the keys and certificates; returns the path of the issued SD-JWT VC.</summary>
    public static async Task<string> IssueAsync(CliFixture cli, string holderKeyFormat = "jwk", params string[] extraIssueArgs)
    {
        await cli.RunOkAsync("keys", "new", "--format", holderKeyFormat, "--out", cli.PathOf("holder.key"));
        await cli.RunOkAsync("cert", "ca", "--cn", "Test IACA", "--out-cert", cli.PathOf("ca.pem"), "--out-key", cli.PathOf("ca.key.pem"));
        await cli.RunOkAsync("cert", "issue", "--ca", cli.PathOf("ca.pem"), "--ca-key", cli.PathOf("ca.key.pem"), "--profile", "sd-jwt-vc", "--out-cert", cli.PathOf("issuer.pem"), "--out-key", cli.PathOf("issuer.key.pem"));
        await File.WriteAllTextAsync(cli.PathOf("claims.json"), Claims);
        string[] args =
        [
            "issue", "sd-jwt",
            "--claims", cli.PathOf("claims.json"),
            "--key", cli.PathOf("issuer.key.pem"),
            "--x5c", cli.PathOf("issuer.pem"),
            "--holder-key", cli.PathOf("holder.key"),
            "--vct", Vct,
            "--iss", "https://issuer.example",
            .. extraIssueArgs,
        ];
        var credential = await cli.RunOkAsync(args);
        var path = cli.PathOf("credential.txt");
        await File.WriteAllTextAsync(path, credential);
        return path;
    }

    /// <summary>Presents <paramref name="credential"/> with Key Binding; returns the path of the presentation.</summary>
    public static async Task<string> PresentAsync(CliFixture cli, string credential, string audience, string nonce, params string[] disclose)
    {
        string[] args = ["present", credential, "--holder-key", cli.PathOf("holder.key"), "--aud", audience, "--nonce", nonce, .. disclose.SelectMany(d => new[] { "--disclose", d })];
        var presentation = await cli.RunOkAsync(args);
        var path = cli.PathOf("presentation.txt");
        await File.WriteAllTextAsync(path, presentation);
        return path;
    }
}
