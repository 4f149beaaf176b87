namespace Platform.Contracts;

/// <summary>A message about one workspace; its id is the Marten tenant id and a log/header property.</summary>
public interface IWorkspaceMessage
{
    Guid WorkspaceId { get; }
}

/// <summary>An expected failure a caller can act on: which input, a stable code, a readable message.</summary>
public sealed record UserError
{
    public string? Field { get; init; }
    public required string Code { get; init; }
    public required string Message { get; init; }
}
