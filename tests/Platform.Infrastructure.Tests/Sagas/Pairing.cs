using System.Collections.Concurrent;

namespace Platform.Infrastructure.Tests.Sagas;

public sealed record PairingOpened
{
    public Guid PairingId { get; init; }
}

public sealed record LeftArrived
{
    public Guid PairingId { get; init; }
}

public sealed record RightArrived
{
    public Guid PairingId { get; init; }
}

public sealed class PairingState : SagaStateMachineInstance
{
    public Guid CorrelationId { get; set; }
    public string CurrentState { get; set; } = "";
    public bool LeftArrived { get; set; }
    public bool RightArrived { get; set; }
}

/// <summary>Two independent halves arrive for one pairing; each step is slow enough for both to load the same version.</summary>
public sealed class PairingStateMachine : MassTransitStateMachine<PairingState>
{
    /// <summary>Retried attempts per pairing (a step that lost the optimistic-concurrency race runs again).</summary>
    public static readonly ConcurrentDictionary<Guid, int> Retries = new();

    public static TimeSpan StepDuration { get; set; } = TimeSpan.FromMilliseconds(400);

    public State Open { get; private set; } = null!;
    public Event<PairingOpened> Opened { get; private set; } = null!;
    public Event<LeftArrived> Left { get; private set; } = null!;
    public Event<RightArrived> Right { get; private set; } = null!;

    public PairingStateMachine()
    {
        InstanceState(x => x.CurrentState);
        Event(() => Opened, e => e.CorrelateById(c => c.Message.PairingId));
        Event(() => Left, e => e.CorrelateById(c => c.Message.PairingId));
        Event(() => Right, e => e.CorrelateById(c => c.Message.PairingId));

        Initially(When(Opened).TransitionTo(Open));
        During(Open,
            When(Left).ThenAsync(async c =>
            {
                await SlowStep(c);
                c.Saga.LeftArrived = true;
            }),
            When(Right).ThenAsync(async c =>
            {
                await SlowStep(c);
                c.Saga.RightArrived = true;
            }));
    }

    static Task SlowStep(BehaviorContext<PairingState> context)
    {
        if (context.GetRetryAttempt() > 0)
            Retries.AddOrUpdate(context.Saga.CorrelationId, 1, (_, n) => n + 1);
        return Task.Delay(StepDuration, context.CancellationToken);
    }
}
