namespace Platform.Contracts.Tenants;

/// <summary>Request: create a user with a first workspace.</summary>
public sealed record SignUp
{
    public required string Email { get; init; }
    public required string Password { get; init; }
    public required string DisplayName { get; init; }
    public required string WorkspaceName { get; init; }
    public string? Region { get; init; }
}

/// <summary>Response to <see cref="SignUp"/>.</summary>
public sealed record SignUpResult
{
    public Guid? UserId { get; init; }
    public Guid? WorkspaceId { get; init; }
    public string? AccessToken { get; init; }
    public IReadOnlyList<UserError> Errors { get; init; } = [];
}

/// <summary>Request: exchange credentials for an access token.</summary>
public sealed record SignIn
{
    public required string Email { get; init; }
    public required string Password { get; init; }
}

/// <summary>Response to <see cref="SignIn"/>.</summary>
public sealed record SignInResult
{
    public Guid? UserId { get; init; }
    public string? AccessToken { get; init; }
    public IReadOnlyList<UserError> Errors { get; init; } = [];
}

/// <summary>Request: the signed-in user creates another workspace.</summary>
public sealed record CreateWorkspace
{
    public required Guid UserId { get; init; }
    public required string Name { get; init; }
    public string? Region { get; init; }
}

/// <summary>Response to <see cref="CreateWorkspace"/>.</summary>
public sealed record CreateWorkspaceResult
{
    public Guid? WorkspaceId { get; init; }
    public IReadOnlyList<UserError> Errors { get; init; } = [];
}

/// <summary>Request: a user's profile and workspaces.</summary>
public sealed record GetUser
{
    public required Guid UserId { get; init; }
}

/// <summary>Response to <see cref="GetUser"/>.</summary>
public sealed record UserDetails
{
    public bool Found { get; init; }
    public Guid Id { get; init; }
    public string Email { get; init; } = "";
    public string DisplayName { get; init; } = "";
    /// <summary>Whether the user's email is one of Platform:Admins:Emails.</summary>
    public bool IsPlatformAdmin { get; init; }
    public IReadOnlyList<WorkspaceDetails> Workspaces { get; init; } = [];
}

/// <summary>Request: one workspace, as seen by the user asking.</summary>
public sealed record GetWorkspace
{
    public required Guid WorkspaceId { get; init; }
    public required Guid RequestedBy { get; init; }
}

/// <summary>Response to <see cref="GetWorkspace"/>: NotFound also when the caller is not a member.</summary>
public sealed record WorkspaceLookup
{
    public bool Found { get; init; }
    public WorkspaceDetails? Workspace { get; init; }
}

/// <summary>A workspace as the tenant service knows it.</summary>
public sealed record WorkspaceDetails
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public string Slug { get; init; } = "";
    public string Namespace { get; init; } = "";
    public string Region { get; init; } = "";
    public string Status { get; init; } = "";
    public string? FailureReason { get; init; }
    /// <summary>The owner; null for a workspace a partner created whose customer has not accepted the owner invitation yet.</summary>
    public Guid? OwnerId { get; init; }
    /// <summary>The partner that created the workspace for its customer and manages it; null for a self-service workspace.</summary>
    public Guid? ManagedByPartnerId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>The role of the user asking (GetWorkspace) or of the user (GetUser): OWNER, MANAGER, DEVELOPER or VIEWER.</summary>
    public string Role { get; init; } = "";
}
