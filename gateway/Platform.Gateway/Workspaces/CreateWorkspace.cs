using GraphQL;
using GraphQL.Types;
using Platform.Contracts;
using Platform.Contracts.Tenants;
using Platform.Gateway.Auth;
using Platform.Gateway.Schema;
using Platform.Gateway.Services;

namespace Platform.Gateway.Workspaces;

/// <summary>The arguments of createWorkspace.</summary>
public sealed class CreateWorkspaceInput
{
    public string Name { get; set; } = "";
    public string? Region { get; set; }
}

/// <summary>What createWorkspace returns before its workspace is looked up.</summary>
public sealed record CreateWorkspacePayload(Guid? UserId, Guid? WorkspaceId, IReadOnlyList<UserError> UserErrors);

public sealed class CreateWorkspaceInputType : InputObjectGraphType<CreateWorkspaceInput>
{
    public CreateWorkspaceInputType()
    {
        Name = "CreateWorkspaceInput";
        Description = "Another workspace for the signed-in user.";
        Field<NonNullGraphType<StringGraphType>>("name").Description("The workspace's name, unique per owner.");
        Field<StringGraphType>("region").Description("The region to place it in; the platform's default when omitted.");
    }
}

public sealed class CreateWorkspacePayloadType : ObjectGraphType<CreateWorkspacePayload>
{
    public CreateWorkspacePayloadType()
    {
        Name = "CreateWorkspacePayload";
        Description = "The result of createWorkspace: the new workspace, or userErrors.";
        Field<WorkspaceType, WorkspaceDetails?>("workspace")
            .Description("The new workspace, PROVISIONING at first; null when creating it failed.")
            .ResolveAsync(async c => c.Source is { UserId: { } userId, WorkspaceId: { } workspaceId }
                ? await WorkspaceQuery.FindAsync(c, workspaceId, userId)
                : null);
        this.UserErrorsField("Why creating the workspace failed (e.g. NAME_TAKEN); empty on success.", p => p.UserErrors);
    }
}

/// <summary>The createWorkspace mutation.</summary>
public static class CreatingWorkspaceField
{
    public static void AddCreateWorkspace(this ObjectGraphType mutation) =>
        mutation.Field<CreateWorkspacePayloadType, CreateWorkspacePayload?>("createWorkspace")
            .Description("Create another workspace for the signed-in user. Requires an access token.")
            .Argument<NonNullGraphType<CreateWorkspaceInputType>>("input", "The new workspace.")
            .ResolveAsync(async context =>
            {
                var userId = context.Caller().RequireUser();
                var input = context.GetArgument<CreateWorkspaceInput>("input");
                var requests = context.RequestServices!.GetRequiredService<ServiceRequests>();
                var result = await requests.AskAsync<CreateWorkspace, CreateWorkspaceResult>(
                    new CreateWorkspace { UserId = userId, Name = input.Name, Region = input.Region }, context.CancellationToken);
                return result.Errors.Count > 0
                    ? new CreateWorkspacePayload(null, null, result.Errors)
                    : new CreateWorkspacePayload(userId, result.WorkspaceId, []);
            });
}
