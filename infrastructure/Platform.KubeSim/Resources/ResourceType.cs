namespace Platform.KubeSim.Resources;

/// <summary>How a served object name must look (Kubernetes name validation rules).</summary>
public enum NameRule { Dns1123Subdomain, Dns1123Label, PathSegment }

/// <summary>One served Kubernetes resource (a plural name in a group-version) and how it behaves.</summary>
public sealed record ResourceType(
    string Group,
    string Version,
    string Plural,
    string Singular,
    string Kind,
    bool Namespaced,
    string[] ShortNames,
    NameRule NameRule = NameRule.Dns1123Subdomain,
    bool HasStatus = false,
    bool HasScale = false)
{
    public string GroupVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The "plural.group" name Kubernetes uses in error messages ("deployments.apps").</summary>
    public string QualifiedName => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    public string StorageKey => $"{Group}/{Plural}";

    public IReadOnlyList<string> Verbs => Plural == "namespaces"
        ? ["create", "delete", "get", "list", "patch", "update", "watch"]
        : ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
}
