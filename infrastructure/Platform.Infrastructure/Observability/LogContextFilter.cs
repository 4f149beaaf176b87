using MassTransit;
using Platform.Contracts;
using Platform.Infrastructure.Outbox;
using SerilogLogContext = Serilog.Context.LogContext;

namespace Platform.Infrastructure.Observability;

/// <summary>Puts the message, correlation and workspace ids of the message being consumed on every log line.</summary>
public sealed class LogContextFilter<T> : IFilter<ConsumeContext<T>> where T : class
{
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        var workspaceId = context.Message is IWorkspaceMessage m
            ? m.WorkspaceId.ToString()
            : context.Headers.Get<string>(IntegrationEventForwarder.WorkspaceIdHeader);
        using (SerilogLogContext.PushProperty("MessageId", context.MessageId))
        using (SerilogLogContext.PushProperty("CorrelationId", context.CorrelationId ?? context.MessageId))
        using (SerilogLogContext.PushProperty("WorkspaceId", workspaceId))
        {
            await next.Send(context);
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("logContext");
}
