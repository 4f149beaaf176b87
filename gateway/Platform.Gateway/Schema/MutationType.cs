using GraphQL.Types;
using Platform.Gateway.Admin;
using Platform.Gateway.Partners;
using Platform.Gateway.DeletingWorkspaces;
using Platform.Gateway.Invitations;
using Platform.Gateway.SigningIn;
using Platform.Gateway.SigningUp;
using Platform.Gateway.Teams;
using Platform.Gateway.Webhooks;
using Platform.Gateway.Workspaces;

namespace Platform.Gateway.Schema;

/// <summary>The root mutation type.</summary>
public sealed class MutationType : ObjectGraphType
{
    public MutationType()
    {
        Name = "Mutation";
        Description = "What a user can change; expected failures come back as userErrors in the payload.";
        this.AddSignUp();
        this.AddSignIn();
        this.AddCreateWorkspace();
        this.AddInvitationMutations();
        this.AddTeamMutations();
        this.AddDeleteWorkspace();
        this.AddPartnerMutations();
        this.AddAdminMutations();
        this.AddClusterMutations();
        this.AddWebhookMutations();
    }
}
