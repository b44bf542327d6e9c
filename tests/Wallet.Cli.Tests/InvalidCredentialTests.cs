using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;

namespace Wallet.Cli.Tests;

/// <summary>
/// Exit codes of <c>verify</c>: a credential that is corrupted, truncated or not a credential at all is invalid (exit 1,
/// the failed checks with their codes in the JSON), never a usage error (2, kept for the command line and its key and
/// anchor files) nor an internal error (70).
/// </summary>
public sealed class InvalidCredentialTests : IDisposable
{
    // DER of the OIDs whose extension values are corrupted in place: authorityKeyIdentifier (2.5.29.35) and
    // subjectKeyIdentifier (2.5.29.14), RFC 5280 §4.2.1.1 and §4.2.1.2.
    private static readonly byte[] AuthorityKeyIdentifierOid = [0x06, 0x03, 0x55, 0x1D, 0x23];
    private static readonly byte[] SubjectKeyIdentifierOid = [0x06, 0x03, 0x55, 0x1D, 0x0E];

    // The subjectPublicKey BIT STRING of a P-256 key: 66 bytes, no unused bits, 0x04 (uncompressed point, SEC 1 §2.3.3).
    private static readonly byte[] P256PublicKeyBitString = [0x03, 0x42, 0x00, 0x04];

    private readonly CliFixture _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("sd-jwt x5c leaf with a corrupted authorityKeyIdentifier", "trust.malformed_certificate")]
    [InlineData("sd-jwt x5c leaf with a corrupted subjectKeyIdentifier", "trust.malformed_certificate")]
    [InlineData("sd-jwt x5c leaf whose EC point is not a point", "trust.malformed_certificate")]
    [InlineData("sd-jwt x5c leaf truncated", "trust.malformed_certificate")]
    [InlineData("sd-jwt x5c entry not base64", "trust.malformed_certificate")]
    [InlineData("sd-jwt x5c not an array", "trust.malformed_chain")]
    [InlineData("sd-jwt truncated", "sd_jwt.")]
    [InlineData("mdoc x5chain leaf with a corrupted authorityKeyIdentifier", "mdoc.")]
    [InlineData("mdoc x5chain leaf whose EC point is not a point", "mdoc.")]
    [InlineData("mdoc truncated", "mdoc.")]
    [InlineData("a certificate instead of a credential", "sd_jwt.")]
    [InlineData("a JSON object instead of a credential", "sd_jwt.")]
    [InlineData("binary noise instead of a credential", "mdoc.")]
    public async Task Bad_credential_input_exits_1_with_the_failed_check_in_the_JSON(string input, string expectedCode)
    {
        var path = await BadCredentialAsync(input);

        var run = await _cli.RunAsync("verify", path, "--trust", _cli.PathOf("ca.pem"));

        run.ExitCode.Should().Be(1, run.ToString());
        run.Json["valid"]!.GetValue<bool>().Should().BeFalse();
        run.Json["claims"].Should().BeNull();
        var codes = run.Json["errors"]!.AsArray().Select(e => e!["code"]!.GetValue<string>()).ToList();
        codes.Should().Contain(c => c.StartsWith(expectedCode, StringComparison.Ordinal), run.ToString());
        run.Stderr.Should().NotContain("   at ", "no stack trace is shown");
    }

    private async Task<string> BadCredentialAsync(string input)
    {
        var path = _cli.PathOf("bad-credential");
        if (input.StartsWith("mdoc", StringComparison.Ordinal))
        {
            var issued = Base64Url.DecodeFromChars((await File.ReadAllTextAsync(await MdocSetup.IssueAsync(_cli))).Trim());
            byte[] bad = input switch
            {
                "mdoc x5chain leaf with a corrupted authorityKeyIdentifier" => CorruptExtension(issued, AuthorityKeyIdentifierOid),
                "mdoc x5chain leaf whose EC point is not a point" => CorruptPoint(issued),
                _ => issued[..(issued.Length / 2)],
            };
            await File.WriteAllTextAsync(path, Base64Url.EncodeToString(bad));
            return path;
        }

        var credential = (await File.ReadAllTextAsync(await IssuerSetup.IssueAsync(_cli))).Trim();
        var text = input switch
        {
            "sd-jwt truncated" => credential[..(credential.IndexOf('.', StringComparison.Ordinal) + 40)],
            "a certificate instead of a credential" => await File.ReadAllTextAsync(_cli.PathOf("issuer.pem")),
            "a JSON object instead of a credential" => IssuerSetup.Claims,
            "binary noise instead of a credential" => null,
            _ => WithX5c(credential, input),
        };
        if (text is null)
        {
            // A CBOR map header (0xA2) followed by bytes that are no CBOR.
            await File.WriteAllBytesAsync(path, [0xA2, 0xFF, 0x00, 0xFE, 0x13, 0x80, 0x9C]);
        }
        else
        {
            await File.WriteAllTextAsync(path, text);
        }

        return path;
    }

    // Rewrites the x5c header of the issuer-signed JWT; the signature no longer matches, but the chain is read first.
    private static string WithX5c(string credential, string input)
    {
        var tilde = credential.IndexOf('~', StringComparison.Ordinal);
        var parts = credential[..tilde].Split('.');
        var header = JsonNode.Parse(Base64Url.DecodeFromChars(parts[0]))!.AsObject();
        var leaf = Convert.FromBase64String(header["x5c"]![0]!.GetValue<string>());
        JsonNode x5c = input switch
        {
            "sd-jwt x5c leaf with a corrupted authorityKeyIdentifier" => new JsonArray(Convert.ToBase64String(CorruptExtension(leaf, AuthorityKeyIdentifierOid))),
            "sd-jwt x5c leaf with a corrupted subjectKeyIdentifier" => new JsonArray(Convert.ToBase64String(CorruptExtension(leaf, SubjectKeyIdentifierOid))),
            "sd-jwt x5c leaf whose EC point is not a point" => new JsonArray(Convert.ToBase64String(CorruptPoint(leaf))),
            "sd-jwt x5c leaf truncated" => new JsonArray(Convert.ToBase64String(leaf[..(leaf.Length / 2)])),
            "sd-jwt x5c entry not base64" => new JsonArray("not base64!"),
            "sd-jwt x5c not an array" => JsonValue.Create(Convert.ToBase64String(leaf)),
            _ => throw new ArgumentOutOfRangeException(nameof(input), input, null),
        };
        header["x5c"] = x5c;
        var encodedHeader = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString()));
        return $"{encodedHeader}.{parts[1]}.{parts[2]}{credential[tilde..]}";
    }

    // extnID OID, then the extnValue OCTET STRING (0x04, length), whose content starts with the tag of the
    // extension's own structure; replacing that tag with 0x31 (SET) leaves valid DER outside the extension.
    private static byte[] CorruptExtension(byte[] bytes, byte[] oid)
    {
        var copy = (byte[])bytes.Clone();
        var at = copy.AsSpan().IndexOf(oid);
        at.Should().BePositive("the certificate has the extension");
        copy[at + oid.Length].Should().Be(0x04, "a non-critical extension's value follows its OID");
        copy[at + oid.Length + 2] = 0x31;
        return copy;
    }

    // 0x05 is no SEC 1 point format: the key cannot be read.
    private static byte[] CorruptPoint(byte[] bytes)
    {
        var copy = (byte[])bytes.Clone();
        var at = copy.AsSpan().IndexOf(P256PublicKeyBitString);
        at.Should().BePositive("the certificate holds a P-256 key");
        copy[at + P256PublicKeyBitString.Length - 1] = 0x05;
        return copy;
    }
}
