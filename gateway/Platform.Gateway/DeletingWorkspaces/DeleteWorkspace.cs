using GraphQL;
using GraphQL.Types;
using Platform.Contracts;
using Platform.Contracts.Tenants;
using Platform.Gateway.Auth;
using Platform.Gateway.Authorization;
using Platform.Gateway.Schema;
using Platform.Gateway.Services;
using Platform.Gateway.Workspaces;

namespace Platform.Gateway.DeletingWorkspaces;

/// <summary>The arguments of deleteWorkspace.</summary>
public sealed class DeleteWorkspaceInput
{
    public string WorkspaceId { get; set; } = "";
}

/// <summary>What deleteWorkspace returns: the workspace as the deletion left it (DELETING), or why it was refused.</summary>
public sealed record DeleteWorkspacePayload(WorkspaceDetails? Workspace, IReadOnlyList<UserError> UserErrors);

public sealed class DeleteWorkspaceInputType : InputObjectGraphType<DeleteWorkspaceInput>
{
    public DeleteWorkspaceInputType()
    {
        Name = "DeleteWorkspaceInput";
        Description = "The workspace to delete.";
        Field<NonNullGraphType<IdGraphType>>("workspaceId").Description("The workspace's id.");
    }
}

public sealed class DeleteWorkspacePayloadType : ObjectGraphType<DeleteWorkspacePayload>
{
    public DeleteWorkspacePayloadType()
    {
        Name = "DeleteWorkspacePayload";
        Description = "The result of deleteWorkspace: the workspace, now DELETING, or userErrors.";
        Field<WorkspaceType, WorkspaceDetails?>("workspace")
            .Description("The workspace being deleted (status DELETING, then DELETED once done); null when deleting was refused.")
            .Resolve(c => c.Source.Workspace);
        this.UserErrorsField("Why deleting was refused (INVALID_STATE: still PROVISIONING, or already DELETING or DELETED); empty on success.", p => p.UserErrors);
    }
}

/// <summary>The deleteWorkspace mutation.</summary>
public static class DeletingWorkspaceField
{
    public static void AddDeleteWorkspace(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<DeleteWorkspacePayloadType>, DeleteWorkspacePayload>("deleteWorkspace")
            .Description("Delete a workspace (owner only): its apps are uninstalled, billing stops at once, the namespace and the account " +
                "are removed. The workspace is DELETING until that is done, then DELETED; it leaves me.workspaces.")
            .Argument<NonNullGraphType<DeleteWorkspaceInputType>>("input", "The workspace to delete.")
            .ResolveAsync(async context =>
            {
                var userId = context.Caller().RequireUser();
                var input = context.GetArgument<DeleteWorkspaceInput>("input");
                if (!Guid.TryParse(input.WorkspaceId, out var workspaceId))
                    throw GatewayErrors.WorkspaceNotFound();
                await WorkspaceAccess.RequireAsync(context, workspaceId, WorkspacePermission.Delete);
                var requests = context.RequestServices!.GetRequiredService<ServiceRequests>();
                var result = await requests.AskAsync<DeleteWorkspace, DeleteWorkspaceResult>(
                    new DeleteWorkspace { WorkspaceId = workspaceId, RequestedBy = userId }, context.CancellationToken);
                return new DeleteWorkspacePayload(result.Errors.Count == 0 ? result.Workspace : null, result.Errors);
            });
}
