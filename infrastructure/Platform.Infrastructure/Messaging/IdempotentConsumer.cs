using Marten;
using MassTransit;
using Platform.Contracts;
using Platform.Infrastructure.Persistence;

namespace Platform.Infrastructure.Messaging;

/// <summary>
/// A consumer whose effect happens once per message id: the inbox entry and the consumer's own writes
/// are saved in one Marten transaction, in the workspace's tenant when the message names a workspace.
/// A concurrent duplicate fails on the inbox key, is retried, and then finds the entry.
/// </summary>
public abstract class IdempotentConsumer<TMessage>(IDocumentStore store) : IConsumer<TMessage>
    where TMessage : class
{
    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException("A message without MessageId cannot be deduplicated.");
        var tenant = context.Message is IWorkspaceMessage m ? EventStore.TenantOf(m.WorkspaceId) : EventStore.PlatformTenant;
        await using var session = store.LightweightSession(tenant);
        var inboxId = $"{GetType().Name}/{messageId:N}";
        if (await session.LoadAsync<InboxEntry>(inboxId, context.CancellationToken) is not null)
            return;
        session.Insert(new InboxEntry(inboxId, DateTimeOffset.UtcNow));
        session.CorrelationId = context.CorrelationId?.ToString() ?? messageId.ToString();
        session.CausationId = messageId.ToString();
        await Handle(context, session);
        await session.SaveChangesAsync(context.CancellationToken);
    }

    /// <summary>Do the work through <paramref name="session"/>; do not save it.</summary>
    protected abstract Task Handle(ConsumeContext<TMessage> context, IDocumentSession session);
}
