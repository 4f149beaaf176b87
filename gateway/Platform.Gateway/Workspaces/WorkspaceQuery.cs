using GraphQL;
using GraphQL.Types;
using Platform.Contracts.Tenants;
using Platform.Gateway.Auth;
using Platform.Gateway.Authorization;
using Platform.Gateway.Services;

namespace Platform.Gateway.Workspaces;

/// <summary>The `workspace(id)` query and looking workspaces up for a user.</summary>
public static class WorkspaceQuery
{
    public static void AddWorkspace(this ObjectGraphType query) =>
        query.Field<WorkspaceType, WorkspaceDetails?>("workspace")
            .Description("A workspace the caller may see: a member's (access token), a partner's customer workspace (its API key or " +
                "members), any for platform admins. Any other workspace is NOT_FOUND.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The workspace's id.")
            .ResolveAsync(async context =>
            {
                context.Caller().RequireAuthenticated();
                return Guid.TryParse(context.GetArgument<string>("id"), out var workspaceId)
                    ? await WorkspaceAccess.RequireAsync(context, workspaceId, WorkspacePermission.Read)
                    : throw GatewayErrors.WorkspaceNotFound();
            });

    /// <summary>The workspace as the user may see it; null when it does not exist or is not theirs.</summary>
    public static async Task<WorkspaceDetails?> FindAsync(IResolveFieldContext context, Guid workspaceId, Guid requestedBy)
    {
        var requests = context.RequestServices!.GetRequiredService<ServiceRequests>();
        var lookup = await requests.AskAsync<GetWorkspace, WorkspaceLookup>(
            new GetWorkspace { WorkspaceId = workspaceId, RequestedBy = requestedBy }, context.CancellationToken);
        return lookup is { Found: true, Workspace: { } workspace } ? workspace : null;
    }
}
