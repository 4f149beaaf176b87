namespace Platform.Gateway.Schema;

/// <summary>The one GraphQL schema of Platform.</summary>
public sealed class PlatformSchema : GraphQL.Types.Schema
{
    public PlatformSchema(IServiceProvider services, QueryType query, MutationType mutation) : base(services)
    {
        Description = "Platform: self-service, multi-tenant cloud workspaces.";
        Query = query;
        Mutation = mutation;
    }
}
