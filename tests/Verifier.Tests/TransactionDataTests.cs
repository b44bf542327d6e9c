using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Wallet.Core.OpenId4Vp;

namespace Wallet.Verifier.Tests;

/// <summary>
/// Transaction data (OpenID4VP 1.0 §5.1, §8.4, B.3.3): the relying party asks for a payment or a consent text bound to a
/// Credential Query, the signed request carries it base64url-encoded, the wallet signs its hashes in the KB-JWT and the
/// Verifier accepts the presentation only when every entry is authorized by exactly the hashes of the strings it sent.
/// </summary>
public sealed class TransactionDataTests
{
    private static JsonObject Payment(string credentialId = "pid", JsonArray? algorithms = null)
    {
        var payment = new JsonObject
        {
            ["type"] = TransactionDataType.Payment.Name,
            ["credential_ids"] = new JsonArray(credentialId),
            ["payee"] = "Bakery Müller",
            ["amount"] = "12.50",
            ["currency"] = "EUR",
        };
        if (algorithms is not null)
        {
            payment["transaction_data_hashes_alg"] = algorithms;
        }

        return payment;
    }

    private static JsonObject Consent() => new()
    {
        ["type"] = TransactionDataType.ConsentText.Name,
        ["credential_ids"] = new JsonArray("pid"),
        ["text"] = "I accept the rental contract of 3 December 2026.",
    };

    private static JsonObject Body(string responseMode, params JsonObject[] transactionData)
    {
        var body = Api.Body(responseMode);
        body["transaction_data"] = new JsonArray([.. transactionData]);
        return body;
    }

    [Theory]
    [InlineData("direct_post.jwt")]
    [InlineData("direct_post")]
    public async Task Transaction_data_is_sent_and_its_KB_JWT_hashes_are_verified_OID4VP_5_1_B_3_3(string responseMode)
    {
        using var app = new VerifierApp();
        using var api = app.ApiClient();
        var created = await Api.CreateAsync(api, Body(responseMode, Payment(), Consent()));
        var wallet = EndToEndTests.Wallet(app);

        var request = await wallet.FetchRequestAsync(created["authorizationRequestUri"]!.GetValue<string>());
        request.TransactionData.Should().HaveCount(2);
        request.TransactionData[0].Type.Should().Be(TransactionDataType.Payment.Name);
        request.TransactionData[0].Content["amount"]!.GetValue<string>().Should().Be("12.50");
        request.TransactionData[1].Content["text"]!.GetValue<string>().Should().StartWith("I accept");
        var run = await wallet.RespondAsync(request);

        run.Response.StatusCode.Should().Be(HttpStatusCode.OK, run.Body?.ToJsonString());
        var status = await Api.StatusAsync(api, created["transactionId"]!.GetValue<string>());
        status["status"]!.GetValue<string>().Should().Be("verified", status.ToJsonString());
        var signed = status["credentials"]!["pid"]![0]!["transactionData"]!.AsArray();
        signed.Select(t => t!["type"]!.GetValue<string>()).Should().Equal(TransactionDataType.Payment.Name, TransactionDataType.ConsentText.Name);
        signed[0]!["payee"]!.GetValue<string>().Should().Be("Bakery Müller");
    }

