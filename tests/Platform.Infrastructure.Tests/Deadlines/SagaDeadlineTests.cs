using Platform.Infrastructure.Sagas;
using Platform.Infrastructure.Tests.Hosting;

namespace Platform.Infrastructure.Tests.Deadlines;

public sealed class ApprovalService() : ServiceFixture("saga-deadlines");

public sealed class SagaDeadlineTests(ApprovalService fixture) : IClassFixture<ApprovalService>
{
    static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    /// <summary>How far ahead the step's deadline is: long enough to stop the first host before it passes.</summary>
    static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(4);
    readonly TestService _service = fixture.Service;

    WebApplication BuildHost() => _service.Build(
        s => s.Messaging(x => x.AddSagaStateMachine<ApprovalStateMachine, ApprovalState>().MartenRepository()),
        services => services.AddSagaDeadlines<ApprovalState>(s => new ApprovalTimedOut { ApprovalId = s.CorrelationId }),
        new Dictionary<string, string?> { ["Platform:Sagas:DeadlinePollInterval"] = "00:00:00.200" });

    [Fact]
    public async Task GivenWaitingSaga_WhenItsDeadlinePassesWhileNoHostRuns_ThenTheNextHostTimesItOutAndIgnoresALateDuplicate()
    {
        var approvalId = Guid.NewGuid();
        var first = BuildHost();
        await first.StartAsync();
        await first.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, Deadline);
        var answerBy = DateTimeOffset.UtcNow + AnswerWithin;
        await first.Services.GetRequiredService<IBus>().Publish(new ApprovalRequested { ApprovalId = approvalId, AnswerBy = answerBy });
        await Eventually.Until(() => LoadAsync(first, approvalId), s => s?.CurrentState == "Waiting", Deadline, "the approval to wait");
        await first.StopAndDisposeAsync();
        Assert.True(DateTimeOffset.UtcNow < answerBy, "the first host should have stopped before the deadline; raise AnswerWithin");

        var second = BuildHost();
        try
        {
            await Eventually.Until(() => Task.FromResult(DateTimeOffset.UtcNow > answerBy), Deadline, "the deadline to pass with no host");
            var waiting = await LoadAsync(second, approvalId);
            Assert.Equal("Waiting", waiting?.CurrentState);

            await second.StartAsync();
            var timedOut = await Eventually.Until(() => LoadAsync(second, approvalId), s => s?.CurrentState == "TimedOut", Deadline,
                "the approval to time out");

            Assert.Equal(1, timedOut!.TimeoutsApplied);
            Assert.Null(timedOut.DeadlineAt);
            Assert.Equal(answerBy.ToUnixTimeMilliseconds(), timedOut.MissedDeadline?.ToUnixTimeMilliseconds());
            Assert.True(timedOut.TimedOutAt >= answerBy);

            var lateId = Guid.NewGuid();
            await second.Services.GetRequiredService<IBus>().Publish(new ApprovalTimedOut { ApprovalId = approvalId }, c => c.MessageId = lateId);
            var log = second.Services.GetRequiredService<DeliveryLog>();
            await Eventually.Until(() => Task.FromResult(log.Consumed<ApprovalTimedOut>(lateId)), n => n == 1, Deadline,
                "the late timeout to be consumed");
            var afterLate = await LoadAsync(second, approvalId);
            Assert.Equal("TimedOut", afterLate?.CurrentState);
            Assert.Equal(1, afterLate?.TimeoutsApplied);
            Assert.Empty(log.Faults<ApprovalTimedOut>());
        }
        finally
        {
            await second.StopAndDisposeAsync();
        }
    }

    static async Task<ApprovalState?> LoadAsync(WebApplication host, Guid approvalId)
    {
        await using var query = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await query.LoadAsync<ApprovalState>(approvalId);
    }
}
