using Marten;
using MassTransit;
using Platform.Contracts.Tenants;
using Platform.Tenant.Users;
using Platform.Tenant.Workspaces;

namespace Platform.Tenant.Queries;

public sealed class GetUserConsumer(IDocumentStore store) : IConsumer<GetUser>
{
    public async Task Consume(ConsumeContext<GetUser> context)
    {
        await using var session = store.QuerySession();
        var user = await session.LoadAsync<User>(context.Message.UserId, context.CancellationToken);
        if (user is null)
        {
            await context.RespondAsync(new UserDetails { Found = false });
            return;
        }
        var workspaces = await session.Query<Workspace>().Where(w => w.OwnerId == user.Id).OrderBy(w => w.CreatedAt).ToListAsync(context.CancellationToken);
        await context.RespondAsync(new UserDetails
        {
            Found = true, Id = user.Id, Email = user.Email, DisplayName = user.DisplayName, Workspaces = workspaces.Select(Details).ToList(),
        });
    }

    internal static WorkspaceDetails Details(Workspace w) => new()
    {
        Id = w.Id, Name = w.Name, Slug = w.Slug, Namespace = w.Namespace, Region = w.Region, Status = w.Status, FailureReason = w.FailureReason,
        OwnerId = w.OwnerId, CreatedAt = w.CreatedAt,
    };
}

/// <summary>A workspace for its owner only; anyone else gets the same answer as for a workspace that does not exist.</summary>
public sealed class GetWorkspaceConsumer(IDocumentStore store) : IConsumer<GetWorkspace>
{
    public async Task Consume(ConsumeContext<GetWorkspace> context)
    {
        await using var session = store.QuerySession();
        var workspace = await session.LoadAsync<Workspace>(context.Message.WorkspaceId, context.CancellationToken);
        await context.RespondAsync(workspace is not null && workspace.OwnerId == context.Message.RequestedBy
            ? new WorkspaceLookup { Found = true, Workspace = GetUserConsumer.Details(workspace) }
            : new WorkspaceLookup { Found = false });
    }
}
