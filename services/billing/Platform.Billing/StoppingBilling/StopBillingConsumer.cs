using Marten;
using MassTransit;
using Platform.Billing.Accounts;
using Platform.Contracts.Billing;
using Platform.Infrastructure.Messaging;

namespace Platform.Billing.StoppingBilling;

public sealed class StopBillingConsumer(IDocumentStore store, TimeProvider clock) : IdempotentConsumer<StopBilling>(store)
{
    protected override async Task Handle(ConsumeContext<StopBilling> context, IDocumentSession session)
    {
        var stream = await session.Events.FetchForWriting<Account>(context.Message.WorkspaceId, context.CancellationToken);
        stream.AppendOne(StoppingBilling.Decide(stream.Aggregate, context.Message, clock.GetUtcNow()));
    }
}
