namespace Wallet.Tests.Instances;

/// <summary>
/// A round-robin balancer for the load drivers (issue 12, "--instances 2"): requests addressed to <paramref name="logical"/>
/// go to the instances' loopback addresses in turn, one request each, so consecutive steps of one wallet land on
/// different instances (a DPoP nonce, c_nonce or request object from one is used at the other).
/// </summary>
public sealed class AlternatingHandler(Uri logical, IReadOnlyList<Uri> instances, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private long _next = -1;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri && uri.AbsoluteUri.StartsWith(logical.AbsoluteUri, StringComparison.Ordinal))
        {
            var instance = instances[(int)((ulong)Interlocked.Increment(ref _next) % (ulong)instances.Count)];
            request.RequestUri = new Uri(instance, uri.AbsoluteUri[logical.AbsoluteUri.Length..]);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
