using System.Net;
using System.Net.Http.Headers;

namespace Wallet.Core.Tests.StatusList;

/// <summary>A transport fake: answers every request with the configured response and records what was asked.</summary>
internal sealed class StubHttpHandler : HttpMessageHandler
{
    public Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Respond { get; set; } =
        (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));

    public List<HttpRequestMessage> Requests { get; } = [];

    public static HttpResponseMessage Ok(byte[] body, string? contentType)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        return Respond(request, cancellationToken);
    }
}
