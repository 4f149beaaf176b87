using Platform.Infrastructure.Sagas;

namespace Platform.Tenant.DeletingWorkspaces;

/// <summary>Where one workspace's deletion is; the saga id is the workspace id. Kept once DELETED so that repeats are ignored.</summary>
public sealed class WorkspaceDeletionState : ISagaWithDeadline
{
    public Guid CorrelationId { get; set; }
    public string CurrentState { get; set; } = "";
    public Guid RequestedBy { get; set; }
    public string Namespace { get; set; } = "";
    /// <summary>When the owner asked: billing stops at this moment, however long the other steps take.</summary>
    public DateTimeOffset RequestedAt { get; set; }
    /// <summary>Billing said the account was already closed (or never opened): the closing step is skipped.</summary>
    public bool AccountAlreadyClosed { get; set; }
    /// <summary>How many times the current step's command has been sent.</summary>
    public int Attempt { get; set; }
    public DateTimeOffset? DeadlineAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
}

/// <summary>The step that was waiting when <see cref="DeadlineAt"/> passed did not answer: its command is sent again.</summary>
public sealed record WorkspaceDeletionStepTimedOut : Contracts.IWorkspaceMessage
{
    public required Guid WorkspaceId { get; init; }
    public required DateTimeOffset DeadlineAt { get; init; }
}
