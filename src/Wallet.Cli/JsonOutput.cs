using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wallet.Cli;

/// <summary>Writes the JSON results of commands: indented, with non-ASCII text kept readable.</summary>
internal static class JsonOutput
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,

        // Output goes to a terminal or a file, never into HTML, so names like "Müller" stay as written.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string ToText(JsonNode? node) => node?.ToJsonString(Options) ?? "null";

    public static void Write(TextWriter writer, JsonNode? node)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(ToText(node));
    }

    /// <summary>Parses a JSON object given by the user; malformed JSON is a usage error naming the source.</summary>
    public static JsonObject ParseObject(string json, string described)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 32, AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            throw new UsageException($"The {described} is not valid JSON: {e.Message}");
        }

        return node as JsonObject ?? throw new UsageException($"The {described} must be a JSON object.");
    }
}
