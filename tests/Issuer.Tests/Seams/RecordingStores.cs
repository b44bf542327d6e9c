using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Microsoft.EntityFrameworkCore;
using Wallet.Core.OAuth;
using Wallet.Core.StatusList;
using Wallet.Issuer.Stores;
using Wallet.Issuer.Stores.Ef;

namespace Wallet.Issuer.Tests.Seams;

/// <summary>A host's own stores: every call is recorded, then served by a database the host manages.</summary>
public sealed class RecordingStores : IIssuerStores
{
    public RecordingStores(IDbContextFactory<IssuerDbContext> database)
    {
        var writes = new SqliteWriteQueue(database);
        var authorization = new EfAuthorizationStores(database, writes);
        Offers = Recording.Wrap<IOfferStore>(new EfOfferStore(database, writes), Calls);
        PushedAuthorizationRequests = Recording.Wrap<IPushedAuthorizationRequestStore>(authorization, Calls);
        AuthorizationCodes = Recording.Wrap<IAuthorizationCodeStore>(authorization, Calls);
        AccessTokens = Recording.Wrap<IAccessTokenStore>(new EfAccessTokenStore(database, writes), Calls);
        RefreshTokens = Recording.Wrap<IRefreshTokenStore>(new EfRefreshTokenStore(database, writes), Calls);
        Nonces = Recording.Wrap<INonceStore>(new EfNonceStore(writes), Calls);
        DpopReplayCache = Recording.Wrap<IDpopReplayCache>(new EfDpopReplayCache(writes), Calls);
        IssuedCredentials = Recording.Wrap<IIssuedCredentialStore>(new EfIssuedCredentialStore(database, writes), Calls);
        DeferredIssuances = Recording.Wrap<IDeferredIssuanceStore>(new EfDeferredIssuanceStore(database, writes), Calls);
        StatusLists = Recording.Wrap<IStatusListStore>(new EfStatusListStore(database, writes), Calls);
        ExpiredStateSweeper = Recording.Wrap<IExpiredStateSweeper>(new EfExpiredStateSweeper(writes), Calls);
        AuditTrail = Recording.Wrap<IAuditTrail>(new EfAuditTrail(database, writes), Calls);
    }

    /// <summary>"Interface.Method" of every call, in order.</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    public IOfferStore Offers { get; }

    public IPushedAuthorizationRequestStore PushedAuthorizationRequests { get; }

    public IAuthorizationCodeStore AuthorizationCodes { get; }

    public IAccessTokenStore AccessTokens { get; }

    public IRefreshTokenStore RefreshTokens { get; }

    public INonceStore Nonces { get; }

    public IDpopReplayCache DpopReplayCache { get; }

    public IIssuedCredentialStore IssuedCredentials { get; }

    public IDeferredIssuanceStore DeferredIssuances { get; }

    public IStatusListStore StatusLists { get; }

    public IExpiredStateSweeper ExpiredStateSweeper { get; }

    public IAuditTrail AuditTrail { get; }
}

/// <summary>Records the calls on an interface and forwards them.</summary>
public static class Recording
{
    public static T Wrap<T>(T inner, ConcurrentQueue<string> calls)
        where T : class
    {
        var proxy = DispatchProxy.Create<T, RecordingProxy<T>>();
        ((RecordingProxy<T>)(object)proxy).Attach(inner, calls);
        return proxy;
    }
}

/// <summary>The proxy behind <see cref="Recording.Wrap{T}"/>.</summary>
public class RecordingProxy<T> : DispatchProxy
    where T : class
{
    private T _inner = null!;
    private ConcurrentQueue<string> _calls = null!;

    internal void Attach(T inner, ConcurrentQueue<string> calls)
    {
        _inner = inner;
        _calls = calls;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        _calls.Enqueue(typeof(T).Name + "." + targetMethod.Name);
        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }
}
