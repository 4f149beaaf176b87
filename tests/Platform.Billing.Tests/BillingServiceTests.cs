using MassTransit;
using Npgsql;
using Platform.Contracts.Billing;
using Platform.Testing;
using Xunit;

namespace Platform.Billing.Tests;

/// <summary>The billing service as its real process, with its own database and queue prefix.</summary>
public sealed class BillingService : IAsyncLifetime
{
    public ServiceUnderTest Service { get; private set; } = null!;
    public BusProbe Probe { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Service = await ServiceUnderTest.StartAsync("billing");
        Probe = await Service.ProbeAsync(typeof(BillingAccountOpened), typeof(BillingAccountOpeningFailed), typeof(BillingAccountClosed),
            typeof(Fault<OpenBillingAccount>), typeof(Fault<CloseBillingAccount>));
    }

    public async Task DisposeAsync()
    {
        await Probe.DisposeAsync();
        await Service.DisposeAsync();
    }

    public Task<BalanceDetails> Balance(Guid workspaceId) =>
        Probe.Request<GetBalance, BalanceDetails>(new GetBalance { WorkspaceId = workspaceId });

    /// <summary>
    /// Whether the service has committed its handling of a message: the inbox entry is written in the same transaction
    /// as the consumer's effects. Used only to know when to look; assertions are on what callers see.
    /// </summary>
    public async Task<bool> Handled(string consumer, Guid messageId)
    {
        await using var connection = new NpgsqlConnection(Service.Settings.Environment["ConnectionStrings__Postgres"]);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from billing.mt_doc_inboxentry where id = @id", connection);
        command.Parameters.AddWithValue("id", $"{consumer}/{messageId:N}");
        return (long)(await command.ExecuteScalarAsync() ?? 0L) > 0;
    }
}

