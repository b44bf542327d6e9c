using System.Net;
using System.Text;

namespace Wallet.Verifier.Tests;

/// <summary>Arbitrary input to every endpoint is answered with a 4xx, never a 500.</summary>
public sealed class GarbageTests
{
    public static TheoryData<string, string, string?, string> Requests()
    {
        var data = new TheoryData<string, string, string?, string>();
        string[] paths = ["/api/presentations", "/api/presentations/abc", "/api/presentations/abc/events", "/oid4vp/request/abc", "/oid4vp/response/abc", "/oid4vp/request/" + new string('x', 300), "/oid4vp/response/%FF%FE%20x"];
        (string? Type, string Body)[] bodies =
        [
            (null, string.Empty),
            ("application/json", "{"),
            ("application/json", "{\"dcql_query\":" + new string('[', 200) + "}"),
            ("application/x-www-form-urlencoded", "response=%%%&&=="),
            ("application/x-www-form-urlencoded", "vp_token=1&vp_token=2"),
            ("application/x-www-form-urlencoded", "response=a.b.c.d.e"),
            ("application/x-www-form-urlencoded", "vp_token=" + Uri.EscapeDataString("{\"pid\":[\"a~b~c\"]}")),
            ("application/x-www-form-urlencoded; charset=latin1", "x=1"),
            ("text/plain", "\u0000\u0001garbage"),
            ("multipart/form-data; boundary=x", "--x\r\n\r\n--x--"),
        ];
        foreach (var path in paths)
        {
            foreach (var method in (string[])["GET", "POST", "PUT", "DELETE"])
            {
                foreach (var (type, body) in bodies)
                {
                    data.Add(method, path, type, body);
                }
            }
        }

        return data;
    }

    [Fact]
    public async Task Garbage_to_every_endpoint_never_yields_a_server_error()
    {
        using var app = new VerifierApp();
        using var api = app.ApiClient();
        var failures = new List<string>();
        foreach (var row in Requests())
        {
            var (method, path, type, body) = ((string)row[0], (string)row[1], (string?)row[2], (string)row[3]);
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method is "POST" or "PUT")
            {
                request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
                if (type is not null)
                {
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
                }
            }

            var response = await api.SendAsync(request);
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{method} {path} [{type}] → {(int)response.StatusCode}");
            }
        }

        failures.Should().BeEmpty();
    }

    [Fact]
    public async Task Garbage_to_the_response_endpoint_of_a_live_transaction_leaves_it_pending()
    {
        using var app = new VerifierApp();
        using var api = app.ApiClient();
        var created = await Api.CreateAsync(api, Api.Body());
        var responseUri = created["requestUri"]!.GetValue<string>().Replace("/request/", "/response/", StringComparison.Ordinal);
        using var wallet = app.WalletClient();
        string[] bodies = ["response=abc", "response=a.b.c.d.e", "error=" + Uri.EscapeDataString("\"quoted\""), "state=x", string.Empty];

        foreach (var body in bodies)
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded");
            var response = await wallet.PostAsync(responseUri, content);
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, body);
        }

        (await Api.StatusAsync(api, created["transactionId"]!.GetValue<string>()))["status"]!.GetValue<string>().Should().Be("pending");
    }
}
