using MassTransit;
using Platform.Contracts.Billing;
using Platform.Contracts.Cluster;
using Platform.Infrastructure.Sagas;
using Platform.Tenant.Workspaces;
using WorkspaceCreatedMessage = Platform.Contracts.Tenants.WorkspaceCreated;

namespace Platform.Tenant.Onboarding;

/// <summary>
/// Provision the namespace (cluster) → open the billing account (billing) → ACTIVE. A failure or a timeout
/// undoes what was done in reverse order (close the account, remove the namespace) and ends FAILED with a reason.
/// Each step's requests are domain events appended in the saga's own transaction; the event-log outbox sends them.
/// </summary>
public sealed class WorkspaceOnboardingStateMachine : MassTransitStateMachine<WorkspaceOnboardingState>
{
    public State Provisioning { get; private set; } = null!;
    public State OpeningAccount { get; private set; } = null!;
    public State ClosingAccount { get; private set; } = null!;
    public State Deprovisioning { get; private set; } = null!;
    public State Active { get; private set; } = null!;
    public State Failed { get; private set; } = null!;

    public Event<WorkspaceCreatedMessage> Created { get; private set; } = null!;
    public Event<WorkspaceProvisioned> Provisioned { get; private set; } = null!;
    public Event<WorkspaceProvisioningFailed> ProvisioningFailed { get; private set; } = null!;
    public Event<BillingAccountOpened> AccountOpened { get; private set; } = null!;
    public Event<BillingAccountOpeningFailed> AccountOpeningFailed { get; private set; } = null!;
    public Event<BillingAccountClosed> AccountClosed { get; private set; } = null!;
    public Event<WorkspaceDeprovisioned> Deprovisioned { get; private set; } = null!;
    public Event<WorkspaceOnboardingTimedOut> TimedOut { get; private set; } = null!;

    public WorkspaceOnboardingStateMachine(OnboardingOptions options, TimeProvider clock)
    {
        InstanceState(x => x.CurrentState);
        Event(() => Created, e => e.CorrelateById(m => m.Message.WorkspaceId));
        Event(() => Provisioned, e => e.CorrelateById(m => m.Message.WorkspaceId));
        Event(() => ProvisioningFailed, e => e.CorrelateById(m => m.Message.WorkspaceId));
        Event(() => AccountOpened, e => e.CorrelateById(m => m.Message.WorkspaceId));
        Event(() => AccountOpeningFailed, e => e.CorrelateById(m => m.Message.WorkspaceId));
        Event(() => AccountClosed, e => e.CorrelateById(m => m.Message.WorkspaceId));
        Event(() => Deprovisioned, e => e.CorrelateById(m => m.Message.WorkspaceId));
        Event(() => TimedOut, e =>
        {
            e.CorrelateById(m => m.Message.WorkspaceId);
            e.OnMissingInstance(m => m.Discard());
        });
        // Late answers (after a timeout or once finished) and duplicates change nothing.
        OnUnhandledEvent(x => x.Ignore());

        void Wait(BehaviorContext<WorkspaceOnboardingState> ctx) => ctx.Saga.DeadlineAt = clock.GetUtcNow() + options.StepTimeout;
        bool IsCurrentDeadline(BehaviorContext<WorkspaceOnboardingState, WorkspaceOnboardingTimedOut> ctx) =>
            ctx.Saga.DeadlineAt == ctx.Message.DeadlineAt;

        void RequestProvisioning(BehaviorContext<WorkspaceOnboardingState> ctx)
        {
            Append(ctx, new WorkspaceProvisioningRequested(ctx.Saga.CorrelationId, ctx.Saga.Namespace, ctx.Saga.Region));
            Wait(ctx);
        }

        void RequestAccount(BehaviorContext<WorkspaceOnboardingState> ctx)
        {
            Append(ctx, new WorkspaceAccountOpeningRequested(ctx.Saga.CorrelationId, ctx.Saga.OwnerId));
            Wait(ctx);
        }

        // Compensations, in reverse order of the steps above.
        void UndoAccount(BehaviorContext<WorkspaceOnboardingState> ctx)
        {
            Append(ctx, new WorkspaceAccountClosingRequested(ctx.Saga.CorrelationId, ctx.Saga.FailureReason ?? "onboarding failed"));
            Wait(ctx);
        }

        void UndoProvisioning(BehaviorContext<WorkspaceOnboardingState> ctx)
        {
            Append(ctx, new WorkspaceDeprovisioningRequested(ctx.Saga.CorrelationId, ctx.Saga.FailureReason ?? "onboarding failed"));
            Wait(ctx);
        }

        Initially(
            When(Created)
                .Then(ctx =>
                {
                    // Billing records the owner for reference; a partner's customer workspace has none yet (Guid.Empty).
                    ctx.Saga.OwnerId = ctx.Message.OwnerId ?? Guid.Empty;
                    ctx.Saga.Namespace = ctx.Message.Namespace;
                    ctx.Saga.Region = ctx.Message.Region;
                    RequestProvisioning(ctx);
                })
                .TransitionTo(Provisioning));

        During(Provisioning,
            When(Provisioned).Then(RequestAccount).TransitionTo(OpeningAccount),
            When(ProvisioningFailed)
                .Then(ctx => ctx.Saga.FailureReason = ctx.Message.Reason)
                .Then(UndoProvisioning)
                .TransitionTo(Deprovisioning),
            When(TimedOut, IsCurrentDeadline)
                .Then(ctx => ctx.Saga.FailureReason = "Provisioning the workspace namespace timed out.")
                .Then(UndoProvisioning)
                .TransitionTo(Deprovisioning));

        During(OpeningAccount,
            When(AccountOpened)
                .Then(ctx =>
                {
                    Append(ctx, new WorkspaceActivated(ctx.Saga.CorrelationId, clock.GetUtcNow()));
                    ctx.Saga.DeadlineAt = null;
                })
                .TransitionTo(Active),
            When(AccountOpeningFailed)
                .Then(ctx => ctx.Saga.FailureReason = ctx.Message.Reason)
                .Then(UndoProvisioning)
                .TransitionTo(Deprovisioning),
            When(TimedOut, IsCurrentDeadline)
                .Then(ctx => ctx.Saga.FailureReason = "Opening the billing account timed out.")
                .Then(UndoAccount)
                .TransitionTo(ClosingAccount));

        During(ClosingAccount,
            When(AccountClosed).Then(UndoProvisioning).TransitionTo(Deprovisioning),
            When(TimedOut, IsCurrentDeadline).Then(UndoAccount));

        During(Deprovisioning,
            When(Deprovisioned)
                .Then(ctx =>
                {
                    Append(ctx, new WorkspaceFailed(ctx.Saga.CorrelationId, ctx.Saga.FailureReason ?? "Onboarding failed.", clock.GetUtcNow()));
                    ctx.Saga.DeadlineAt = null;
                })
                .TransitionTo(Failed),
            When(TimedOut, IsCurrentDeadline).Then(UndoProvisioning));
    }

    static void Append(BehaviorContext<WorkspaceOnboardingState> ctx, object @event) =>
        ctx.MartenSession().Events.Append(ctx.Saga.CorrelationId, @event);
}
