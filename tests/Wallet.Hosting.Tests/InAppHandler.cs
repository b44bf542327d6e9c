using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Wallet.Hosting.Tests;

/// <summary>
/// Sends a service's outgoing requests (the Verifier fetching the issuer's status lists) to the app itself. The
/// TestServer's handler exists only once the server has started, later than the Verifier builds its client.
/// </summary>
public sealed class InAppHandler(IServiceProvider services) : HttpMessageHandler
{
    private HttpMessageInvoker? _inner;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _inner ??= new HttpMessageInvoker(((TestServer)services.GetRequiredService<IServer>()).CreateHandler());
        return _inner.SendAsync(request, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner?.Dispose();
        }

        base.Dispose(disposing);
    }
}
