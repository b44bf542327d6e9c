using Microsoft.Extensions.Options;
using Wallet.Core.Pid;
using Wallet.Hosting.Statistics;
using Wallet.Issuer.Options;
using Wallet.Issuer.Pid;
using Wallet.Issuer.Stores.Ef;

namespace Wallet.Issuer.Statistics;

/// <summary>
/// Counts the issuer's events into its usage counters (<c>specs/statistics.md</c>): the dimensions are worked out here,
/// from configuration and the register, and only they reach the counter — never the person's data.
/// </summary>
internal sealed class IssuerStatistics(UsageCounter<IssuerDbContext> counter, IIssuerDatabaseWrites writes, IssuerComposition composition, IOptions<IssuerOptions> options, IAuthenticSource register, TimeProvider time, IssuerMetrics metrics)
{
    /// <summary>The level of a login-based issuance: the authorization endpoint issues PID only at high.</summary>
    private const string LoginLevel = "high";

    /// <summary>An offer was created for the configurations <paramref name="configurationIds"/>.</summary>
    public ValueTask OfferCreatedAsync(IReadOnlyList<string> configurationIds)
    {
        var (type, format) = configurationIds.Count == 1 ? TypeOf(configurationIds[0]) : (UsageEvents.MultipleTypes, string.Empty);
        return CountAsync(new UsageEvent(UsageEvents.OfferCreated, type, format), 1);
    }

    /// <summary>
    /// <paramref name="count"/> credentials of <paramref name="configurationId"/> were issued to the subject
    /// <paramref name="pid"/>; the age band comes from the register's birth date, partial dates included.
    /// </summary>
    public async ValueTask IssuedAsync(string configurationId, string? personId, bool loggedIn, PersonIdentificationData pid, int count)
    {
        var usage = await IssuedEventAsync(configurationId, personId, loggedIn, pid).ConfigureAwait(false);
        await CountAsync(usage, count).ConfigureAwait(false);
        IssuedCommitted(usage, count);
    }

    /// <summary>Records the issuance metric of a <see cref="IssuedEventAsync"/> bucket whose count a caller's transaction committed.</summary>
    public void IssuedCommitted(UsageEvent usage, long count) => metrics.Issued(usage.CredentialType, usage.Format, (int)count);

    /// <summary>The bucket <see cref="IssuedAsync"/> counts into, for a caller that writes the count in its own transaction.</summary>
    public async ValueTask<UsageEvent> IssuedEventAsync(string configurationId, string? personId, bool loggedIn, PersonIdentificationData pid)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var birth = personId is not null && register is SqlitePersonRegister sqlite ? await sqlite.FindBirthDateAsync(personId).ConfigureAwait(false) : null;
        var band = birth is not null
            ? AgeBands.FromBirthDate(birth.Year, birth.Month, birth.Day, today)
            : AgeBands.FromBirthDate(pid.BirthDate.Year, pid.BirthDate.Month, pid.BirthDate.Day, today);
        var (type, format) = TypeOf(configurationId);
        return new UsageEvent(UsageEvents.CredentialIssued, type, format, LevelOfAssurance: loggedIn ? LoginLevel : UsageEvents.UnknownLevel, AgeBand: band);
    }

    /// <summary>The Credential Endpoint answered with the error <paramref name="errorCode"/>.</summary>
    public ValueTask FailedAsync(string errorCode)
    {
        metrics.CredentialRequestFailed(errorCode);
        return CountAsync(new UsageEvent(UsageEvents.IssuanceFailed, ErrorCode: errorCode), 1);
    }

    /// <summary>The counters of the UTC days <paramref name="from"/> to <paramref name="to"/>.</summary>
    public async ValueTask<IReadOnlyList<UsageCount>> ReadAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        composition.UsesDatabase ? await counter.ReadAsync(from, to, cancellationToken).ConfigureAwait(false) : [];

    /// <summary>Whether the counters live in the issuer database (without it — a host's own stores and register — there is nowhere to count).</summary>
    public bool CountsInDatabase => composition.UsesDatabase;

    /// <summary>Counts <paramref name="usage"/>; the upsert takes its turn in the issuer's write queue, like every other write to its database.</summary>
    public ValueTask CountAsync(UsageEvent usage, long count) => composition.UsesDatabase
        ? counter.CountAsync(usage, count, async upsert => await writes.RunAsync(async (db, _) => { await upsert(db).ConfigureAwait(false); return true; }, CancellationToken.None).ConfigureAwait(false))
        : ValueTask.CompletedTask;

    /// <summary>Counts <paramref name="usage"/> with the upsert run by <paramref name="run"/> (inside a caller's transaction); a failure is logged, not thrown.</summary>
    public ValueTask CountAsync(UsageEvent usage, long count, Func<Func<IssuerDbContext, Task>, ValueTask> run) => counter.CountAsync(usage, count, run);

    private (string Type, string Format) TypeOf(string configurationId) =>
        options.Value.CredentialConfigurations.TryGetValue(configurationId, out var configuration) ? (configurationId, configuration.Format) : (configurationId, string.Empty);
}
