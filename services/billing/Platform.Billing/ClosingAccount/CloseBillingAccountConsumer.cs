using Marten;
using MassTransit;
using Platform.Billing.Accounts;
using Platform.Contracts.Billing;
using Platform.Infrastructure.Messaging;

namespace Platform.Billing.ClosingAccount;

public sealed class CloseBillingAccountConsumer(IDocumentStore store, TimeProvider clock) : IdempotentConsumer<CloseBillingAccount>(store)
{
    protected override async Task Handle(ConsumeContext<CloseBillingAccount> context, IDocumentSession session)
    {
        var stream = await session.Events.FetchForWriting<Account>(context.Message.WorkspaceId, context.CancellationToken);
        stream.AppendMany(ClosingAccount.Decide(stream.Aggregate, context.Message, clock.GetUtcNow()));
    }
}
