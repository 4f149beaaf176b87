using k8s;
using k8s.Models;

namespace Platform.Cluster.Provisioning;

/// <summary>A workspace's hard quota in Kubernetes quantities (Platform:Cluster:Quota).</summary>
public sealed record QuotaSpec(string Cpu, string Memory, string Storage, int Pods, int NodePorts)
{
    public static QuotaSpec From(IConfiguration configuration) => new(
        configuration["Platform:Cluster:Quota:Cpu"] ?? "16",
        configuration["Platform:Cluster:Quota:Memory"] ?? "64Gi",
        configuration["Platform:Cluster:Quota:Storage"] ?? "100Gi",
        configuration.GetValue("Platform:Cluster:Quota:Pods", 20),
        configuration.GetValue("Platform:Cluster:Quota:NodePorts", 10));

    public int CpuCores => (int)Math.Ceiling(new ResourceQuantity(Cpu).ToDecimal());
}

/// <summary>Default container requests and limits of a workspace (Platform:Cluster:Limits).</summary>
public sealed record LimitSpec(string DefaultRequestCpu, string DefaultRequestMemory, string DefaultLimitCpu, string DefaultLimitMemory)
{
    public static LimitSpec From(IConfiguration configuration) => new(
        configuration["Platform:Cluster:Limits:DefaultRequestCpu"] ?? "50m",
        configuration["Platform:Cluster:Limits:DefaultRequestMemory"] ?? "64Mi",
        configuration["Platform:Cluster:Limits:DefaultLimitCpu"] ?? "500m",
        configuration["Platform:Cluster:Limits:DefaultLimitMemory"] ?? "512Mi");
}

/// <summary>
/// The objects that make a namespace a workspace, applied with server-side apply so that applying twice
/// changes nothing: Namespace, ResourceQuota, LimitRange, NetworkPolicy, ServiceAccount, Role, RoleBinding, and the
/// Roles of the workspace roles (platform-owner, -manager, -developer, -viewer).
/// </summary>
public sealed class NamespaceBlueprint(QuotaSpec quota, LimitSpec limits)
{
    public const string FieldManager = "platform-cluster";
    public const string WorkspaceLabel = "platform.io/workspace-id";
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";
    public const string QuotaName = "workspace-quota";
    public const string LimitRangeName = "workspace-limits";
    public const string NetworkPolicyName = "workspace-isolation";
    public const string ServiceAccountName = "workspace-admin";
    public const string RoleName = "workspace-admin";
    public const string RoleBindingName = "workspace-admin";

    public QuotaSpec Quota => quota;

