using Marten;
using MassTransit;
using Platform.Billing.Accounts;
using Platform.Contracts.Billing;
using Platform.Infrastructure.Messaging;

namespace Platform.Billing.OpeningAccount;

public sealed class OpenBillingAccountConsumer(IDocumentStore store, BillingOptions options, TimeProvider clock,
    ILogger<OpenBillingAccountConsumer> logger)
    : IdempotentConsumer<OpenBillingAccount>(store)
{
    protected override async Task Handle(ConsumeContext<OpenBillingAccount> context, IDocumentSession session)
    {
        var stream = await session.Events.FetchForWriting<Account>(context.Message.WorkspaceId, context.CancellationToken);
        var decided = OpeningAccount.Decide(stream.Aggregate, context.Message, options, clock.GetUtcNow()).ToList();
        stream.AppendMany(decided);
        if (decided.Count > 0)
            logger.LogInformation("Billing account of workspace {WorkspaceId}: {Events}", context.Message.WorkspaceId,
                string.Join(", ", decided.Select(e => e.GetType().Name)));
    }
}
