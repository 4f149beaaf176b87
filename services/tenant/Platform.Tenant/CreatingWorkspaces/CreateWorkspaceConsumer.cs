using Marten;
using MassTransit;
using Platform.Contracts;
using Platform.Contracts.Tenants;
using Platform.Tenant.SigningUp;
using Platform.Tenant.Users;
using Platform.Tenant.Workspaces;

namespace Platform.Tenant.CreatingWorkspaces;

/// <summary>A signed-in user creates another workspace; names are unique among the user's live workspaces.</summary>
public sealed class CreateWorkspaceConsumer(IDocumentStore store, OnboardingOptions options, TimeProvider clock) : IConsumer<CreateWorkspace>
{
    public async Task Consume(ConsumeContext<CreateWorkspace> context)
    {
        var command = context.Message;
        List<UserError> errors = [.. Validation.WorkspaceName(command.Name, "name")];
        await using var session = store.LightweightSession();
        if (errors.Count == 0 && await session.LoadAsync<User>(command.UserId, context.CancellationToken) is null)
            errors.Add(new UserError { Code = "USER_NOT_FOUND", Message = "The signed-in user no longer exists." });
        if (errors.Count == 0)
        {
            var owned = await session.Query<Workspace>().Where(w => w.OwnerId == command.UserId).ToListAsync(context.CancellationToken);
            if (owned.Any(w => w.Status is not (WorkspaceStatus.Failed or WorkspaceStatus.Deleted) && string.Equals(w.Name, command.Name.Trim(), StringComparison.OrdinalIgnoreCase)))
                errors.Add(new UserError { Field = "name", Code = "NAME_TAKEN", Message = "You already have a workspace with this name." });
        }
        if (errors.Count > 0)
        {
            await context.RespondAsync(new CreateWorkspaceResult { Errors = errors });
            return;
        }
        var created = await WorkspaceCreation.StartAsync(session, command.UserId, command.Name, command.Region, options, clock.GetUtcNow(),
            context.CancellationToken);
        await session.SaveChangesAsync(context.CancellationToken);
        await context.RespondAsync(new CreateWorkspaceResult { WorkspaceId = created.WorkspaceId });
    }
}
