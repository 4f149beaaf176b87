using GraphQL.Types;
using Platform.Contracts.Tenants;
using Platform.Gateway.Connections;
using Platform.Gateway.Teams;
using Platform.Gateway.Workspaces;

namespace Platform.Gateway.Users;

/// <summary>A user of the platform.</summary>
public sealed class UserType : ObjectGraphType<UserDetails>
{
    public UserType()
    {
        Name = "User";
        Description = "A person who signed up; owns workspaces.";
        Field<NonNullGraphType<IdGraphType>, Guid>("id").Description("The user's id.").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>, string>("email").Description("The e-mail address the user signs in with.").Resolve(c => c.Source.Email);
        Field<NonNullGraphType<StringGraphType>, string>("displayName").Description("The name shown for the user.").Resolve(c => c.Source.DisplayName);
        // The tenant service returns all of them with the user; paged here, oldest first, by (createdAt, id).
        this.ConnectionField<UserDetails, WorkspaceType, WorkspaceDetails>("workspaces")
            .Description("The workspaces the user belongs to, oldest first.")
            .Resolve(c => Connections.Connection<WorkspaceDetails>.Slice(c.Source.Workspaces, WorkspaceType.CursorKey, c.PageRequest()));
        this.AddInvitations();
        Partners.PartnerFields.AddPartnerFields(this);
    }
}
