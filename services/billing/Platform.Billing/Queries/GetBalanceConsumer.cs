using Marten;
using MassTransit;
using Platform.Billing.Accounts;
using Platform.Contracts.Billing;
using Platform.Infrastructure.Persistence;

namespace Platform.Billing.Queries;

public sealed class GetBalanceConsumer(IDocumentStore store) : IConsumer<GetBalance>
{
    public async Task Consume(ConsumeContext<GetBalance> context)
    {
        await using var session = store.QuerySession(EventStore.TenantOf(context.Message.WorkspaceId));
        var account = await session.Events.AggregateStreamAsync<Account>(context.Message.WorkspaceId, token: context.CancellationToken);
        await context.RespondAsync(account is null
            ? new BalanceDetails { Found = false }
            : new BalanceDetails { Found = true, AmountMicros = account.BalanceMicros, Currency = account.Currency, Closed = account.IsClosed });
    }
}
