using Platform.Infrastructure.Messaging;
using Platform.Infrastructure.Persistence;
using Platform.Infrastructure.Tests.Hosting;

namespace Platform.Infrastructure.Tests.Inbox;

public sealed record VisitCounted
{
    public Guid CounterId { get; init; }
}

public sealed record VisitCounter(Guid Id, int Visits);

/// <summary>One row per effective handling, so a message handled twice shows up twice even when the counter races.</summary>
public sealed record Visit(Guid Id, Guid CounterId, Guid MessageId);

public sealed class VisitCountedConsumer(IDocumentStore store) : IdempotentConsumer<VisitCounted>(store)
{
    protected override async Task Handle(ConsumeContext<VisitCounted> context, IDocumentSession session)
    {
        var counter = await session.LoadAsync<VisitCounter>(context.Message.CounterId, context.CancellationToken)
                      ?? new VisitCounter(context.Message.CounterId, 0);
        // Both copies of a duplicate are inside Handle together, past the inbox check, before either commits.
        await Task.Delay(TimeSpan.FromMilliseconds(300), context.CancellationToken);
        session.Store(counter with { Visits = counter.Visits + 1 });
        session.Insert(new Visit(Guid.NewGuid(), context.Message.CounterId, context.MessageId!.Value));
    }
}

public sealed class InboxService() : ServiceFixture("inbox-visits");

public sealed class InboxTests(InboxService fixture) : IClassFixture<InboxService>, IAsyncLifetime
{
    static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    readonly TestService _service = fixture.Service;
    WebApplication _app = null!;

    public async Task InitializeAsync() => _app = await _service.StartAsync(s => s
        .Store(o =>
        {
            o.Schema.For<VisitCounter>();
            o.Schema.For<Visit>();
        })
        .Messaging(x => x.AddConsumer<VisitCountedConsumer>().Endpoint(e =>
        {
            e.ConcurrentMessageLimit = 4;
            e.PrefetchCount = 8;
        })));

    public Task DisposeAsync() => _app.StopAndDisposeAsync();

    [Fact]
    public async Task GivenAMessagePublishedThreeTimesWithTheSameId_WhenAllCopiesAreConsumed_ThenItsEffectHappensOnce()
    {
        var counterId = Guid.NewGuid();
        var messageId = Guid.NewGuid();
        var bus = _app.Services.GetRequiredService<IBus>();
        var log = _app.Services.GetRequiredService<DeliveryLog>();
        await _app.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(20));

        await Task.WhenAll(
            bus.Publish(new VisitCounted { CounterId = counterId }, c => c.MessageId = messageId),
            bus.Publish(new VisitCounted { CounterId = counterId }, c => c.MessageId = messageId));

        await Eventually.Until(() => Task.FromResult(log.Consumed<VisitCounted>(messageId)), n => n == 2, Deadline,
            "both concurrent copies to be consumed");
        await bus.Publish(new VisitCounted { CounterId = counterId }, c => c.MessageId = messageId);
        await Eventually.Until(() => Task.FromResult(log.Consumed<VisitCounted>(messageId)), n => n == 3, Deadline,
            "the late copy to be consumed");

        var store = _app.Services.GetRequiredService<IDocumentStore>();
        await using var query = store.QuerySession();
        var counter = await query.LoadAsync<VisitCounter>(counterId);
        var visits = await query.Query<Visit>().Where(v => v.CounterId == counterId).ToListAsync();
        var inbox = await query.LoadAsync<InboxEntry>($"{nameof(VisitCountedConsumer)}/{messageId:N}");
        Assert.Equal(1, counter?.Visits);
        Assert.Equal([messageId], visits.Select(v => v.MessageId));
        Assert.NotNull(inbox);
    }

    [Fact]
    public async Task GivenTwoMessagesWithDifferentIds_WhenConsumed_ThenBothHaveTheirEffect()
    {
        var counterId = Guid.NewGuid();
        var bus = _app.Services.GetRequiredService<IBus>();
        var log = _app.Services.GetRequiredService<DeliveryLog>();
        var store = _app.Services.GetRequiredService<IDocumentStore>();
        await _app.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(20));

        await bus.Publish(new VisitCounted { CounterId = counterId });
        await Eventually.Until(() => Task.FromResult(log.Consumed<VisitCounted>()), n => n == 1, Deadline, "the first visit");
        await bus.Publish(new VisitCounted { CounterId = counterId });

        var counter = await Eventually.Until(async () =>
        {
            await using var query = store.QuerySession();
            return await query.LoadAsync<VisitCounter>(counterId);
        }, c => c?.Visits == 2, Deadline, "two visits counted");
        Assert.Equal(2, counter!.Visits);
    }
}
