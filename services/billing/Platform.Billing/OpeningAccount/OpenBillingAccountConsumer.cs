using Marten;
using MassTransit;
using Platform.Billing.Accounts;
using Platform.Contracts.Billing;
using Platform.Infrastructure.Messaging;

namespace Platform.Billing.OpeningAccount;

public sealed class OpenBillingAccountConsumer(IDocumentStore store, BillingOptions options, TimeProvider clock)
    : IdempotentConsumer<OpenBillingAccount>(store)
{
    protected override async Task Handle(ConsumeContext<OpenBillingAccount> context, IDocumentSession session)
    {
        var stream = await session.Events.FetchForWriting<Account>(context.Message.WorkspaceId, context.CancellationToken);
        stream.AppendMany(OpeningAccount.Decide(stream.Aggregate, context.Message, options, clock.GetUtcNow()));
    }
}
