using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Wallet.Cli.Tests;

/// <summary>A small HTTP server on 127.0.0.1 with a random port that serves fixed responses, for status list fetches.</summary>
public sealed class LoopbackServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, (string ContentType, byte[] Body)> _routes = new(StringComparer.Ordinal);

    public LoopbackServer()
    {
        BaseUri = new Uri($"http://127.0.0.1:{FreePort()}/");
        _listener.Prefixes.Add(BaseUri.ToString());
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public Uri BaseUri { get; }

    /// <summary>The URL <paramref name="path"/> is served at; what it serves is set with <see cref="Serve"/>.</summary>
    public Uri UrlOf(string path) => new(BaseUri, path);

    public void Serve(string path, string contentType, byte[] body) => _routes["/" + path.TrimStart('/')] = (contentType, body);

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var response = context.Response;
            if (_routes.TryGetValue(context.Request.Url!.AbsolutePath, out var route))
            {
                response.ContentType = route.ContentType;
                response.ContentLength64 = route.Body.Length;
                await response.OutputStream.WriteAsync(route.Body);
            }
            else
            {
                response.StatusCode = 404;
            }
        }
    }
}
