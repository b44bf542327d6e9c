using System.Net;
using System.Net.Http.Headers;

namespace Wallet.Verifier.Tests;

/// <summary>Serves Status List Tokens by URL, as the status list provider would; anything else is 404.</summary>
public sealed class StatusListHandler(IReadOnlyDictionary<string, string> tokens) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!tokens.TryGetValue(request.RequestUri!.AbsoluteUri, out var token))
        {
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));
        }

        var content = new StringContent(token);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/statuslist+jwt");
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
    }
}
