namespace Platform.Gateway;

/// <summary>Limits and timeouts of the gateway (section Platform:Gateway).</summary>
public sealed class GatewayOptions
{
    /// <summary>Largest accepted request body in bytes; larger ones get 413.</summary>
    public int MaxRequestBytes { get; set; } = 1024 * 1024;

    /// <summary>Deepest field nesting a query may have (a top-level field is depth 1).</summary>
    public int MaxDepth { get; set; } = 12;

    /// <summary>Deepest nesting under __schema/__type, where standard introspection queries need about 15 levels.</summary>
    public int MaxIntrospectionDepth { get; set; } = 20;

    /// <summary>Most field selections (aliases included, fragments expanded) a query may have.</summary>
    public int MaxFields { get; set; } = 500;

    /// <summary>The most points (see Limits/CostModel) one query may cost; costlier ones get MAX_COST_EXCEEDED.</summary>
    public long MaxCost { get; set; } = 1000;

    /// <summary>Each caller's bucket of cost points (Platform:Gateway:Throttle:MaximumAvailable, :RestoreRate).</summary>
    public Limits.ThrottleOptions Throttle { get; set; } = new();

    /// <summary>How long an authenticated API key is remembered before the tenant service is asked again (revocation delay).</summary>
    public TimeSpan ApiKeyCacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long to wait for a service to answer a request.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public static GatewayOptions From(IConfiguration configuration)
    {
        var options = new GatewayOptions();
        configuration.GetSection("Platform:Gateway").Bind(options);
        return options;
    }
}
