using GraphQL.Validation;
using Platform.Gateway.Auth;

namespace Platform.Gateway.Limits;

/// <summary>
/// Prices the operation before it runs (see <see cref="CostModel"/>): refuses it with MAX_COST_EXCEEDED above MaxCost,
/// with THROTTLED when the caller's bucket has fewer points than it costs, and otherwise takes the points.
/// Runs after the other rules and only on an otherwise valid operation, so a refused query is never charged.
/// </summary>
public sealed class QueryCostRule : IValidationRule
{
    public ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) => default;

    public ValueTask<IVariableVisitor?> GetVariableVisitorAsync(ValidationContext context) => default;

    public ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context)
    {
        if (context.Operation is null || context.HasErrors || context.UserContext is not Caller caller)
            return default;
        var (requested, error) = CostModel.Requested(context);
        caller.Cost = new QueryCost(requested);
        if (error is not null)
        {
            context.ReportError(error);
            return default;
        }
        var options = context.RequestServices!.GetRequiredService<GatewayOptions>();
        var limit = (long)Math.Min(options.MaxCost, options.Throttle.MaximumAvailable);
        if (requested > limit)
        {
            context.ReportError(new ValidationError(context.Document.Source, null!,
                $"The query costs {requested} points, more than the {limit} a query may cost; ask for smaller pages (first/last) or fewer fields.",
                context.Operation) { Code = GatewayErrors.MaxCostExceededCode });
            return default;
        }
        var (taken, retryAfter) = context.RequestServices!.GetRequiredService<CostThrottle>().TryTake(caller.Id, requested);
        if (taken)
            caller.Cost.Charged = requested;
        else
            context.ReportError(new ThrottledError(context, requested, retryAfter));
        return default;
    }
}

/// <summary>THROTTLED: the caller's bucket has too few points now; extensions.retryAfterSeconds says when to retry.</summary>
public sealed class ThrottledError : ValidationError
{
    public ThrottledError(ValidationContext context, long requested, TimeSpan retryAfter)
        : base(context.Document.Source, null!,
            $"Too many points used: this query costs {requested} and your bucket has fewer right now. Retry after {Seconds(retryAfter)} s.",
            context.Operation!)
    {
        Code = GatewayErrors.ThrottledCode;
        RetryAfterSeconds = Seconds(retryAfter);
    }

    /// <summary>Whole seconds to wait before the bucket holds enough points (at least 1).</summary>
    public int RetryAfterSeconds { get; }

    static int Seconds(TimeSpan wait) => (int)Math.Clamp(Math.Ceiling(Math.Min(wait.TotalSeconds, int.MaxValue)), 1, int.MaxValue);
}
