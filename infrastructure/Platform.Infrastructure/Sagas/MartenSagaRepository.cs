using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MassTransit.Configuration;
using MassTransit.Context;
using MassTransit.Middleware;
using MassTransit.Saga;

namespace Platform.Infrastructure.Sagas;

/// <summary>
/// The Marten session of one saga step. State-machine activities write their domain events through it, so the
/// saga's new state and the events that carry its outgoing messages (published by the event-log outbox) commit
/// together or not at all.
/// </summary>
public sealed record SagaSession(IDocumentSession Session);

public static class MartenSagaRepositoryRegistration
{
    /// <summary>Persists the saga in the service's Marten store with optimistic concurrency on the saga document.</summary>
    public static ISagaRegistrationConfigurator<TSaga> MartenRepository<TSaga>(this ISagaRegistrationConfigurator<TSaga> configurator)
        where TSaga : class, ISaga
    {
        configurator.Repository(r =>
        {
            r.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureMarten, SagaDocumentMapping<TSaga>>());
            r.RegisterSagaRepository<TSaga, IDocumentSession, SagaConsumeContextFactory<IDocumentSession, TSaga>,
                MartenSagaRepositoryContextFactory<TSaga>>();
        });
        return configurator;
    }

    /// <summary>The session of the saga step being executed.</summary>
    public static IDocumentSession MartenSession(this PipeContext context) => context.GetPayload<SagaSession>().Session;

    sealed class SagaDocumentMapping<TSaga> : IConfigureMarten where TSaga : class, ISaga
    {
        public void Configure(IServiceProvider services, StoreOptions options) =>
            options.Schema.For<TSaga>().Identity(x => x.CorrelationId).UseOptimisticConcurrency(true);
    }
}

public sealed class MartenSagaRepositoryContextFactory<TSaga>(IDocumentStore store, ISagaConsumeContextFactory<IDocumentSession, TSaga> factory)
    : ISagaRepositoryContextFactory<TSaga>, IQuerySagaRepositoryContextFactory<TSaga>, ILoadSagaRepositoryContextFactory<TSaga>
    where TSaga : class, ISaga
{
    public async Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<TSaga, T>> next) where T : class
    {
        await using var session = store.LightweightSession();
        SetCausation(session, context);
        var repositoryContext = new MartenSagaRepositoryContext<TSaga, T>(session, context, factory);
        await next.Send(repositoryContext);
    }

    public async Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<TSaga> query, IPipe<SagaRepositoryQueryContext<TSaga, T>> next)
        where T : class
    {
        await using var session = store.LightweightSession();
        SetCausation(session, context);
        var repositoryContext = new MartenSagaRepositoryContext<TSaga, T>(session, context, factory);
        var instances = await session.Query<TSaga>().Where(query.FilterExpression).ToListAsync(context.CancellationToken);
        await next.Send(new LoadedSagaRepositoryQueryContext<TSaga, T>(repositoryContext, instances));
    }

    public async Task<T> Execute<T>(Func<QuerySagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken)
        where T : class
    {
        await using var session = store.QuerySession();
        return await asyncMethod(new MartenSagaQueryContext<TSaga>(session, cancellationToken));
    }

    public async Task<T> Execute<T>(Func<LoadSagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken)
        where T : class
    {
        await using var session = store.QuerySession();
        return await asyncMethod(new MartenSagaQueryContext<TSaga>(session, cancellationToken));
    }

    public void Probe(ProbeContext context) => context.Add("persistence", "marten");

    static void SetCausation(IDocumentSession session, ConsumeContext context)
    {
        session.CorrelationId = (context.CorrelationId ?? context.MessageId)?.ToString();
        session.CausationId = context.MessageId?.ToString();
    }
}

/// <summary>One message's view of the saga store; saving commits the saga state and the step's events together.</summary>
public sealed class MartenSagaRepositoryContext<TSaga, TMessage> : ConsumeContextScope<TMessage>, SagaRepositoryContext<TSaga, TMessage>
    where TSaga : class, ISaga
    where TMessage : class
{
    readonly IDocumentSession _session;
    readonly ISagaConsumeContextFactory<IDocumentSession, TSaga> _factory;

    public MartenSagaRepositoryContext(IDocumentSession session, ConsumeContext<TMessage> context,
        ISagaConsumeContextFactory<IDocumentSession, TSaga> factory)
        : base(context, new SagaSession(session))
    {
        _session = session;
        _factory = factory;
    }

    public Task<SagaConsumeContext<TSaga, T>> CreateSagaConsumeContext<T>(ConsumeContext<T> consumeContext, TSaga instance,
        SagaConsumeContextMode mode) where T : class =>
        _factory.CreateSagaConsumeContext(_session, consumeContext, instance, mode);

    public Task<SagaConsumeContext<TSaga, TMessage>> Add(TSaga instance) =>
        _factory.CreateSagaConsumeContext(_session, this, instance, SagaConsumeContextMode.Add);

    public async Task<SagaConsumeContext<TSaga, TMessage>> Insert(TSaga instance)
    {
        _session.Insert(instance);
        await _session.SaveChangesAsync(CancellationToken);
        return await _factory.CreateSagaConsumeContext(_session, this, instance, SagaConsumeContextMode.Insert);
    }

    public async Task<SagaConsumeContext<TSaga, TMessage>> Load(Guid correlationId)
    {
        var instance = await _session.LoadAsync<TSaga>(correlationId, CancellationToken);
        return instance is null
            ? null!
            : await _factory.CreateSagaConsumeContext(_session, this, instance, SagaConsumeContextMode.Load);
    }

    public Task Save(SagaConsumeContext<TSaga> context)
    {
        _session.Insert(context.Saga);
        return _session.SaveChangesAsync(CancellationToken);
    }

    public Task Update(SagaConsumeContext<TSaga> context)
    {
        // The version read in Load is checked by Marten: a concurrent step makes this throw ConcurrencyException,
        // and the message is retried against the newer state.
        _session.Update(context.Saga);
        return _session.SaveChangesAsync(CancellationToken);
    }

    public Task Delete(SagaConsumeContext<TSaga> context)
    {
        _session.Delete(context.Saga);
        return _session.SaveChangesAsync(CancellationToken);
    }

    public Task Discard(SagaConsumeContext<TSaga> context) => Task.CompletedTask;

    public Task Undo(SagaConsumeContext<TSaga> context) => Task.CompletedTask;
}

sealed class MartenSagaQueryContext<TSaga>(IQuerySession session, CancellationToken cancellationToken)
    : BasePipeContext(cancellationToken), QuerySagaRepositoryContext<TSaga>, LoadSagaRepositoryContext<TSaga>
    where TSaga : class, ISaga
{
    public async Task<TSaga> Load(Guid correlationId) => (await session.LoadAsync<TSaga>(correlationId, CancellationToken))!;

    public async Task<SagaRepositoryQueryContext<TSaga>> Query(ISagaQuery<TSaga> query, CancellationToken cancellationToken)
    {
        var ids = await session.Query<TSaga>().Where(query.FilterExpression).Select(x => x.CorrelationId).ToListAsync(cancellationToken);
        return new DefaultSagaRepositoryQueryContext<TSaga>(this, ids.ToList());
    }
}
