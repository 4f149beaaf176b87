using System.ComponentModel;
using GraphQL.Types;

namespace Platform.Gateway.Workspaces;

/// <summary>Where a workspace is in its life.</summary>
public enum WorkspaceStatus
{
    [Description("Being set up: namespace, quota and billing account are on their way.")]
    Provisioning,

    [Description("Ready to use.")]
    Active,

    [Description("Setting up failed and everything done so far was undone; see failureReason.")]
    Failed,

    [Description("Being deleted by its owner: apps, namespace and billing account are on their way out; billing has stopped.")]
    Deleting,

    [Description("Deleted: nothing is left on the cluster and the account is closed. It no longer appears in me.workspaces.")]
    Deleted,
}

/// <summary>The GraphQL enum of <see cref="WorkspaceStatus"/>.</summary>
public sealed class WorkspaceStatusType : EnumerationGraphType<WorkspaceStatus>
{
    public WorkspaceStatusType()
    {
        Name = "WorkspaceStatus";
        Description = "Where a workspace is in its life: PROVISIONING, ACTIVE or FAILED, then DELETING and DELETED.";
    }

    /// <summary>The status the tenant service reports ("Active", "ACTIVE", ...), or null for one the gateway does not know.</summary>
    public static WorkspaceStatus? Parse(string status) =>
        Enum.TryParse<WorkspaceStatus>(status.Replace("_", ""), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : null;
}
