namespace Platform.KubeSim.Resources;

/// <summary>The resources KubeSim serves, by group-version.</summary>
public static class ResourceCatalog
{
    public static readonly ResourceType Namespaces = new("", "v1", "namespaces", "namespace", "Namespace", false, ["ns"], NameRule.Dns1123Label, HasStatus: true);
    public static readonly ResourceType Pods = new("", "v1", "pods", "pod", "Pod", true, ["po"], HasStatus: true);
    public static readonly ResourceType Deployments = new("apps", "v1", "deployments", "deployment", "Deployment", true, ["deploy"], HasStatus: true, HasScale: true);
    public static readonly ResourceType StatefulSets = new("apps", "v1", "statefulsets", "statefulset", "StatefulSet", true, ["sts"], HasStatus: true, HasScale: true);
    public static readonly ResourceType Jobs = new("batch", "v1", "jobs", "job", "Job", true, [], HasStatus: true);
    public static readonly ResourceType ResourceQuotas = new("", "v1", "resourcequotas", "resourcequota", "ResourceQuota", true, ["quota"], HasStatus: true);
    public static readonly ResourceType LimitRanges = new("", "v1", "limitranges", "limitrange", "LimitRange", true, ["limits"]);

    public static readonly IReadOnlyList<ResourceType> All =
    [
        Namespaces,
        ResourceQuotas,
        LimitRanges,
        new("", "v1", "serviceaccounts", "serviceaccount", "ServiceAccount", true, ["sa"]),
        new("", "v1", "secrets", "secret", "Secret", true, []),
        new("", "v1", "configmaps", "configmap", "ConfigMap", true, ["cm"]),
        new("", "v1", "services", "service", "Service", true, ["svc"], NameRule.Dns1123Label, HasStatus: true),
        new("", "v1", "persistentvolumeclaims", "persistentvolumeclaim", "PersistentVolumeClaim", true, ["pvc"], HasStatus: true),
        Pods,
        Deployments,
        StatefulSets,
        Jobs,
        new("batch", "v1", "cronjobs", "cronjob", "CronJob", true, ["cj"], HasStatus: true),
        new("rbac.authorization.k8s.io", "v1", "roles", "role", "Role", true, [], NameRule.PathSegment),
        new("rbac.authorization.k8s.io", "v1", "rolebindings", "rolebinding", "RoleBinding", true, [], NameRule.PathSegment),
        new("networking.k8s.io", "v1", "networkpolicies", "networkpolicy", "NetworkPolicy", true, ["netpol"]),
    ];

    public static IEnumerable<string> GroupVersions => All.Select(r => r.GroupVersion).Distinct();

    public static IEnumerable<ResourceType> InGroupVersion(string groupVersion) =>
        All.Where(r => r.GroupVersion == groupVersion);

    public static ResourceType? Find(string group, string version, string plural) =>
        All.FirstOrDefault(r => r.Group == group && r.Version == version && r.Plural == plural);
}