public sealed class BillingServiceTests(BillingService billing) : IClassFixture<BillingService>
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    BusProbe Probe => billing.Probe;

    async Task<Guid> OpenAccount(Guid workspaceId, Guid? messageId = null)
    {
        var id = messageId ?? NewId.NextGuid();
        await Probe.Publish(new OpenBillingAccount { WorkspaceId = workspaceId, OwnerId = Guid.NewGuid() }, id);
        await Eventually.Until(() => billing.Handled("OpenBillingAccountConsumer", id), Timeout, $"billing to handle OpenBillingAccount {id}");
        return id;
    }

    [Fact]
    public async Task WhenAnAccountIsOpened_ThenOpenedIsPublishedAndTheBalanceIsTheWelcomeCredit()
    {
        var workspaceId = Guid.NewGuid();

        await Probe.Publish(new OpenBillingAccount { WorkspaceId = workspaceId, OwnerId = Guid.NewGuid() });

        var opened = await Probe.WaitFor<BillingAccountOpened>(m => m.WorkspaceId == workspaceId, Timeout);
        Assert.Equal("USD", opened.Currency);
        Assert.Equal(5_000_000, opened.WelcomeCreditMicros);
        var balance = await billing.Balance(workspaceId);
        Assert.Equal(new BalanceDetails { Found = true, AmountMicros = 5_000_000, Currency = "USD", Closed = false }, balance);
    }

    [Fact]
    public async Task GivenAnOpenAccount_WhenOpenedAgainWithANewMessageId_ThenTheWelcomeCreditIsGivenOnce()
    {
        var workspaceId = Guid.NewGuid();
        await OpenAccount(workspaceId);
        await Probe.WaitFor<BillingAccountOpened>(m => m.WorkspaceId == workspaceId, Timeout);

        await OpenAccount(workspaceId); // a new command, not a redelivery: handled, and must change nothing

        Assert.Equal(5_000_000, (await billing.Balance(workspaceId)).AmountMicros);
        Assert.Single(Probe.All<BillingAccountOpened>(), m => m.WorkspaceId == workspaceId);
        Assert.DoesNotContain(Probe.All<BillingAccountOpeningFailed>(), m => m.WorkspaceId == workspaceId);
    }

    [Fact]
    public async Task WhenTheSameOpenMessageIsDeliveredTwice_ThenItHasOneEffectAndTheDuplicateIsAcknowledged()
    {
        var workspaceId = Guid.NewGuid();
        var messageId = NewId.NextGuid();
        var command = new OpenBillingAccount { WorkspaceId = workspaceId, OwnerId = Guid.NewGuid() };
        await Probe.Publish(command, messageId);
        await Probe.WaitFor<BillingAccountOpened>(m => m.WorkspaceId == workspaceId, Timeout);

        await Probe.Publish(command, messageId);

        // A duplicate that is not recognised fails on the inbox key, is retried for ~17 s and then faults
        // (to the _error queue); one that is recognised is acknowledged and nothing is published.
        await Consistently.Holds(
            () => !Probe.All<Fault<OpenBillingAccount>>().Any(f => f.Message.WorkspaceId == workspaceId)
                  && Probe.All<BillingAccountOpened>().Count(m => m.WorkspaceId == workspaceId) == 1,
            TimeSpan.FromSeconds(20), "no fault and a single BillingAccountOpened for the duplicate");
        Assert.Equal(5_000_000, (await billing.Balance(workspaceId)).AmountMicros);
    }

    [Fact]
    public async Task GivenAnOpenAccount_WhenClosed_ThenTheBalanceIsZeroAndTheAccountClosed()
    {
        var workspaceId = Guid.NewGuid();
        await OpenAccount(workspaceId);

        await Probe.Publish(new CloseBillingAccount { WorkspaceId = workspaceId, Reason = "onboarding failed" });

        await Probe.WaitFor<BillingAccountClosed>(m => m.WorkspaceId == workspaceId, Timeout);
        var balance = await billing.Balance(workspaceId);
        Assert.True(balance.Found);
        Assert.True(balance.Closed);
        Assert.Equal(0, balance.AmountMicros);
        Assert.Equal("USD", balance.Currency);
    }

    [Fact]
    public async Task GivenAClosedAccount_WhenOpenedAgain_ThenOpeningFailsAndTheBalanceStaysZero()
    {
        var workspaceId = Guid.NewGuid();
        await OpenAccount(workspaceId);
        await Probe.Publish(new CloseBillingAccount { WorkspaceId = workspaceId, Reason = "onboarding failed" });
        await Probe.WaitFor<BillingAccountClosed>(m => m.WorkspaceId == workspaceId, Timeout);

        await Probe.Publish(new OpenBillingAccount { WorkspaceId = workspaceId, OwnerId = Guid.NewGuid() });

        var failed = await Probe.WaitFor<BillingAccountOpeningFailed>(m => m.WorkspaceId == workspaceId, Timeout);
        Assert.False(string.IsNullOrWhiteSpace(failed.Reason));
        Assert.Equal(0, (await billing.Balance(workspaceId)).AmountMicros);
    }

    [Fact]
    public async Task GivenACloseForAnUnknownWorkspace_WhenOpened_ThenOpeningFailsWithAReason()
    {
        var workspaceId = Guid.NewGuid();
        await Probe.Publish(new CloseBillingAccount { WorkspaceId = workspaceId, Reason = "timed out before the account was opened" });
        await Probe.WaitFor<BillingAccountClosed>(m => m.WorkspaceId == workspaceId, Timeout);

        await Probe.Publish(new OpenBillingAccount { WorkspaceId = workspaceId, OwnerId = Guid.NewGuid() });

        var failed = await Probe.WaitFor<BillingAccountOpeningFailed>(m => m.WorkspaceId == workspaceId, Timeout);
        Assert.False(string.IsNullOrWhiteSpace(failed.Reason));
        Assert.DoesNotContain(Probe.All<BillingAccountOpened>(), m => m.WorkspaceId == workspaceId);
        var balance = await billing.Balance(workspaceId);
        Assert.True(balance.Closed);
        Assert.Equal(0, balance.AmountMicros);
    }

    [Fact]
    public async Task WhenTheBalanceOfAnUnknownWorkspaceIsAsked_ThenItIsNotFound()
    {
        var balance = await billing.Balance(Guid.NewGuid());

        Assert.False(balance.Found);
    }
}
