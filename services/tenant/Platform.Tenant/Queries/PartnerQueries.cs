using Marten;
using MassTransit;
using Platform.Contracts.Tenants;
using Platform.Tenant.Partners;
using Platform.Tenant.Users;
using Platform.Tenant.Workspaces;

namespace Platform.Tenant.Queries;

/// <summary>One partner by id; the gateway has decided the caller may see it.</summary>
public sealed class GetPartnerConsumer(IDocumentStore store) : IConsumer<GetPartner>
{
    public async Task Consume(ConsumeContext<GetPartner> context)
    {
        await using var session = store.QuerySession();
        var partner = await session.LoadAsync<Partner>(context.Message.PartnerId, context.CancellationToken);
        await context.RespondAsync(partner is null ? new PartnerLookup { Found = false } : new PartnerLookup { Found = true, Partner = partner.ToDetails() });
    }
}

/// <summary>Every partner, oldest first (platform admins; the gateway checks).</summary>
public sealed class ListPartnersConsumer(IDocumentStore store) : IConsumer<ListPartners>
{
    public async Task Consume(ConsumeContext<ListPartners> context)
    {
        await using var session = store.QuerySession();
        var status = context.Message.Status;
        var partners = await session.Query<Partner>().Where(p => status == null || p.Status == status).OrderBy(p => p.CreatedAt)
            .ToListAsync(context.CancellationToken);
        await context.RespondAsync(new PartnerList { Partners = [.. partners.Select(p => p.ToDetails())] });
    }
}

/// <summary>The partners whose members include the user's email, with the user's role in each.</summary>
public sealed class GetUserPartnersConsumer(IDocumentStore store) : IConsumer<GetUserPartners>
{
    public async Task Consume(ConsumeContext<GetUserPartners> context)
    {
        var ct = context.CancellationToken;
        await using var session = store.QuerySession();
        var user = await session.LoadAsync<User>(context.Message.UserId, ct);
        if (user is null)
        {
            await context.RespondAsync(new PartnerList());
            return;
        }
        var email = user.Email;
        var partners = await session.Query<Partner>().Where(p => p.Members.Any(m => m.Email == email)).OrderBy(p => p.CreatedAt).ToListAsync(ct);
        await context.RespondAsync(new PartnerList { Partners = [.. partners.Select(p => p.ToDetails(email))] });
    }
}

/// <summary>The workspaces a partner manages, oldest first, deleted ones left out.</summary>
public sealed class ListPartnerWorkspacesConsumer(IDocumentStore store) : IConsumer<ListPartnerWorkspaces>
{
    public async Task Consume(ConsumeContext<ListPartnerWorkspaces> context)
    {
        await using var session = store.QuerySession();
        Guid? partnerId = context.Message.PartnerId;
        var workspaces = await session.Query<Workspace>()
            .Where(w => w.ManagedByPartnerId == partnerId && w.Status != WorkspaceStatus.Deleted)
            .OrderBy(w => w.CreatedAt).ToListAsync(context.CancellationToken);
        await context.RespondAsync(new PartnerWorkspaceList { Workspaces = [.. workspaces.Select(w => GetUserConsumer.Details(w, Guid.Empty))] });
    }
}

/// <summary>One workspace whatever the caller's membership (the gateway authorized a partner or an admin by its ManagedByPartnerId).</summary>
public sealed class FindWorkspaceConsumer(IDocumentStore store) : IConsumer<FindWorkspace>
{
    public async Task Consume(ConsumeContext<FindWorkspace> context)
    {
        await using var session = store.QuerySession();
        var workspace = await session.LoadAsync<Workspace>(context.Message.WorkspaceId, context.CancellationToken);
        await context.RespondAsync(workspace is null
            ? new WorkspaceLookup { Found = false }
            : new WorkspaceLookup { Found = true, Workspace = GetUserConsumer.Details(workspace, Guid.Empty) });
    }
}
