using Marten;
using MassTransit;
using Platform.Contracts.Tenants;
using Platform.Tenant.Members;
using Platform.Tenant.Queries;

namespace Platform.Tenant.DeletingWorkspaces;

/// <summary>
/// The owner deletes a workspace: WorkspaceDeletionRequested is appended with the version read, so two requests at
/// once cannot both pass (the loser is retried and answered INVALID_STATE); the deletion saga does the rest.
/// </summary>
public sealed class DeleteWorkspaceConsumer(IDocumentStore store, TimeProvider clock) : IConsumer<DeleteWorkspace>
{
    public async Task Consume(ConsumeContext<DeleteWorkspace> context)
    {
        var command = context.Message;
        await using var session = store.LightweightSession();
        session.CorrelationId = (context.CorrelationId ?? context.MessageId)?.ToString();
        session.CausationId = context.MessageId?.ToString();
        var stream = await session.Events.FetchForWriting<Workspaces.Workspace>(command.WorkspaceId, context.CancellationToken);
        Workspaces.WorkspaceDeletionRequested requested;
        try
        {
            requested = WorkspaceDeletion.Decide(stream.Aggregate, command, clock.GetUtcNow());
        }
        catch (DomainRuleViolated refused)
        {
            await context.RespondAsync(new DeleteWorkspaceResult { Errors = [refused.ToUserError()] });
            return;
        }
        stream.AppendOne(requested);
        await session.SaveChangesAsync(context.CancellationToken);
        await context.RespondAsync(new DeleteWorkspaceResult
        {
            Workspace = GetUserConsumer.Details(stream.Aggregate!.Apply(requested), command.RequestedBy),
        });
    }
}
