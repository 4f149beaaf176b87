namespace Platform.Contracts.Tenants;

/// <summary>Event: a workspace was created and is being provisioned.</summary>
public sealed record WorkspaceCreated : IWorkspaceMessage
{
    public required Guid WorkspaceId { get; init; }
    /// <summary>The owner; null when a partner created the workspace and its customer has not accepted the owner invitation yet.</summary>
    public Guid? OwnerId { get; init; }
    /// <summary>The partner managing the workspace for its customer; null for a self-service workspace.</summary>
    public Guid? ManagedByPartnerId { get; init; }
    public required string Name { get; init; }
    public required string Slug { get; init; }
    public required string Namespace { get; init; }
    public required string Region { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>Event: a workspace finished onboarding and can be used.</summary>
public sealed record WorkspaceActivated : IWorkspaceMessage
{
    public required Guid WorkspaceId { get; init; }
    public required DateTimeOffset ActivatedAt { get; init; }
}

/// <summary>Event: onboarding failed; everything it had done was undone.</summary>
public sealed record WorkspaceFailed : IWorkspaceMessage
{
    public required Guid WorkspaceId { get; init; }
    public required string Reason { get; init; }
    public required DateTimeOffset FailedAt { get; init; }
}
