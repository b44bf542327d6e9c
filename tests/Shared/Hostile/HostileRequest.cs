namespace Wallet.Tests.Hostile;

/// <summary>One request of the hostile suite: a name saying what is wrong with it, and the bytes to send.</summary>
public sealed record HostileRequest(string Name, string Method, string PathAndQuery, byte[]? Body, string? ContentType, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    /// <summary>
    /// The hostile part is something the endpoint does not read (a query parameter of a POST, a header it does not use),
    /// which it must ignore (RFC 6749 §3.1): any answer but a 5xx is right.
    /// </summary>
    public bool MayBeIgnored { get; init; }

    /// <summary>Builds the message; headers are added without validation so garbage reaches the server as sent.</summary>
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), PathAndQuery);
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        foreach (var (name, value) in Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        return message;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Method} {(PathAndQuery.Length > 120 ? PathAndQuery[..120] + "…" : PathAndQuery)}";
}
