using System.Net;
using System.Text.RegularExpressions;

namespace Wallet.Issuer.Tests;

/// <summary>The development login page as a browser sees it: one form per person, with every field the form posts.</summary>
public sealed partial class LoginPage
{
    private LoginPage(HttpResponseMessage response, string html)
    {
        Response = response;
        Html = html;
    }

    public HttpResponseMessage Response { get; }

    public string Html { get; }

    /// <summary>Loads the authorization endpoint for <paramref name="requestUri"/>; the client keeps the cookies the page sets.</summary>
    public static async Task<LoginPage> OpenAsync(HttpClient http, string requestUri, string clientId)
    {
        var response = await http.GetAsync($"/authorize?client_id={Uri.EscapeDataString(clientId)}&request_uri={Uri.EscapeDataString(requestUri)}");
        return new LoginPage(response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The action and fields of the form that signs in as <paramref name="personId"/>, in document order.</summary>
    public (string Action, List<KeyValuePair<string, string>> Fields) FormFor(string personId)
    {
        foreach (Match form in FormPattern().Matches(Html))
        {
            var fields = InputPattern().Matches(form.Groups["body"].Value)
                .Select(i => KeyValuePair.Create(WebUtility.HtmlDecode(i.Groups["name"].Value), WebUtility.HtmlDecode(i.Groups["value"].Value)))
                .ToList();
            if (fields.Any(f => f.Key == "person_id" && f.Value == personId))
            {
                return (WebUtility.HtmlDecode(form.Groups["action"].Value), fields);
            }
        }

        throw new InvalidOperationException($"The login page has no form for '{personId}': {Html}");
    }

    /// <summary>Posts the form for <paramref name="personId"/> as the browser would, after <paramref name="change"/> edits its fields.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(HttpClient http, string personId, Action<List<KeyValuePair<string, string>>>? change = null)
    {
        var (action, fields) = FormFor(personId);
        change?.Invoke(fields);
        return await http.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("""<form[^>]*\saction="(?<action>[^"]*)"[^>]*>(?<body>.*?)</form>""", RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex("""<input[^>]*\sname="(?<name>[^"]*)"[^>]*\svalue="(?<value>[^"]*)"[^>]*>""", RegexOptions.Singleline)]
    private static partial Regex InputPattern();
}
