using System.Collections.Concurrent;
using MassTransit;
using Platform.Contracts;
using Platform.Contracts.Tenants;

namespace Platform.Gateway.Tests;

/// <summary>
/// The fake tenant's deletion: it deletes whatever it is asked to (no role rules, so a refusal a test sees is the
/// gateway's own) and answers INVALID_STATE only for a workspace already DELETING, like the tenant service.
/// </summary>
public sealed partial class FakeServices
{
    /// <summary>Every DeleteWorkspace that reached the fake tenant service.</summary>
    public ConcurrentQueue<DeleteWorkspace> DeletionRequests { get; } = new();

    void HandleDeletion(IReceiveEndpointConfigurator e) =>
        e.Handler<DeleteWorkspace>(c =>
        {
            DeletionRequests.Enqueue(c.Message);
            var workspace = _workspaces[c.Message.WorkspaceId];
            if (workspace.Status == "DELETING")
                return c.RespondAsync(new DeleteWorkspaceResult
                {
                    Errors = [new UserError { Code = "INVALID_STATE", Message = "The workspace is already being deleted." }],
                });
            _workspaces[workspace.Id] = workspace with { Status = "DELETING" };
            return c.RespondAsync(new DeleteWorkspaceResult
            {
                Workspace = workspace with { Status = "DELETING", Role = RoleOf(workspace.Id, c.Message.RequestedBy) ?? "" },
            });
        });
}
