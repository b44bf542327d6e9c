namespace Wallet.Cli.Tests;

/// <summary>
/// Builds, through the CLI itself, an mdoc issuer: a holder key, a development IACA, a document signer certificate
/// (profile mdoc-ds) and an issued PID mdoc.
/// </summary>
public static class MdocSetup
{
    public const string DocType = "eu.europa.ec.eudi.pid.1";
    public const string NameSpace = "eu.europa.ec.eudi.pid.1";

    // The portrait is the first bytes of a JPEG (FF D8 FF E0), in standard base64.
    public const string Claims = """
        {
          "eu.europa.ec.eudi.pid.1": {
            "given_name": "Ada",
            "family_name": "Sample",
            "birth_date": "1990-05-17",
            "nationality": ["PT", "NL"],
            "portrait": "/9j/4A==",
            "sex": 2,
            "place_of_birth": { "locality": "Lisboa", "country": "PT" },
            "age_over_18": true
          }
        }
        """;

    /// <summary>Creates the keys and certificates; returns the path of the issued mdoc (base64url IssuerSigned).</summary>
    public static async Task<string> IssueAsync(CliFixture cli, params string[] extraIssueArgs)
    {
        await cli.RunOkAsync("keys", "new", "--out", cli.PathOf("holder.key"));
        await cli.RunOkAsync("cert", "ca", "--cn", "Test IACA", "--out-cert", cli.PathOf("ca.pem"), "--out-key", cli.PathOf("ca.key.pem"));
        await cli.RunOkAsync("cert", "issue", "--ca", cli.PathOf("ca.pem"), "--ca-key", cli.PathOf("ca.key.pem"), "--profile", "mdoc-ds", "--out-cert", cli.PathOf("ds.pem"), "--out-key", cli.PathOf("ds.key.pem"));
        await File.WriteAllTextAsync(cli.PathOf("mdoc-claims.json"), Claims);
        string[] args =
        [
            "issue", "mdoc",
            "--doctype", DocType,
            "--claims", cli.PathOf("mdoc-claims.json"),
            "--key", cli.PathOf("ds.key.pem"),
            "--x5c", cli.PathOf("ds.pem"),
            "--holder-key", cli.PathOf("holder.key"),
            .. extraIssueArgs,
        ];
        var credential = await cli.RunOkAsync(args);
        var path = cli.PathOf("mdoc.b64");
        await File.WriteAllTextAsync(path, credential);
        return path;
    }

    /// <summary>Presents <paramref name="credential"/> for an OpenID4VP redirect transcript; returns the path of the DeviceResponse.</summary>
    public static async Task<string> PresentAsync(CliFixture cli, string credential, string oid4vp, params string[] elements)
    {
        string[] args = ["present", credential, "--holder-key", cli.PathOf("holder.key"), "--oid4vp", oid4vp, .. elements.SelectMany(e => new[] { "--disclose", $"{NameSpace}/{e}" })];
        var presentation = await cli.RunOkAsync(args);
        var path = cli.PathOf("device-response.b64");
        await File.WriteAllTextAsync(path, presentation);
        return path;
    }
}