    [Fact]
    public async Task The_request_carries_base64url_JSON_objects_and_the_hash_is_over_the_string_as_sent_OID4VP_B_3_3()
    {
        using var app = new VerifierApp();
        using var api = app.ApiClient();
        var created = await Api.CreateAsync(api, Body("direct_post.jwt", Payment()));
        var request = await EndToEndTests.Wallet(app).FetchRequestAsync(created["authorizationRequestUri"]!.GetValue<string>());

        var encoded = request.TransactionData.Single().Encoded;
        var decoded = JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(encoded))!;
        decoded["type"]!.GetValue<string>().Should().Be(TransactionDataType.Payment.Name);
        decoded["credential_ids"]!.AsArray().Single()!.GetValue<string>().Should().Be("pid");
        request.TransactionData.Single().Hash("sha-256").Should().Be(Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(encoded))).TrimEnd('=').Replace('+', '-').Replace('/', '_'));
    }

    [Fact]
    public async Task A_KB_JWT_without_the_hashes_is_rejected_OID4VP_8_4()
    {
        var status = await RunAsync([Payment()], new WalletBehaviour { TransactionDataClaims = (_, _) => null });

        status["status"]!.GetValue<string>().Should().Be("rejected");
        Api.ErrorCodes(status).Should().Contain(TransactionDataErrorCodes.HashesMissing);
        status["credentials"]!.AsObject().Should().BeEmpty();
    }

    [Fact]
    public async Task A_hash_of_altered_transaction_data_is_rejected_OID4VP_B_3_3()
    {
        // The wallet signs a payment of 1250.00 instead of 12.50: its hash matches nothing the Verifier sent.
        var status = await RunAsync([Payment()], new WalletBehaviour
        {
            TransactionDataClaims = (request, _) =>
            {
                var altered = request.TransactionData[0].Content.DeepClone().AsObject();
                altered["amount"] = "1250.00";
                var encoded = System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(altered.ToJsonString()));
                return new JsonObject { ["transaction_data_hashes"] = new JsonArray(System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(encoded)))) };
            },
        });

        status["status"]!.GetValue<string>().Should().Be("rejected");
        Api.ErrorCodes(status).Should().Contain([TransactionDataErrorCodes.HashUnexpected, TransactionDataErrorCodes.HashesMissing]);
    }

    [Fact]
    public async Task An_extra_hash_beside_the_right_one_is_rejected_OID4VP_B_3_3()
    {
        var status = await RunAsync([Payment()], new WalletBehaviour
        {
            TransactionDataClaims = (request, _) => new JsonObject
            {
                ["transaction_data_hashes"] = new JsonArray(request.TransactionData[0].Hash("sha-256"), System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData("never requested"u8))),
            },
        });

        status["status"]!.GetValue<string>().Should().Be("rejected");
        Api.ErrorCodes(status).Should().Contain(TransactionDataErrorCodes.HashUnexpected);
    }

    [Fact]
    public async Task Hashes_with_an_algorithm_the_request_listed_are_accepted_OID4VP_B_3_3()
    {
        var status = await RunAsync([Payment(algorithms: new JsonArray("sha-384"))], new WalletBehaviour());

        status["status"]!.GetValue<string>().Should().Be("verified", status.ToJsonString());
    }

    [Fact]
    public async Task Without_transaction_data_hashes_alg_the_KB_JWT_of_a_request_that_listed_algorithms_is_rejected_OID4VP_B_3_3()
    {
        var status = await RunAsync([Payment(algorithms: new JsonArray("sha-256", "sha-384"))], new WalletBehaviour
        {
            TransactionDataClaims = (request, _) => new JsonObject { ["transaction_data_hashes"] = new JsonArray(request.TransactionData[0].Hash("sha-256")) },
        });

        status["status"]!.GetValue<string>().Should().Be("rejected");
        Api.ErrorCodes(status).Should().Contain(TransactionDataErrorCodes.HashAlgorithmMissing);
    }

    [Theory]
    [InlineData(null, "sha-512")]
    [InlineData("sha-384", "sha-512")]
    [InlineData("sha-384", "md5")]
    public async Task A_hash_algorithm_the_request_did_not_allow_is_rejected_OID4VP_B_3_3(string? requested, string used)
    {
        var status = await RunAsync([Payment(algorithms: requested is null ? null : new JsonArray(requested))], new WalletBehaviour
        {
            TransactionDataClaims = (request, _) => new JsonObject
            {
                ["transaction_data_hashes"] = new JsonArray(used == "md5" ? "AAAA" : request.TransactionData[0].Hash(used)),
                ["transaction_data_hashes_alg"] = used,
            },
        });

        status["status"]!.GetValue<string>().Should().Be("rejected");
        Api.ErrorCodes(status).Should().Contain(TransactionDataErrorCodes.HashAlgorithmNotAllowed);
    }

    [Theory]
    [InlineData("unknown_type", TransactionDataErrorCodes.UnknownType)]
    [InlineData("unknown_member", TransactionDataErrorCodes.InvalidMember)]
    [InlineData("missing_member", TransactionDataErrorCodes.InvalidMember)]
    [InlineData("number_amount", TransactionDataErrorCodes.InvalidMember)]
    [InlineData("no_credential_ids", TransactionDataErrorCodes.Malformed)]
    [InlineData("empty_credential_ids", TransactionDataErrorCodes.Malformed)]
    [InlineData("unknown_credential_id", TransactionDataErrorCodes.UnknownCredentialId)]
    [InlineData("unsupported_alg", TransactionDataErrorCodes.HashAlgorithmUnsupported)]
    [InlineData("not_an_object", TransactionDataErrorCodes.Malformed)]
    public async Task Transaction_data_that_no_wallet_could_accept_is_refused_at_creation_OID4VP_5_1_8_5(string defect, string code)
    {
        JsonNode item = Payment();
        switch (defect)
        {
            case "unknown_type": item["type"] = "urn:example:unknown"; break;
            case "unknown_member": item["iban"] = "DE00"; break;
            case "missing_member": item.AsObject().Remove("payee"); break;
            case "number_amount": item["amount"] = 12.5; break;
            case "no_credential_ids": item.AsObject().Remove("credential_ids"); break;
            case "empty_credential_ids": item["credential_ids"] = new JsonArray(); break;
            case "unknown_credential_id": item["credential_ids"] = new JsonArray("other"); break;
            case "unsupported_alg": item["transaction_data_hashes_alg"] = new JsonArray("md5"); break;
            case "not_an_object": item = JsonValue.Create("payment")!; break;
        }

        var body = Api.Body();
        body["transaction_data"] = new JsonArray(item);
        await ExpectRefusedAsync(body, code);
    }

    [Fact]
    public async Task A_query_without_holder_binding_cannot_carry_transaction_data_OID4VP_B_3_3()
    {
        var query = JsonNode.Parse(Api.PidQuery)!;
        query["credentials"]![0]!["require_cryptographic_holder_binding"] = false;
        var body = Api.Body(query: query.ToJsonString());
        body["transaction_data"] = new JsonArray(Payment());

        await ExpectRefusedAsync(body, TransactionDataErrorCodes.HolderBindingRequired);
    }

    [Fact]
    public async Task An_mdoc_query_cannot_carry_transaction_data_here_OID4VP_B_3_3()
    {
        var body = Api.Body(query: """{"credentials":[{"id":"pid_mdoc","format":"mso_mdoc","meta":{"doctype_value":"eu.europa.ec.eudi.pid.1"},"claims":[{"path":["eu.europa.ec.eudi.pid.1","family_name"]}]}]}""");
        body["transaction_data"] = new JsonArray(Payment("pid_mdoc"));

        await ExpectRefusedAsync(body, TransactionDataErrorCodes.FormatUnsupported);
    }

    [Fact]
    public async Task Transaction_data_that_is_not_a_non_empty_array_is_refused_OID4VP_5_1()
    {
        var body = Api.Body();
        body["transaction_data"] = new JsonArray();

        await ExpectRefusedAsync(body, "api.invalid_member");
    }

    private static async Task ExpectRefusedAsync(JsonObject body, string code)
    {
        using var app = new VerifierApp();
        using var api = app.ApiClient();
        var response = await api.PostAsJsonAsync("/api/presentations", body);
        var text = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, text);
        JsonNode.Parse(text)!["errors"]!.AsArray().Select(e => e!["code"]!.GetValue<string>()).Should().Contain(code, text);
    }

    private static async Task<JsonNode> RunAsync(JsonObject[] transactionData, WalletBehaviour behaviour)
    {
        using var app = new VerifierApp();
        using var api = app.ApiClient();
        var created = await Api.CreateAsync(api, Body("direct_post.jwt", transactionData));
        var run = await EndToEndTests.Wallet(app).RespondAsync(created["authorizationRequestUri"]!.GetValue<string>(), behaviour);

        run.Response.StatusCode.Should().Be(HttpStatusCode.OK, run.Body?.ToJsonString());
        return await Api.StatusAsync(api, created["transactionId"]!.GetValue<string>());
    }
}
