using GraphQL.Types;
using Platform.Gateway.Admin;
using Platform.Gateway.Partners;
using Platform.Gateway.Users;
using Platform.Gateway.Webhooks;
using Platform.Gateway.Workspaces;

namespace Platform.Gateway.Schema;

/// <summary>The root query type.</summary>
public sealed class QueryType : ObjectGraphType
{
    public QueryType()
    {
        Name = "Query";
        Description = "What a signed-in user can read.";
        this.AddMe();
        this.AddWorkspace();
        this.AddPartnerQueries();
        this.AddAdminQueries();
        this.AddClusterQueries();
        this.AddWebhookQueries();
    }
}
