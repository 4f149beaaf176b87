namespace Platform.Tenant.Workspaces;

public static class WorkspaceStatus
{
    public const string Provisioning = "PROVISIONING";
    public const string Active = "ACTIVE";
    public const string Failed = "FAILED";
}

/// <summary>A workspace as its owner sees it; an inline snapshot of the workspace stream.</summary>
public sealed record Workspace(Guid Id, Guid OwnerId, string Name, string Slug, string Namespace, string Region, string Status,
    string? FailureReason, DateTimeOffset CreatedAt)
{
    public static Workspace Create(WorkspaceCreated e) =>
        new(e.WorkspaceId, e.OwnerId, e.Name, e.Slug, e.Namespace, e.Region, WorkspaceStatus.Provisioning, null, e.CreatedAt);

    public Workspace Apply(WorkspaceActivated e) => this with { Status = WorkspaceStatus.Active };
    public Workspace Apply(WorkspaceFailed e) => this with { Status = WorkspaceStatus.Failed, FailureReason = e.Reason };
}
