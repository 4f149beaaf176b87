using Platform.Infrastructure.Sagas;

namespace Platform.Infrastructure.Tests.Deadlines;

public sealed record ApprovalRequested
{
    public Guid ApprovalId { get; init; }
    public DateTimeOffset AnswerBy { get; init; }
}

public sealed record ApprovalTimedOut
{
    public Guid ApprovalId { get; init; }
}

public sealed class ApprovalState : ISagaWithDeadline
{
    public Guid CorrelationId { get; set; }
    public string CurrentState { get; set; } = "";
    public DateTimeOffset? DeadlineAt { get; set; }
    public DateTimeOffset? MissedDeadline { get; set; }
    public DateTimeOffset? TimedOutAt { get; set; }
    public int TimeoutsApplied { get; set; }
}

/// <summary>Waits for an answer until the requested deadline, then times out; a later timeout finds nothing to do.</summary>
public sealed class ApprovalStateMachine : MassTransitStateMachine<ApprovalState>
{
    public State Waiting { get; private set; } = null!;
    public State TimedOut { get; private set; } = null!;
    public Event<ApprovalRequested> Requested { get; private set; } = null!;
    public Event<ApprovalTimedOut> DeadlinePassed { get; private set; } = null!;

    public ApprovalStateMachine()
    {
        InstanceState(x => x.CurrentState);
        Event(() => Requested, e => e.CorrelateById(c => c.Message.ApprovalId));
        Event(() => DeadlinePassed, e => e.CorrelateById(c => c.Message.ApprovalId));

        Initially(When(Requested)
            .Then(c => c.Saga.DeadlineAt = c.Message.AnswerBy)
            .TransitionTo(Waiting));
        During(Waiting, When(DeadlinePassed)
            .Then(c =>
            {
                c.Saga.MissedDeadline = c.Saga.DeadlineAt;
                c.Saga.DeadlineAt = null;
                c.Saga.TimedOutAt = DateTimeOffset.UtcNow;
                c.Saga.TimeoutsApplied++;
            })
            .TransitionTo(TimedOut));
        During(TimedOut, Ignore(DeadlinePassed));
    }
}
