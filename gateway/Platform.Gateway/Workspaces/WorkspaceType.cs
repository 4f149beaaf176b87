using GraphQL.Types;
using Platform.Contracts.Billing;
using Platform.Contracts.Cluster;
using Platform.Contracts.Tenants;
using Platform.Gateway.Auth;
using Platform.Gateway.Connections;
using Platform.Gateway.Services;
using Platform.Gateway.Teams;

namespace Platform.Gateway.Workspaces;

/// <summary>A workspace: a Kubernetes namespace with quota, network isolation and its own billing account.</summary>
public sealed class WorkspaceType : ObjectGraphType<WorkspaceDetails>
{
    public WorkspaceType()
    {
        Name = "Workspace";
        Description = "A tenant's isolated space on a cluster: a namespace with quota, RBAC, network policy and a billing account.";
        Field<NonNullGraphType<IdGraphType>, Guid>("id").Description("The workspace's id.").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>, string>("name").Description("The name the owner gave it.").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<StringGraphType>, string>("slug").Description("URL-safe short name, unique per owner.").Resolve(c => c.Source.Slug);
        Field<WorkspaceStatusType, WorkspaceStatus?>("status")
            .Description("PROVISIONING while being set up, then ACTIVE or FAILED; DELETING and DELETED once its owner deletes it.")
            .Resolve(c => WorkspaceStatusType.Parse(c.Source.Status));
        Field<StringGraphType, string?>("failureReason").Description("Why setting up failed, when status is FAILED.").Resolve(c => c.Source.FailureReason);
        Field<NonNullGraphType<StringGraphType>, string>("namespace").Description("The Kubernetes namespace of the workspace.").Resolve(c => c.Source.Namespace);
        Field<NonNullGraphType<StringGraphType>, string>("region").Description("The region the workspace was asked for.").Resolve(c => c.Source.Region);
        Field<ClusterType, WorkspacePlacementDetails?>("cluster")
            .Description("The cluster the workspace runs on; null until it is placed.")
            .ResolveAsync(c => PlacementAsync(c, c.Source.Id));
        Field<QuotaType, WorkspaceQuota?>("quota")
            .Description("The resource quota of the workspace's namespace; null until it is placed.")
            .ResolveAsync(async c => (await PlacementAsync(c, c.Source.Id))?.Quota);
        Field<MoneyType, Money?>("balance")
            .Description("The balance of the workspace's billing account; null when it has no open account. Partner keys need billing:read.")
            .ResolveAsync(async c =>
            {
                await Authorization.WorkspaceAccess.RequireAsync(c, c.Source, Authorization.WorkspacePermission.ReadBilling);
                return await BalanceAsync(c, c.Source.Id);
            });
        Field<NonNullGraphType<DateTimeOffsetGraphType>, DateTimeOffset>("createdAt")
            .Description("When the workspace was created (ISO 8601).")
            .Resolve(c => c.Source.CreatedAt);
        this.AddTeamFields();
    }

    /// <summary>The stable key workspaces are paged by.</summary>
    public static CursorKey CursorKey(WorkspaceDetails workspace) => new(workspace.CreatedAt, workspace.Id);

    static async Task<WorkspacePlacementDetails?> PlacementAsync(GraphQL.IResolveFieldContext context, Guid workspaceId)
    {
        var requests = context.RequestServices!.GetRequiredService<ServiceRequests>();
        var placement = await context.Caller().Once($"placement:{workspaceId}", () =>
            requests.AskAsync<GetWorkspacePlacement, WorkspacePlacementDetails>(
                new GetWorkspacePlacement { WorkspaceId = workspaceId }, context.CancellationToken));
        return placement.Found ? placement : null;
    }

    static async Task<Money?> BalanceAsync(GraphQL.IResolveFieldContext context, Guid workspaceId)
    {
        var requests = context.RequestServices!.GetRequiredService<ServiceRequests>();
        var balance = await requests.AskAsync<GetBalance, BalanceDetails>(new GetBalance { WorkspaceId = workspaceId }, context.CancellationToken);
        return balance is { Found: true, Closed: false } ? Money.FromMicros(balance.AmountMicros, balance.Currency) : null;
    }
}

/// <summary>Where a workspace runs.</summary>
public sealed class ClusterType : ObjectGraphType<WorkspacePlacementDetails>
{
    public ClusterType()
    {
        Name = "Cluster";
        Description = "A Kubernetes cluster that hosts workspaces.";
        Field<NonNullGraphType<IdGraphType>, Guid>("id").Description("The cluster's id.").Resolve(c => c.Source.ClusterId);
        Field<NonNullGraphType<StringGraphType>, string>("name").Description("The cluster's name.").Resolve(c => c.Source.ClusterName);
        Field<NonNullGraphType<StringGraphType>, string>("region").Description("The region the cluster is in.").Resolve(c => c.Source.Region);
    }
}

/// <summary>The resource quota of a workspace.</summary>
public sealed class QuotaType : ObjectGraphType<WorkspaceQuota>
{
    public QuotaType()
    {
        Name = "Quota";
        Description = "The most a workspace may use, in Kubernetes quantity notation.";
        Field<NonNullGraphType<StringGraphType>, string>("cpu").Description("CPU limit, e.g. \"4\" or \"500m\".").Resolve(c => c.Source.Cpu);
        Field<NonNullGraphType<StringGraphType>, string>("memory").Description("Memory limit, e.g. \"8Gi\".").Resolve(c => c.Source.Memory);
        Field<NonNullGraphType<StringGraphType>, string>("storage").Description("Persistent storage limit, e.g. \"50Gi\".").Resolve(c => c.Source.Storage);
        Field<NonNullGraphType<IntGraphType>, int>("pods").Description("Most pods at once.").Resolve(c => c.Source.Pods);
        Field<NonNullGraphType<IntGraphType>, int>("nodePorts").Description("Most NodePort services.").Resolve(c => c.Source.NodePorts);
    }
}