    public async Task ApplyAsync(IKubernetes client, string ns, Guid workspaceId, CancellationToken cancellationToken)
    {
        var labels = new Dictionary<string, string> { [WorkspaceLabel] = workspaceId.ToString(), [ManagedByLabel] = "platform" };
        V1ObjectMeta Meta(string name) => new() { Name = name, NamespaceProperty = ns, Labels = labels };
        static V1Patch Apply(object o) => new(o, V1Patch.PatchType.ApplyPatch);

        await client.CoreV1.PatchNamespaceAsync(Apply(new V1Namespace
        {
            ApiVersion = "v1", Kind = "Namespace",
            Metadata = new V1ObjectMeta { Name = ns, Labels = labels },
        }), ns, fieldManager: FieldManager, force: true, cancellationToken: cancellationToken);

        await client.CoreV1.PatchNamespacedResourceQuotaAsync(Apply(new V1ResourceQuota
        {
            ApiVersion = "v1", Kind = "ResourceQuota", Metadata = Meta(QuotaName),
            Spec = new V1ResourceQuotaSpec
            {
                Hard = new Dictionary<string, ResourceQuantity>
                {
                    ["requests.cpu"] = new(quota.Cpu), ["limits.cpu"] = new(quota.Cpu),
                    ["requests.memory"] = new(quota.Memory), ["limits.memory"] = new(quota.Memory),
                    ["requests.storage"] = new(quota.Storage),
                    ["pods"] = new(quota.Pods.ToString()),
                    ["services.nodeports"] = new(quota.NodePorts.ToString()),
                },
            },
        }), QuotaName, ns, fieldManager: FieldManager, force: true, cancellationToken: cancellationToken);

        await client.CoreV1.PatchNamespacedLimitRangeAsync(Apply(new V1LimitRange
        {
            ApiVersion = "v1", Kind = "LimitRange", Metadata = Meta(LimitRangeName),
            Spec = new V1LimitRangeSpec
            {
                Limits =
                [
                    new V1LimitRangeItem
                    {
                        Type = "Container",
                        DefaultRequest = new Dictionary<string, ResourceQuantity>
                        {
                            ["cpu"] = new(limits.DefaultRequestCpu), ["memory"] = new(limits.DefaultRequestMemory),
                        },
                        DefaultProperty = new Dictionary<string, ResourceQuantity>
                        {
                            ["cpu"] = new(limits.DefaultLimitCpu), ["memory"] = new(limits.DefaultLimitMemory),
                        },
                    },
                ],
            },
        }), LimitRangeName, ns, fieldManager: FieldManager, force: true, cancellationToken: cancellationToken);

        // Ingress only from pods of the same namespace: other workspaces cannot reach this one.
        await client.NetworkingV1.PatchNamespacedNetworkPolicyAsync(Apply(new V1NetworkPolicy
        {
            ApiVersion = "networking.k8s.io/v1", Kind = "NetworkPolicy", Metadata = Meta(NetworkPolicyName),
            Spec = new V1NetworkPolicySpec
            {
                PodSelector = new V1LabelSelector(),
                PolicyTypes = ["Ingress"],
                Ingress = [new V1NetworkPolicyIngressRule { FromProperty = [new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector() }] }],
            },
        }), NetworkPolicyName, ns, fieldManager: FieldManager, force: true, cancellationToken: cancellationToken);

        await client.CoreV1.PatchNamespacedServiceAccountAsync(Apply(new V1ServiceAccount
        {
            ApiVersion = "v1", Kind = "ServiceAccount", Metadata = Meta(ServiceAccountName),
        }), ServiceAccountName, ns, fieldManager: FieldManager, force: true, cancellationToken: cancellationToken);

        await client.RbacAuthorizationV1.PatchNamespacedRoleAsync(Apply(new V1Role
        {
            ApiVersion = "rbac.authorization.k8s.io/v1", Kind = "Role", Metadata = Meta(RoleName),
            Rules =
            [
                new V1PolicyRule
                {
                    ApiGroups = ["", "apps", "batch", "networking.k8s.io"],
                    Resources = ["pods", "pods/log", "services", "configmaps", "secrets", "persistentvolumeclaims", "deployments",
                        "statefulsets", "jobs", "cronjobs", "ingresses"],
                    Verbs = ["get", "list", "watch", "create", "update", "patch", "delete"],
                },
            ],
        }), RoleName, ns, fieldManager: FieldManager, force: true, cancellationToken: cancellationToken);

        await client.RbacAuthorizationV1.PatchNamespacedRoleBindingAsync(Apply(new V1RoleBinding
        {
            ApiVersion = "rbac.authorization.k8s.io/v1", Kind = "RoleBinding", Metadata = Meta(RoleBindingName),
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = RoleName },
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = ServiceAccountName, NamespaceProperty = ns }],
        }), RoleBindingName, ns, fieldManager: FieldManager, force: true, cancellationToken: cancellationToken);

        // A Role per workspace role; members are bound to theirs (BindingMembers).
        await BindingMembers.MemberRoles.ApplyRolesAsync(client, ns, workspaceId, cancellationToken);
    }

    /// <summary>Deletes the namespace (and so everything in it); a namespace that is already gone is fine.</summary>
    public static async Task RemoveAsync(IKubernetes client, string ns, CancellationToken cancellationToken)
    {
        try
        {
            await client.CoreV1.DeleteNamespaceAsync(ns, cancellationToken: cancellationToken);
        }
        catch (k8s.Autorest.HttpOperationException ex) when (ex.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
        }
    }
}
