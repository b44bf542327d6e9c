using System.Net;
using System.Net.Http.Headers;

namespace Wallet.Core.Tests.TestSupport;

/// <summary>A transport double: answers each request URL from a table and counts the calls.</summary>
public sealed class StaticHttpHandler : HttpMessageHandler
{
    private readonly Dictionary<string, (string Body, string MediaType)> _responses = new(StringComparer.Ordinal);

    public int Requests { get; private set; }

    public StaticHttpHandler Serve(string url, string body, string mediaType = "application/json")
    {
        _responses[url] = (body, mediaType);
        return this;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests++;
        if (!_responses.TryGetValue(request.RequestUri!.ToString(), out var response))
        {
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));
        }

        var content = new StringContent(response.Body);
        content.Headers.ContentType = new MediaTypeHeaderValue(response.MediaType);
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
    }
}
