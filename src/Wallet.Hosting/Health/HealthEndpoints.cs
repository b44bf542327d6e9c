using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Wallet.Hosting.Health;

/// <summary>
/// <c>/health/live</c> (the process answers; no check runs) and <c>/health/ready</c> (every check tagged
/// <see cref="ReadyTag"/>: databases reachable, signing keys usable), shared by both services. An app that embeds both at
/// the same path gets the endpoints once; readiness then covers both, which is what an orchestrator probing the app wants.
/// </summary>
internal static class HealthEndpoints
{
    /// <summary>The tag of the checks <c>/health/ready</c> runs.</summary>
    public const string ReadyTag = "ready";

    private static readonly ConditionalWeakTable<IEndpointRouteBuilder, HashSet<string>> Mapped = [];

    public static void Map(IEndpointRouteBuilder routes, string basePath)
    {
        var mapped = Mapped.GetOrCreateValue(routes);
        lock (mapped)
        {
            if (!mapped.Add(basePath))
            {
                return;
            }
        }

        // Probes are not part of any API document; they answer no-store so no cache hides a change of state.
        routes.MapHealthChecks(basePath + "/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).ExcludeFromDescription();
        routes.MapHealthChecks(basePath + "/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync }).ExcludeFromDescription();
    }

    /// <summary>
    /// The overall status and each check's status and description. Descriptions are the checks' own sentences; exception
    /// texts are never written, only their type, as they may name paths or connection details.
    /// </summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        var body = new Dictionary<string, object?>
        {
            ["status"] = report.Status.ToString(),
            ["checks"] = report.Entries.ToDictionary(e => e.Key, e => new Dictionary<string, object?> { ["status"] = e.Value.Status.ToString(), ["description"] = e.Value.Exception is { } failure ? "The check failed: " + failure.GetType().Name : e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body), context.RequestAborted);
    }
}
