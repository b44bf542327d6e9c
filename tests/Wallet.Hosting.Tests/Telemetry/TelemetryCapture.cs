using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

namespace Wallet.Hosting.Tests.Telemetry;

/// <summary>
/// Everything the services' telemetry would send out of the process: the spans and metrics (through OpenTelemetry's
/// in-memory exporters, after the same instrumentation and redaction as the OTLP export) and the log lines.
/// </summary>
public sealed class TelemetryCapture
{
    public List<Activity> Spans { get; } = [];

    public List<Metric> Metrics { get; } = [];

    public List<string> Logs { get; } = [];

    /// <summary>Flushes the providers, then writes every span (name, source, status, tags, events, links), metric (name, description, unit, every point's tags) and log line as text.</summary>
    public string Dump(IServiceProvider services)
    {
        services.GetRequiredService<TracerProviderAccessor>().Flush();
        services.GetRequiredService<MeterProvider>().ForceFlush();
        var text = new StringBuilder();
        lock (Spans)
        {
            foreach (var span in Spans)
            {
                text.Append("span ").Append(span.Source.Name).Append(' ').Append(span.OperationName).Append(' ').Append(span.DisplayName).Append(' ').Append(span.StatusDescription).AppendLine();
                foreach (var tag in span.TagObjects)
                {
                    text.Append("  ").Append(tag.Key).Append('=').Append(tag.Value).AppendLine();
                }

                foreach (var item in span.Events)
                {
                    text.Append("  event ").Append(item.Name).AppendLine();
                    foreach (var tag in item.Tags)
                    {
                        text.Append("    ").Append(tag.Key).Append('=').Append(tag.Value).AppendLine();
                    }
                }

                foreach (var baggage in span.Baggage)
                {
                    text.Append("  baggage ").Append(baggage.Key).Append('=').Append(baggage.Value).AppendLine();
                }
            }
        }

        foreach (var metric in Metrics)
        {
            text.Append("metric ").Append(metric.MeterName).Append(' ').Append(metric.Name).Append(' ').Append(metric.Description).Append(' ').Append(metric.Unit).AppendLine();
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                foreach (var tag in point.Tags)
                {
                    text.Append("  ").Append(tag.Key).Append('=').Append(tag.Value).AppendLine();
                }
            }
        }

        lock (Logs)
        {
            Logs.ForEach(line => text.Append("log ").AppendLine(line));
        }

        return text.ToString();
    }

    /// <summary>The sum of counter <paramref name="name"/> over the points whose tags include every one of <paramref name="tags"/>.</summary>
    public long Sum(IServiceProvider services, string name, params (string Key, string Value)[] tags)
    {
        services.GetRequiredService<MeterProvider>().ForceFlush();
        long sum = 0;
        foreach (var metric in Metrics.Where(m => m.Name == name).TakeLast(1))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var pointTags = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var tag in point.Tags)
                {
                    pointTags[tag.Key] = tag.Value;
                }

                if (tags.All(t => pointTags.TryGetValue(t.Key, out var v) && Equals(v, t.Value)))
                {
                    sum += point.GetSumLong();
                }
            }
        }

        return sum;
    }

    /// <summary>Logs what the shipped appsettings.json lets through: Information, Microsoft.AspNetCore and EF Core from Warning.</summary>
    public void AddLogging(ILoggingBuilder logging)
    {
        logging.ClearProviders()
            .SetMinimumLevel(LogLevel.Information)
            .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
            .AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning)
            .AddProvider(new Provider(Logs));
    }

    /// <summary>Resolves the tracer provider lazily (it is registered as an implementation of TracerProvider).</summary>
    public sealed class TracerProviderAccessor(OpenTelemetry.Trace.TracerProvider provider)
    {
        public void Flush() => OpenTelemetry.Trace.TracerProviderExtensions.ForceFlush(provider);
    }

    private sealed class Provider(List<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, List<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var line = $"{category} {logLevel} {formatter(state, exception)} {exception}";
                if (state is IEnumerable<KeyValuePair<string, object?>> values)
                {
                    line += " " + string.Join(' ', values.Select(v => $"{v.Key}={v.Value}"));
                }

                lock (lines)
                {
                    lines.Add(line);
                }
            }
        }
    }
}
