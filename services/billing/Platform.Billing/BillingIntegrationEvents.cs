using JasperFx.Events;
using Platform.Billing.Accounts;
using Platform.Billing.StoppingBilling;
using Platform.Contracts.Billing;
using Platform.Infrastructure.Outbox;

namespace Platform.Billing;

/// <summary>What the rest of the platform hears about billing accounts.</summary>
public sealed class BillingIntegrationEvents : IIntegrationEventMap
{
    public object? ToIntegrationMessage(IEvent committed) => committed.Data switch
    {
        AccountOpened e => new BillingAccountOpened { WorkspaceId = e.WorkspaceId, Currency = e.Currency, WelcomeCreditMicros = e.WelcomeCreditMicros },
        AccountCredited e => new BillingAccountCredited { WorkspaceId = e.WorkspaceId, AmountMicros = e.AmountMicros, Reason = e.Reason, CreditedAt = e.CreditedAt },
        AccountDebited e => new BillingAccountDebited { WorkspaceId = e.WorkspaceId, AmountMicros = e.AmountMicros, Reason = e.Reason, DebitedAt = e.DebitedAt },
        AccountOpeningRefused e => new BillingAccountOpeningFailed { WorkspaceId = e.WorkspaceId, Reason = e.Reason },
        AccountClosed e => new BillingAccountClosed { WorkspaceId = e.WorkspaceId },
        AccountBillingStopped e => new BillingStopped { WorkspaceId = e.WorkspaceId, StoppedAt = e.StoppedAt, AccountClosed = e.AccountWasClosed },
        _ => null,
    };
}
