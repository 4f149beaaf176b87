using Platform.Infrastructure.Sagas;

namespace Platform.Tenant.Onboarding;

/// <summary>Where one workspace's onboarding is; the saga id is the workspace id.</summary>
public sealed class WorkspaceOnboardingState : ISagaWithDeadline
{
    public Guid CorrelationId { get; set; }
    public string CurrentState { get; set; } = "";
    public Guid OwnerId { get; set; }
    public string Namespace { get; set; } = "";
    public string Region { get; set; } = "";
    public string? FailureReason { get; set; }
    public DateTimeOffset? DeadlineAt { get; set; }
}

/// <summary>The step that was waiting when <see cref="DeadlineAt"/> passed did not answer.</summary>
public sealed record WorkspaceOnboardingTimedOut
{
    public required Guid WorkspaceId { get; init; }
    public required DateTimeOffset DeadlineAt { get; init; }
}
