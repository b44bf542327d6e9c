// The Web SDK's implicit usings cover some of these; Wallet.Cli, which links this file for `wallet demo`, has none.
#pragma warning disable IDE0005
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
#pragma warning restore IDE0005

namespace Wallet.Hosting;

/// <summary>
/// What the Issuer and the Verifier hosts do the same way, so this file is linked into both (and into <c>wallet demo</c>,
/// which hosts them in-process): where the settings are found, how errors are answered, and how a configuration error
/// ends the process.
/// </summary>
public static class ServiceHost
{
    /// <summary>The exit code of a configuration error (<c>EX_CONFIG</c> of sysexits.h).</summary>
    public const int ConfigurationErrorExitCode = 78;

    /// <summary>
    /// The application's base directory as content root: <c>appsettings*.json</c> are copied next to the dll, so they are
    /// found whatever the working directory (<c>dotnet src/Issuer/bin/…/Issuer.dll</c> from the repository root included).
    /// </summary>
    public static WebApplicationOptions Options(string[] args) => new() { Args = args, ContentRootPath = AppContext.BaseDirectory };

    /// <summary>
    /// Answers an unhandled exception with an RFC 9457 problem (status 500, no exception text, stack or headers) and gives an
    /// empty-bodied 4xx/5xx (unknown route, wrong method) a problem body. Placed first, so it also replaces the developer
    /// exception page that a Development host gets by default.
    /// </summary>
    public static IApplicationBuilder UseProblemResponses(this IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    /// <summary>
    /// When the service is the process (its assembly is the entry assembly), runs every <c>ValidateOnStart</c> options
    /// validation before the host starts; on failure prints each failing setting once to <paramref name="error"/>, without
    /// a stack trace, and returns false: the caller exits with <see cref="ConfigurationErrorExitCode"/>. Hosted by another
    /// entry point (WebApplicationFactory, an embedding application) it returns true and leaves the failure to the host's
    /// start, which throws it to that caller as usual.
    /// </summary>
    public static bool TryValidateConfiguration(IServiceProvider services, System.Reflection.Assembly service, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(error);
        if (System.Reflection.Assembly.GetEntryAssembly() != service)
        {
            return true;
        }

        IReadOnlyList<string> failures;
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return true;
        }
        catch (OptionsValidationException e)
        {
            failures = e.Failures.ToArray();
        }
        catch (AggregateException e) when (e.InnerExceptions.All(inner => inner is OptionsValidationException))
        {
            failures = e.InnerExceptions.Cast<OptionsValidationException>().SelectMany(inner => inner.Failures).ToArray();
        }

        error.WriteLine("The service did not start: its configuration is invalid.");
        foreach (var failure in failures.Distinct(StringComparer.Ordinal))
        {
            error.WriteLine($"  configuration error: {failure}");
        }

        error.WriteLine("Settings come from appsettings.json next to the executable, appsettings.{Environment}.json, environment variables (Section__Name) and --Section:Name=value arguments.");
        return false;
    }
}
