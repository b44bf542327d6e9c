using System.Collections.Concurrent;
using System.Net;

namespace Wallet.Hosting.Tests;

/// <summary>
/// A load balancer in front of two instances of the agency app (issue 12): sends each request to the instance
/// <see cref="Route"/> names, records who answered what, and, for the requests <see cref="RaceWhen"/> picks, sends the
/// same request to both instances at once (a wallet retrying through another instance, or an attacker replaying) and
/// records both answers.
/// </summary>
public sealed class InstanceRouter(AgencyHost a, AgencyHost b, Func<HttpRequestMessage, int> route) : HttpMessageHandler
{
    private readonly HttpMessageInvoker[] _instances = [new(a.CreateHandler()), new(b.CreateHandler())];

    /// <summary>Which instance (0 = A, 1 = B) takes a request.</summary>
    public Func<HttpRequestMessage, int> Route { get; set; } = route;

    /// <summary>Changes a request before it is routed (e.g. re-signs a DPoP proof); null leaves it alone.</summary>
    public Func<HttpRequestMessage, string?, Task>? Rewrite { get; set; }

    /// <summary>Requests (with their body) sent to both instances at once; the caller gets the answer of the routed instance.</summary>
    public Func<HttpRequestMessage, string?, bool>? RaceWhen { get; set; }

    /// <summary>Prepares the copy for instance <c>i</c> of a raced request (e.g. a DPoP proof with its own <c>jti</c>).</summary>
    public Action<HttpRequestMessage, int>? PrepareCopy { get; set; }

    /// <summary>Every answer: instance, method, path, status.</summary>
    public ConcurrentQueue<(int Instance, string Method, string Path, HttpStatusCode Status)> Served { get; } = new();

    /// <summary>The answers of both instances to each raced request.</summary>
    public ConcurrentQueue<(int Instance, HttpStatusCode Status, string Body)> RaceOutcomes { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var text = body is null ? null : System.Text.Encoding.UTF8.GetString(body);
        if (Rewrite is not null)
        {
            await Rewrite(request, text);
            body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            text = body is null ? null : System.Text.Encoding.UTF8.GetString(body);
        }

        var routed = Route(request);
        if (RaceWhen?.Invoke(request, text) != true)
        {
            return await SendToAsync(routed, Copy(request, body), cancellationToken);
        }

        var copies = new[] { Copy(request, body), Copy(request, body) };
        for (var i = 0; i < 2; i++)
        {
            PrepareCopy?.Invoke(copies[i], i);
        }

        using var start = new ManualResetEventSlim();
        var sends = Enumerable.Range(0, 2).Select(i => Task.Run(
            async () =>
            {
                start.Wait(cancellationToken);
                return await SendToAsync(i, copies[i], cancellationToken);
            },
            cancellationToken)).ToArray();
        start.Set();
        var answers = await Task.WhenAll(sends);
        for (var i = 0; i < 2; i++)
        {
            RaceOutcomes.Enqueue((i, answers[i].StatusCode, await answers[i].Content.ReadAsStringAsync(cancellationToken)));
        }

        answers[1 - routed].Dispose();
        return answers[routed];
    }

    private async Task<HttpResponseMessage> SendToAsync(int instance, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await _instances[instance].SendAsync(request, cancellationToken);
        Served.Enqueue((instance, request.Method.Method, request.RequestUri!.AbsolutePath, response.StatusCode));
        return response;
    }

    private static HttpRequestMessage Copy(HttpRequestMessage request, byte[]? body)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version };
        foreach (var (name, values) in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(name, values);
        }

        if (body is not null)
        {
            copy.Content = new ByteArrayContent(body);
            foreach (var (name, values) in request.Content!.Headers)
            {
                copy.Content.Headers.TryAddWithoutValidation(name, values);
            }
        }

        return copy;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var instance in _instances)
            {
                instance.Dispose();
            }
        }

        base.Dispose(disposing);
    }
}
