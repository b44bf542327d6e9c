using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Wallet.Issuer.Options;

/// <summary>
/// Once the server listens, warns when no listening address has the scheme and port of <see cref="IssuerOptions.IssuerUrl"/>:
/// the metadata, the offers and every token then name an address this process does not serve (e.g. the Development
/// <c>https://localhost:5001</c> on a server started with <c>--urls http://localhost:8080</c>). Only a warning, because a
/// reverse proxy in front of the Issuer makes the difference legitimate.
/// </summary>
internal sealed partial class IssuerUrlListenCheck(IServer server, IHostApplicationLifetime lifetime, IOptions<IssuerOptions> options, ILogger<IssuerUrlListenCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Check);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>True when one of <paramref name="addresses"/> (as the server reports them) has the scheme and port of <paramref name="issuerUrl"/>.</summary>
    public static bool Agrees(Uri issuerUrl, IEnumerable<string> addresses)
    {
        ArgumentNullException.ThrowIfNull(issuerUrl);
        ArgumentNullException.ThrowIfNull(addresses);
        foreach (var address in addresses)
        {
            BindingAddress parsed;
            try
            {
                parsed = BindingAddress.Parse(address);
            }
            catch (FormatException)
            {
                continue;
            }

            if (string.Equals(parsed.Scheme, issuerUrl.Scheme, StringComparison.OrdinalIgnoreCase) && parsed.Port == issuerUrl.Port)
            {
                return true;
            }
        }

        return false;
    }

    private void Check()
    {
        // TestServer and hosts that do not report their addresses: nothing to compare.
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses;
        if (addresses is null || addresses.Count == 0 || !Uri.TryCreate(options.Value.IssuerUrl, UriKind.Absolute, out var issuerUrl))
        {
            return;
        }

        if (!Agrees(issuerUrl, addresses))
        {
            LogMismatch(logger, options.Value.IssuerUrl, string.Join(", ", addresses));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Issuer:IssuerUrl is {IssuerUrl}, but this server listens on {Addresses}: the metadata, offers and tokens name an address it does not serve. Unless a reverse proxy forwards {IssuerUrl} here, set Issuer__IssuerUrl or --urls so that they agree.")]
    private static partial void LogMismatch(ILogger logger, string issuerUrl, string addresses);
}
