using Platform.Contracts;

namespace Platform.Tenant.Members;

/// <summary>A decision refused a command: a stable code and a message for the user.</summary>
public sealed class DomainRuleViolated(string code, string message, string? field = null) : Exception(message)
{
    public string Code { get; } = code;
    public string? Field { get; } = field;

    public UserError ToUserError() => new() { Field = Field, Code = Code, Message = Message };
}

/// <summary>The error codes of teams and invitations.</summary>
public static class TeamErrors
{
    public const string NotAllowed = "NOT_ALLOWED";
    public const string LastOwner = "LAST_OWNER";
    public const string NotAMember = "NOT_A_MEMBER";
    public const string AlreadyMember = "ALREADY_MEMBER";
    public const string AlreadyInvited = "ALREADY_INVITED";
    public const string InvalidRole = "INVALID_ROLE";
    public const string InvalidEmail = "INVALID_EMAIL";
    public const string EmailMismatch = "EMAIL_MISMATCH";
    public const string InvitationNotFound = "INVITATION_NOT_FOUND";
    public const string InvitationExpired = "INVITATION_EXPIRED";
    public const string InvitationUsed = "INVITATION_USED";
    public const string InvitationRevoked = "INVITATION_REVOKED";
    public const string InvalidState = "INVALID_STATE";
    /// <summary>resendCustomerInvitation: the customer already accepted, the workspace has its owner.</summary>
    public const string AlreadyHasOwner = "ALREADY_HAS_OWNER";
}
