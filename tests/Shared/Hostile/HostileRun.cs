namespace Wallet.Tests.Hostile;

/// <summary>Sends an endpoint's hostile requests and collects every wrong answer.</summary>
public static class HostileRun
{
    /// <summary>Sends every hostile request of <paramref name="endpoint"/>, one after another.</summary>
    public static async Task<(int Sent, List<string> Failures)> SendAsync(HttpClient http, HostileEndpoint endpoint, IReadOnlyList<KeyValuePair<string, string>>? credentials)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(endpoint);
        var failures = new List<string>();
        var sent = 0;
        foreach (var request in HostileRequests.For(endpoint, credentials))
        {
            sent++;
            using var message = request.ToMessage();
            using var response = await http.SendAsync(message).ConfigureAwait(false);
            if (await HostileResponse.CheckAsync(request, response, endpoint.Body).ConfigureAwait(false) is { } failure)
            {
                failures.Add($"{request}: {failure}");
            }
        }

        return (sent, failures);
    }
}
