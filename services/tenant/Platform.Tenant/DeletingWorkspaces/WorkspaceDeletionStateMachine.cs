using MassTransit;
using Platform.Contracts.Billing;
using Platform.Contracts.Cluster;
using Platform.Infrastructure.Sagas;
using Platform.Tenant.Workspaces;
using DeletionRequestedMessage = Platform.Contracts.Tenants.WorkspaceDeletionRequested;

namespace Platform.Tenant.DeletingWorkspaces;

/// <summary>
/// Uninstall the apps (app-store, skipped until it exists) → stop billing at the moment deletion was requested
/// (billing) → remove the namespace (cluster) → close the account (billing, unless it was already closed) → DELETED.
/// Deletion only goes forward: there is nothing to compensate back to (the owner asked for the workspace to go), so a
/// step that does not answer before its deadline gets its command sent again, with a warning each time, until it
/// answers. Every participant answers a repeat, so re-sending is always safe.
/// </summary>
public sealed class WorkspaceDeletionStateMachine : MassTransitStateMachine<WorkspaceDeletionState>
{
    public const string Reason = "The workspace was deleted by its owner.";

    public State StoppingBilling { get; private set; } = null!;
    public State Deprovisioning { get; private set; } = null!;
    public State ClosingAccount { get; private set; } = null!;
    public State Deleted { get; private set; } = null!;

    public Event<DeletionRequestedMessage> Requested { get; private set; } = null!;
    public Event<BillingStopped> BillingStopped { get; private set; } = null!;
    public Event<WorkspaceDeprovisioned> Deprovisioned { get; private set; } = null!;
    public Event<BillingAccountClosed> AccountClosed { get; private set; } = null!;
    public Event<WorkspaceDeletionStepTimedOut> TimedOut { get; private set; } = null!;

    public WorkspaceDeletionStateMachine(DeletionOptions options, TimeProvider clock, ILogger<WorkspaceDeletionStateMachine> logger)
    {
        InstanceState(x => x.CurrentState);
        Event(() => Requested, e => e.CorrelateById(m => m.Message.WorkspaceId));
        // The cluster and billing answer onboarding's compensations with the same events: those have no deletion to continue.
        Event(() => BillingStopped, e => AnswerOfAStep(e));
        Event(() => Deprovisioned, e => AnswerOfAStep(e));
        Event(() => AccountClosed, e => AnswerOfAStep(e));
        Event(() => TimedOut, e => AnswerOfAStep(e));
        // Duplicates, late answers and a second request once deletion is under way change nothing.
        OnUnhandledEvent(x => x.Ignore());

        bool IsCurrentDeadline(BehaviorContext<WorkspaceDeletionState, WorkspaceDeletionStepTimedOut> ctx) =>
            ctx.Saga.DeadlineAt == ctx.Message.DeadlineAt;

        void Send(BehaviorContext<WorkspaceDeletionState> ctx, Func<int, object> command, bool nextStep)
        {
            ctx.Saga.Attempt = nextStep ? 1 : ctx.Saga.Attempt + 1;
            Append(ctx, command(ctx.Saga.Attempt));
            ctx.Saga.DeadlineAt = clock.GetUtcNow() + options.StepTimeout;
        }

        void StopBilling(BehaviorContext<WorkspaceDeletionState> ctx, bool nextStep) =>
            Send(ctx, attempt => new DeletionBillingStopRequested(ctx.Saga.CorrelationId, ctx.Saga.RequestedAt, attempt), nextStep);

        void Deprovision(BehaviorContext<WorkspaceDeletionState> ctx, bool nextStep) =>
            Send(ctx, attempt => new DeletionDeprovisioningRequested(ctx.Saga.CorrelationId, Reason, attempt), nextStep);

        void CloseAccount(BehaviorContext<WorkspaceDeletionState> ctx, bool nextStep) =>
            Send(ctx, attempt => new DeletionAccountClosingRequested(ctx.Saga.CorrelationId, Reason, attempt), nextStep);

        void Finish(BehaviorContext<WorkspaceDeletionState> ctx)
        {
            var now = clock.GetUtcNow();
            Append(ctx, new WorkspaceDeleted(ctx.Saga.CorrelationId, now));
            ctx.Saga.DeletedAt = now;
            ctx.Saga.DeadlineAt = null;
            logger.LogInformation("Workspace {WorkspaceId} deleted", ctx.Saga.CorrelationId);
        }

        void Retry(BehaviorContext<WorkspaceDeletionState> ctx, string step) =>
            logger.LogWarning("Deleting workspace {WorkspaceId}: {Step} got no answer within {StepTimeout} (attempt {Attempt}); sending it again",
                ctx.Saga.CorrelationId, step, options.StepTimeout, ctx.Saga.Attempt);

        Initially(
            When(Requested)
                .Then(ctx =>
                {
                    ctx.Saga.RequestedBy = ctx.Message.RequestedBy;
                    ctx.Saga.Namespace = ctx.Message.Namespace;
                    ctx.Saga.RequestedAt = ctx.Message.RequestedAt;
                    // Step 1, uninstalling the apps, belongs to the app-store service, which does not exist yet. When it does,
                    // append its command here (e.g. DeletionAppsUninstallRequested → UninstallWorkspaceApps), transition to
                    // an UninstallingApps state that moves on to StopBilling when WorkspaceAppsUninstalled arrives and
                    // re-sends on TimedOut like the steps below.
                    logger.LogInformation("Deleting workspace {WorkspaceId}: no app-store service yet, uninstalling apps skipped",
                        ctx.Saga.CorrelationId);
                    StopBilling(ctx, nextStep: true);
                })
                .TransitionTo(StoppingBilling));

        During(StoppingBilling,
            When(BillingStopped)
                .Then(ctx =>
                {
                    ctx.Saga.AccountAlreadyClosed = ctx.Message.AccountClosed;
                    Deprovision(ctx, nextStep: true);
                })
                .TransitionTo(Deprovisioning),
            When(TimedOut, IsCurrentDeadline)
                .Then(ctx => Retry(ctx, "stopping billing"))
                .Then(ctx => StopBilling(ctx, nextStep: false)));

        During(Deprovisioning,
            When(Deprovisioned, ctx => ctx.Saga.AccountAlreadyClosed)
                .Then(Finish)
                .TransitionTo(Deleted),
            When(Deprovisioned, ctx => !ctx.Saga.AccountAlreadyClosed)
                .Then(ctx => CloseAccount(ctx, nextStep: true))
                .TransitionTo(ClosingAccount),
            When(TimedOut, IsCurrentDeadline)
                .Then(ctx => Retry(ctx, "removing the namespace"))
                .Then(ctx => Deprovision(ctx, nextStep: false)));

        During(ClosingAccount,
            When(AccountClosed)
                .Then(Finish)
                .TransitionTo(Deleted),
            When(TimedOut, IsCurrentDeadline)
                .Then(ctx => Retry(ctx, "closing the account"))
                .Then(ctx => CloseAccount(ctx, nextStep: false)));
    }

    static void AnswerOfAStep<T>(IEventCorrelationConfigurator<WorkspaceDeletionState, T> e) where T : class, Contracts.IWorkspaceMessage
    {
        e.CorrelateById(m => m.Message.WorkspaceId);
        e.OnMissingInstance(m => m.Discard());
    }

    static void Append(BehaviorContext<WorkspaceDeletionState> ctx, object @event) =>
        ctx.MartenSession().Events.Append(ctx.Saga.CorrelationId, @event);
}
