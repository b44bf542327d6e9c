using System.Net;
using System.Net.Http.Headers;

namespace Wallet.Client;

/// <summary>An HTTP answer with its body read within the size limit.</summary>
internal sealed record WalletHttpResponse(HttpStatusCode StatusCode, HttpResponseHeaders Headers, string? MediaType, string Body)
{
    public bool IsSuccess => (int)StatusCode is >= 200 and < 300;
}
