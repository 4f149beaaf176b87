using k8s;
using k8s.Autorest;
using k8s.Models;
using Platform.Cluster.Provisioning;
using Platform.Contracts.Tenants;

namespace Platform.Cluster.BindingMembers;

/// <summary>
/// What each workspace role may do in the namespace: viewers read workloads; developers also change them;
/// managers and owners also handle secrets and can read service accounts and RBAC. Nobody gets to change RBAC:
/// the platform owns the namespace's roles and bindings.
/// </summary>
public static class MemberRoles
{
    public const string UserLabel = "platform.io/user-id";
    public const string RoleLabel = "platform.io/role";
    const string RbacGroup = "rbac.authorization.k8s.io";

    static readonly string[] ApiGroups = ["", "apps", "batch", "networking.k8s.io", "autoscaling", "policy"];
    static readonly string[] Workloads =
    [
        "pods", "services", "endpoints", "configmaps", "persistentvolumeclaims", "deployments", "deployments/scale", "replicasets",
        "statefulsets", "statefulsets/scale", "daemonsets", "jobs", "cronjobs", "ingresses", "horizontalpodautoscalers", "poddisruptionbudgets",
    ];
    static readonly string[] Read = ["get", "list", "watch"];
    static readonly string[] Write = ["create", "update", "patch", "delete", "deletecollection"];

    /// <summary>The namespace Role of a workspace role: platform-owner, platform-manager, platform-developer, platform-viewer.</summary>
    public static string RoleName(string workspaceRole) => "platform-" + workspaceRole.ToLowerInvariant();

    /// <summary>The RoleBinding of a member: one per user, named after the user id.</summary>
    public static string BindingName(Guid userId) => $"platform-user-{userId:N}";

    /// <summary>The Kubernetes user a member authenticates as.</summary>
    public static string Subject(Guid userId) => $"platform:user:{userId}";

    public static IReadOnlyList<V1PolicyRule> Rules(string workspaceRole)
    {
        List<V1PolicyRule> rules =
        [
            new() { ApiGroups = ApiGroups, Resources = [.. Workloads, "pods/log", "events"], Verbs = Read },
        ];
        if (workspaceRole is WorkspaceRoles.Developer or WorkspaceRoles.Manager or WorkspaceRoles.Owner)
        {
            rules.Add(new() { ApiGroups = ApiGroups, Resources = Workloads, Verbs = Write });
            rules.Add(new() { ApiGroups = [""], Resources = ["pods/exec", "pods/portforward", "pods/attach"], Verbs = ["create", "get"] });
        }
        if (workspaceRole is WorkspaceRoles.Manager or WorkspaceRoles.Owner)
        {
            rules.Add(new() { ApiGroups = [""], Resources = ["secrets"], Verbs = [.. Read, .. Write] });
            rules.Add(new() { ApiGroups = [""], Resources = ["serviceaccounts", "resourcequotas", "limitranges"], Verbs = Read });
            rules.Add(new() { ApiGroups = [RbacGroup], Resources = ["roles", "rolebindings"], Verbs = Read });
        }
        return rules;
    }

    static Dictionary<string, string> Labels(Guid workspaceId) =>
        new() { [NamespaceBlueprint.WorkspaceLabel] = workspaceId.ToString(), [NamespaceBlueprint.ManagedByLabel] = "platform" };

    /// <summary>The four roles of a workspace namespace, by server-side apply.</summary>
    public static async Task ApplyRolesAsync(IKubernetes client, string ns, Guid workspaceId, CancellationToken cancellationToken)
    {
        foreach (var role in WorkspaceRoles.All)
            await client.RbacAuthorizationV1.PatchNamespacedRoleAsync(new V1Patch(new V1Role
            {
                ApiVersion = $"{RbacGroup}/v1", Kind = "Role",
                Metadata = new V1ObjectMeta { Name = RoleName(role), NamespaceProperty = ns, Labels = Labels(workspaceId) },
                Rules = [.. Rules(role)],
            }, V1Patch.PatchType.ApplyPatch), RoleName(role), ns, fieldManager: NamespaceBlueprint.FieldManager, force: true,
                cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Binds the member to their role's Role. A RoleBinding's roleRef cannot change, so a binding to another role is
    /// deleted first; applying the same binding again changes nothing.
    /// </summary>
    public static async Task BindAsync(IKubernetes client, string ns, Guid workspaceId, Guid userId, string workspaceRole,
        CancellationToken cancellationToken)
    {
        var name = BindingName(userId);
        var existing = await ReadAsync(client, ns, name, cancellationToken);
        if (existing is not null && existing.RoleRef.Name != RoleName(workspaceRole))
            await UnbindAsync(client, ns, userId, cancellationToken);
        var labels = Labels(workspaceId);
        labels[UserLabel] = userId.ToString();
        labels[RoleLabel] = workspaceRole;
        await client.RbacAuthorizationV1.PatchNamespacedRoleBindingAsync(new V1Patch(new V1RoleBinding
        {
            ApiVersion = $"{RbacGroup}/v1", Kind = "RoleBinding",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = labels },
            RoleRef = new V1RoleRef { ApiGroup = RbacGroup, Kind = "Role", Name = RoleName(workspaceRole) },
            Subjects = [new Rbacv1Subject { ApiGroup = RbacGroup, Kind = "User", Name = Subject(userId) }],
        }, V1Patch.PatchType.ApplyPatch), name, ns, fieldManager: NamespaceBlueprint.FieldManager, force: true, cancellationToken: cancellationToken);
    }

    /// <summary>Deletes the member's binding; one that is already gone is fine.</summary>
    public static async Task UnbindAsync(IKubernetes client, string ns, Guid userId, CancellationToken cancellationToken)
    {
        try
        {
            await client.RbacAuthorizationV1.DeleteNamespacedRoleBindingAsync(BindingName(userId), ns, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
        }
    }

    static async Task<V1RoleBinding?> ReadAsync(IKubernetes client, string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync(name, ns, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
