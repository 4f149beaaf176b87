using Marten;
using MassTransit;
using Platform.Contracts.Tenants;
using Platform.Tenant.Members;
using Platform.Tenant.Users;
using Platform.Tenant.Workspaces;

namespace Platform.Tenant.Queries;

/// <summary>A user with every workspace they are a member of and their role in each.</summary>
public sealed class GetUserConsumer(IDocumentStore store, Admins.PlatformAdmins admins) : IConsumer<GetUser>
{
    public async Task Consume(ConsumeContext<GetUser> context)
    {
        var ct = context.CancellationToken;
        await using var session = store.QuerySession();
        var user = await session.LoadAsync<User>(context.Message.UserId, ct);
        if (user is null)
        {
            await context.RespondAsync(new UserDetails { Found = false });
            return;
        }
        var memberOf = await session.Query<Membership>().Where(m => m.UserId == user.Id).Select(m => m.WorkspaceId).ToListAsync(ct);
        // Workspaces created before memberships were recorded have no membership document for their owner.
        var owned = await session.Query<Workspace>().Where(w => w.OwnerId == user.Id).Select(w => w.Id).ToListAsync(ct);
        var workspaces = await session.LoadManyAsync<Workspace>(ct, memberOf.Concat(owned).Distinct());
        await context.RespondAsync(new UserDetails
        {
            Found = true, Id = user.Id, Email = user.Email, DisplayName = user.DisplayName, IsPlatformAdmin = admins.IsAdmin(user),
            // A deleted workspace leaves the list; GetWorkspace still answers DELETED for its members.
            Workspaces = workspaces.Where(w => w.RoleOf(user.Id) is not null && w.Status != WorkspaceStatus.Deleted)
                .OrderBy(w => w.CreatedAt).Select(w => Details(w, user.Id)).ToList(),
        });
    }

    internal static WorkspaceDetails Details(Workspace w, Guid viewer) => new()
    {
        Id = w.Id, Name = w.Name, Slug = w.Slug, Namespace = w.Namespace, Region = w.Region, Status = w.Status, FailureReason = w.FailureReason,
        OwnerId = w.OwnerId, ManagedByPartnerId = w.ManagedByPartnerId, CreatedAt = w.CreatedAt, Role = w.RoleOf(viewer) ?? "",
    };
}

/// <summary>
/// A workspace for any of its members, with their role; anyone else gets the same answer as for a workspace that does not exist.
/// A deleted workspace is still found, with status DELETED, so that whoever deleted it sees how that ended.
/// </summary>
public sealed class GetWorkspaceConsumer(IDocumentStore store) : IConsumer<GetWorkspace>
{
    public async Task Consume(ConsumeContext<GetWorkspace> context)
    {
        await using var session = store.QuerySession();
        var workspace = await session.LoadAsync<Workspace>(context.Message.WorkspaceId, context.CancellationToken);
        await context.RespondAsync(workspace?.RoleOf(context.Message.RequestedBy) is not null
            ? new WorkspaceLookup { Found = true, Workspace = GetUserConsumer.Details(workspace, context.Message.RequestedBy) }
            : new WorkspaceLookup { Found = false });
    }
}
