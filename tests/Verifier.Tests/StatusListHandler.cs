using System.Net;
using System.Net.Http.Headers;

namespace Wallet.Verifier.Tests;

/// <summary>Serves Status List Tokens by URL, as the status list provider would: JWTs, and CWTs when given; anything else is 404.</summary>
public sealed class StatusListHandler(IReadOnlyDictionary<string, string> tokens, IReadOnlyDictionary<string, byte[]>? cwtTokens = null) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpContent content;
        if (tokens.TryGetValue(request.RequestUri!.AbsoluteUri, out var token))
        {
            content = new StringContent(token);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/statuslist+jwt");
        }
        else if (cwtTokens is not null && cwtTokens.TryGetValue(request.RequestUri.AbsoluteUri, out var cwt))
        {
            content = new ByteArrayContent(cwt);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/statuslist+cwt");
        }
        else
        {
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));
        }

        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
    }
}
