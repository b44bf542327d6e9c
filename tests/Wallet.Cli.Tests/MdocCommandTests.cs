using System.Buffers.Text;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Wallet.Cli.Tests;

/// <summary>issue mdoc → present → verify and decode of mdoc input, all through <see cref="CliApp"/>.</summary>
public sealed class MdocCommandTests : IDisposable
{
    private const string Oid4Vp = "x509_san_dns:verifier.example,n-0S6_WzA2Mj,https://verifier.example/response";

    private readonly CliFixture _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Presentation_for_an_OpenID4VP_transcript_verifies_and_reveals_only_the_disclosed_elements_OID4VP_B_2_6_1()
    {
        var credential = await MdocSetup.IssueAsync(_cli);
        var presentation = await MdocSetup.PresentAsync(_cli, credential, Oid4Vp, "given_name", "birth_date", "nationality");

        var run = await _cli.RunAsync("verify", presentation, "--trust", _cli.PathOf("ca.pem"), "--oid4vp", Oid4Vp);

        run.ExitCode.Should().Be(0, run.ToString());
        var report = run.Json;
        report["valid"]!.GetValue<bool>().Should().BeTrue();
        report["format"]!.GetValue<string>().Should().Be("mso_mdoc");
        report["docType"]!.GetValue<string>().Should().Be(MdocSetup.DocType);
        report["issuer"]!.GetValue<string>().Should().Contain("Document Signer");
        report["deviceAuth"]!.GetValue<string>().Should().Be("Signature");
        report["holderBinding"]!.GetValue<bool>().Should().BeTrue();
        report["holderBindingOutcome"]!.GetValue<string>().Should().Be("Verified");
        report["issuerChain"]!.AsArray().Select(c => c!.GetValue<string>()).Should().HaveCount(2)
            .And.StartWith(report["issuer"]!.GetValue<string>(), "the validated chain is leaf first, ending at the --trust anchor");
        report["status"]!.GetValue<string>().Should().Be("None");
        report["errors"]!.AsArray().Should().BeEmpty();
        var claims = report["claims"]!.AsObject();
        claims.Select(c => c.Key).Should().Equal(MdocSetup.NameSpace);
        var elements = claims[MdocSetup.NameSpace]!.AsObject();
        elements.Select(e => e.Key).Should().BeEquivalentTo("given_name", "birth_date", "nationality");
        elements["birth_date"]!.GetValue<string>().Should().Be("1990-05-17");
        elements["nationality"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal("PT", "NL");
    }

    [Theory]
    [InlineData("x509_san_dns:verifier.example,another-nonce,https://verifier.example/response")]
    [InlineData("x509_san_dns:other.example,n-0S6_WzA2Mj,https://verifier.example/response")]
    [InlineData("x509_san_dns:verifier.example,n-0S6_WzA2Mj,https://attacker.example/response")]
    public async Task Presentation_for_another_transaction_fails_device_authentication_ISO18013_5_9_1_3_6(string otherTranscript)
    {
        var credential = await MdocSetup.IssueAsync(_cli);
        var presentation = await MdocSetup.PresentAsync(_cli, credential, Oid4Vp, "given_name");

        var run = await _cli.RunAsync("verify", presentation, "--trust", _cli.PathOf("ca.pem"), "--oid4vp", otherTranscript);

        run.ExitCode.Should().Be(1, run.ToString());
        run.Json["valid"]!.GetValue<bool>().Should().BeFalse();
        run.Json["claims"].Should().BeNull();
        Codes(run.Json).Should().Equal("mdoc.device_auth.signature_invalid");
    }

    [Fact]
    public async Task Document_signer_outside_the_trust_anchors_is_rejected_ISO18013_5_9_3_3()
    {
        var credential = await MdocSetup.IssueAsync(_cli);
        var presentation = await MdocSetup.PresentAsync(_cli, credential, Oid4Vp, "given_name");
        await _cli.RunOkAsync("cert", "ca", "--cn", "Other IACA", "--out-cert", _cli.PathOf("other.pem"), "--out-key", _cli.PathOf("other.key.pem"));

        var run = await _cli.RunAsync("verify", presentation, "--trust", _cli.PathOf("other.pem"), "--oid4vp", Oid4Vp);

        run.ExitCode.Should().Be(1, run.ToString());
        Codes(run.Json).Should().Contain("mdoc.issuer_auth.chain_untrusted");
    }

    [Fact]
    public async Task Issued_mdoc_verifies_as_issuer_data_only_without_a_transcript_OID4VCI_A_2()
    {
        var credential = await MdocSetup.IssueAsync(_cli);

        var run = await _cli.RunAsync("verify", credential, "--trust", _cli.PathOf("ca.pem"));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Json["deviceAuth"]!.GetValue<string>().Should().Be("None");
        run.Json["claims"]![MdocSetup.NameSpace]!.AsObject().Select(e => e.Key).Should().HaveCount(8);
    }

    [Fact]
    public async Task Verification_after_the_MSO_validUntil_is_rejected_ISO18013_5_9_3_1()
    {
        var credential = await MdocSetup.IssueAsync(_cli, "--valid-days", "1");
        var presentation = await MdocSetup.PresentAsync(_cli, credential, Oid4Vp, "given_name");
        var twoDaysLater = DateTimeOffset.UtcNow.AddDays(2).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        var run = await _cli.RunAsync("verify", presentation, "--trust", _cli.PathOf("ca.pem"), "--oid4vp", Oid4Vp, "--at", twoDaysLater);

        run.ExitCode.Should().Be(1, run.ToString());
        Codes(run.Json).Should().Equal("mdoc.validity.expired");
    }

    [Fact]
    public async Task Annex_D_DeviceResponse_verifies_with_its_transcript_and_reader_key_deviceMac_ISO18013_5_D_4_1_2()
    {
        var transcript = (await File.ReadAllTextAsync(Vector("mdoc", "annex-d-session-transcript-bytes.hex"))).Trim();
        var insideValidity = new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        var run = await _cli.RunAsync(
            "verify", Vector("mdoc", "annex-d-device-response.hex"),
            "--trust", Vector("mdoc", "annex-d-iaca-root.pem"),
            "--session-transcript", transcript,
            "--reader-key", Vector("mdoc", "annex-d-reader-ephemeral-key.jwk"),
            "--at", insideValidity);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Json["docType"]!.GetValue<string>().Should().Be("org.iso.18013.5.1.mDL");
        run.Json["deviceAuth"]!.GetValue<string>().Should().Be("Mac");
        run.Json["claims"]!["org.iso.18013.5.1"]!.AsObject().Select(e => e.Key)
            .Should().BeEquivalentTo("family_name", "issue_date", "expiry_date", "document_number", "portrait", "driving_privileges");
    }

    [Fact]
    public async Task Annex_D_deviceMac_without_the_reader_key_is_rejected_ISO18013_5_9_1_3_5()
    {
        var transcript = (await File.ReadAllTextAsync(Vector("mdoc", "annex-d-session-transcript-bytes.hex"))).Trim();
        var insideValidity = new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        var run = await _cli.RunAsync("verify", Vector("mdoc", "annex-d-device-response.hex"), "--trust", Vector("mdoc", "annex-d-iaca-root.pem"), "--session-transcript", transcript, "--at", insideValidity);

        run.ExitCode.Should().Be(1, run.ToString());
        Codes(run.Json).Should().Equal("mdoc.device_auth.reader_key_missing");
    }

    [Theory]
    [InlineData("base64url")]
    [InlineData("hex")]
    [InlineData("binary")]
    public async Task Mdoc_input_is_read_as_binary_CBOR_hex_or_base64url(string encoding)
    {
        var credential = await MdocSetup.IssueAsync(_cli);
        var bytes = Base64Url.DecodeFromChars((await File.ReadAllTextAsync(credential)).Trim());
        var path = _cli.PathOf("mdoc." + encoding);
        switch (encoding)
        {
            case "hex":
                await File.WriteAllTextAsync(path, Convert.ToHexStringLower(bytes) + "\n");
                break;
            case "binary":
                await File.WriteAllBytesAsync(path, bytes);
                break;
            default:
                File.Copy(credential, path);
                break;
        }

        var presentation = await _cli.RunOkAsync("present", path, "--holder-key", _cli.PathOf("holder.key"), "--oid4vp", Oid4Vp, "--disclose", $"{MdocSetup.NameSpace}/family_name");
        await File.WriteAllTextAsync(_cli.PathOf("presented.b64"), presentation);
        var run = await _cli.RunAsync("verify", _cli.PathOf("presented.b64"), "--trust", _cli.PathOf("ca.pem"), "--oid4vp", Oid4Vp);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Json["claims"]![MdocSetup.NameSpace]!["family_name"]!.GetValue<string>().Should().Be("Sample");
    }

    [Fact]
    public async Task Decode_diag_shows_the_PID_element_types_full_date_bstr_and_array_ISO18013_5_7_2_1()
    {
        var credential = await MdocSetup.IssueAsync(_cli);

        var run = await _cli.RunAsync("decode", credential, "--format", "diag");

        run.ExitCode.Should().Be(0, run.ToString());
        // Deterministic encoding (RFC 8949 §4.2.1) orders the item keys by length: elementValue before elementIdentifier.
        run.Stdout.Should().Contain("\"elementValue\": 1004(\"1990-05-17\"), \"elementIdentifier\": \"birth_date\"")
            .And.Contain("\"elementValue\": h'ffd8ffe0', \"elementIdentifier\": \"portrait\"")
            .And.Contain("\"elementValue\": [\"PT\", \"NL\"], \"elementIdentifier\": \"nationality\"")
            .And.Contain("\"elementValue\": 2, \"elementIdentifier\": \"sex\"")
            .And.Contain("24(<< ", "tag-24 embedded items are expanded");
        run.Stderr.Should().Contain("nothing was verified");
    }

    [Fact]
    public async Task Decode_json_shows_the_DeviceResponse_structure_with_embedded_items_decoded_ISO18013_5_8_3_2_1_2_2()
    {
        var credential = await MdocSetup.IssueAsync(_cli);
        var presentation = await MdocSetup.PresentAsync(_cli, credential, Oid4Vp, "given_name", "portrait");

        var run = await _cli.RunAsync("decode", presentation);

        run.ExitCode.Should().Be(0, run.ToString());
        var decoded = run.Json;
        decoded["version"]!.GetValue<string>().Should().Be("1.0");
        decoded["status"]!.GetValue<int>().Should().Be(0);
        var document = decoded["documents"]!.AsArray().Should().ContainSingle().Subject!;
        document["docType"]!.GetValue<string>().Should().Be(MdocSetup.DocType);
        var items = document["issuerSigned"]!["nameSpaces"]![MdocSetup.NameSpace]!.AsArray().Select(i => i!.AsObject()).ToList();
        items.Select(i => i["elementIdentifier"]!.GetValue<string>()).Should().BeEquivalentTo("given_name", "portrait");
        items.Single(i => i["elementIdentifier"]!.GetValue<string>() == "portrait")["elementValue"]!.GetValue<string>().Should().Be("_9j_4A");
        document["deviceSigned"]!["deviceAuth"]!["deviceSignature"].Should().NotBeNull();
    }

    [Fact]
    public async Task Decode_of_CBOR_that_is_not_well_formed_exits_with_1_and_the_error_code()
    {
        await File.WriteAllTextAsync(_cli.PathOf("broken.hex"), "a2646269");

        var run = await _cli.RunAsync("decode", _cli.PathOf("broken.hex"));

        run.ExitCode.Should().Be(1, run.ToString());
        run.Stderr.Should().Contain("mdoc.malformed");
        run.Stdout.Should().BeEmpty();
    }

    [Fact]
    public async Task Mdoc_with_a_status_reference_fails_closed_when_status_is_not_checked_TokenStatusList_8_3()
    {
        var credential = await MdocSetup.IssueAsync(_cli, "--status-uri", "https://status.example/lists/1", "--status-index", "7");

        var run = await _cli.RunAsync("verify", credential, "--trust", _cli.PathOf("ca.pem"));

        run.ExitCode.Should().Be(1, run.ToString());
        Codes(run.Json).Should().Equal("mdoc.status_unchecked");
        run.Json["status"]!.GetValue<string>().Should().Be("Unchecked");
        (await _cli.RunAsync("verify", credential, "--trust", _cli.PathOf("ca.pem"), "--allow-unchecked-status")).ExitCode.Should().Be(0);
    }

    public static TheoryData<string[], string> BadMdocCommandLines => new()
    {
        { ["present", "{dir}/mdoc.b64", "--holder-key", "{dir}/holder.key", "--disclose", "eu.europa.ec.eudi.pid.1/given_name"], "--oid4vp" },
        { ["present", "{dir}/mdoc.b64", "--holder-key", "{dir}/holder.key", "--oid4vp", Oid4Vp, "--disclose", "eu.europa.ec.eudi.pid.1/no_such_element"], "no such element" },
        { ["present", "{dir}/mdoc.b64", "--holder-key", "{dir}/holder.key", "--oid4vp", Oid4Vp, "--disclose", "given_name"], "NAMESPACE/ELEMENT" },
        { ["present", "{dir}/mdoc.b64", "--holder-key", "{dir}/ca.key.pem", "--oid4vp", Oid4Vp, "--disclose", "eu.europa.ec.eudi.pid.1/given_name"], "deviceKeyInfo" },
        { ["present", "{dir}/mdoc.b64", "--holder-key", "{dir}/holder.key", "--oid4vp", "only-client,nonce", "--disclose", "eu.europa.ec.eudi.pid.1/given_name"], "--oid4vp takes" },
        { ["present", "{dir}/mdoc.b64", "--holder-key", "{dir}/holder.key", "--session-transcript", "zz", "--disclose", "eu.europa.ec.eudi.pid.1/given_name"], "hex" },
        { ["present", "{dir}/mdoc.b64", "--holder-key", "{dir}/holder.key", "--aud", "a", "--nonce", "n", "--disclose", "eu.europa.ec.eudi.pid.1/given_name"], "--aud and --nonce are for SD-JWT" },
        { ["verify", "{dir}/device-response.b64", "--trust", "{dir}/ca.pem"], "SessionTranscript" },
        { ["issue", "mdoc", "--doctype", "eu.europa.ec.eudi.pid.1", "--claims", "{dir}/flat-claims.json", "--key", "{dir}/ds.key.pem", "--x5c", "{dir}/ds.pem", "--holder-key", "{dir}/holder.key"], "namespace" },
        { ["issue", "mdoc", "--doctype", "eu.europa.ec.eudi.pid.1", "--claims", "{dir}/bad-date-claims.json", "--key", "{dir}/ds.key.pem", "--x5c", "{dir}/ds.pem", "--holder-key", "{dir}/holder.key"], "full-date" },
        { ["issue", "mdoc", "--doctype", "eu.europa.ec.eudi.pid.1", "--claims", "{dir}/mdoc-claims.json", "--key", "{dir}/ds.key.pem", "--x5c", "{dir}/ds.pem", "--holder-key", "{dir}/holder.key", "--valid-days", "0"], "--valid-days" },
        { ["decode", "{dir}/mdoc.b64", "--format", "yaml"], "yaml" },
    };

    [Theory]
    [MemberData(nameof(BadMdocCommandLines))]
    public async Task Bad_mdoc_input_exits_with_2_and_a_one_line_message(string[] template, string expectedInMessage)
    {
        var credential = await MdocSetup.IssueAsync(_cli);
        await MdocSetup.PresentAsync(_cli, credential, Oid4Vp, "given_name");
        await File.WriteAllTextAsync(_cli.PathOf("flat-claims.json"), """{"given_name":"Ada"}""");
        await File.WriteAllTextAsync(_cli.PathOf("bad-date-claims.json"), """{"eu.europa.ec.eudi.pid.1":{"birth_date":"17/05/1990"}}""");
        var args = template.Select(a => a.Replace("{dir}", _cli.Directory, StringComparison.Ordinal)).ToArray();

        var run = await _cli.RunAsync(args);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Should().Contain("error: ").And.Contain(expectedInMessage);
        run.Stderr.Should().NotContain("   at ", "no stack trace is shown");
        run.Stdout.Should().BeEmpty();
    }

    private static string Vector(string area, string name) => Path.Combine(AppContext.BaseDirectory, "Vectors", area, name);

    private static List<string> Codes(JsonObject report) =>
        report["errors"]!.AsArray().Select(e => e!["code"]!.GetValue<string>()).ToList();
}
