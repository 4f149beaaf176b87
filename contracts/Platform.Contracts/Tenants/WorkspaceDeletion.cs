namespace Platform.Contracts.Tenants;

/// <summary>Request: the owner deletes a workspace (apps, billing, namespace and account go with it).</summary>
public sealed record DeleteWorkspace
{
    public required Guid WorkspaceId { get; init; }
    public required Guid RequestedBy { get; init; }
}

/// <summary>Response to <see cref="DeleteWorkspace"/>: the workspace, now DELETING, or NOT_FOUND, FORBIDDEN or INVALID_STATE.</summary>
public sealed record DeleteWorkspaceResult
{
    public WorkspaceDetails? Workspace { get; init; }
    public IReadOnlyList<UserError> Errors { get; init; } = [];
}

/// <summary>Event: the owner asked for the workspace to be deleted; the deletion saga starts.</summary>
public sealed record WorkspaceDeletionRequested : IWorkspaceMessage
{
    public required Guid WorkspaceId { get; init; }
    public required Guid RequestedBy { get; init; }
    public required string Namespace { get; init; }
    /// <summary>The moment billing stops: nothing after it is charged.</summary>
    public required DateTimeOffset RequestedAt { get; init; }
}

/// <summary>Event: the workspace is gone: no apps, no namespace, billing stopped and the account closed.</summary>
public sealed record WorkspaceDeleted : IWorkspaceMessage
{
    public required Guid WorkspaceId { get; init; }
    public required DateTimeOffset DeletedAt { get; init; }
}
