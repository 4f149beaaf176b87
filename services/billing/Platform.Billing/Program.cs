using MassTransit;
using Platform.Billing;
using Platform.Billing.Accounts;
using Platform.Billing.OpeningAccount;
using Platform.Billing.StoppingBilling;
using Platform.Billing.Webhooks;
using Platform.Infrastructure.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformDefaults("billing", platform => platform
    .Store(store =>
    {
        store.Events.AddEventTypes([
            typeof(AccountOpened), typeof(AccountCredited), typeof(AccountDebited), typeof(AccountOpeningRefused), typeof(AccountClosed),
            typeof(AccountBillingStopped)]);
        store.AddWebhookStorage();
    })
    .Messaging(bus => bus.AddConsumers(typeof(BillingIntegrationEvents).Assembly))
    .PublishEvents<BillingIntegrationEvents>());
builder.Services.AddSingleton(BillingOptions.From(builder.Configuration));
builder.Services.AddWebhooks(builder.Configuration);

var app = builder.Build();
app.MapPlatformEndpoints();
app.Run();

/// <summary>Entry point of the billing service (visible to tests).</summary>
public partial class Program;
