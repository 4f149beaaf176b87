using GraphQL;
using GraphQL.Execution;
using Platform.Gateway.Http;
using Platform.Gateway.Limits;
using Platform.Gateway.Schema;
using Platform.Gateway.Services;
using Platform.Infrastructure.Hosting;
using Platform.Infrastructure.Messaging;
using Platform.Infrastructure.Observability;
using Platform.Infrastructure.Security;

namespace Platform.Gateway;

/// <summary>Builds the gateway web application: GraphQL at /graphql over the platform bus, health and metrics.</summary>
public static class GatewayApp
{
    /// <param name="configureServices">Replaces services after the gateway's own, e.g. a TimeProvider in tests.</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        var platform = PlatformOptions.From(builder.Configuration);
        var gateway = GatewayOptions.From(builder.Configuration);

        builder.AddPlatformLogging("gateway");
        builder.AddPlatformTracing("gateway");
        builder.Services.AddSingleton(platform);
        builder.Services.AddSingleton(gateway);
        builder.Services.AddSingleton(AccessTokens.FromConfiguration(builder.Configuration));
        builder.Services.AddSingleton<ServiceRequests>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<CostThrottle>();
        builder.Services.AddSingleton<Auth.ApiKeyAuthenticator>();
        // Request clients are created per call from IClientFactory with the gateway's timeout; no consumers here.
        builder.Services.AddPlatformBus("gateway", platform, _ => { });
        builder.Services.AddHealthChecks();

        builder.Services.AddGraphQL(graphQL => graphQL
            .AddSchema<PlatformSchema>()
            .AddGraphTypes(typeof(PlatformSchema).Assembly)
            .AddSystemTextJson()
            .AddErrorInfoProvider(new GatewayErrorInfo())
            .AddValidationRule(new QueryLimitsRule(gateway))
            .AddValidationRule(new QueriesOnlyOverGetRule())
            // Last: it charges the caller, so only an operation every other rule accepted gets priced.
            .AddValidationRule(new QueryCostRule())
            .AddUnhandledExceptionHandler(UnhandledErrors.Handle));

        configureServices?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapPlatformEndpoints();
        app.MapGraphQLEndpoint("/graphql");
        return app;
    }
}
