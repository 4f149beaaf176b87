namespace Platform.KubeSim.Patching;

/// <summary>The patch merge keys (x-kubernetes-patch-merge-key) of the lists in the kinds KubeSim serves.</summary>
public static class PatchMergeKeys
{
    /// <summary>The merge key for the list at <paramref name="path"/> (kind, then field names, "[]" for list elements), or null to replace it.</summary>
    public static string? For(IReadOnlyList<string> path)
    {
        var field = path[^1];
        var parent = path.Count >= 2 ? path[^2] : "";
        return field switch
        {
            "containers" or "initContainers" or "ephemeralContainers" => "name",
            "volumes" or "env" or "imagePullSecrets" => "name",
            "volumeMounts" => "mountPath",
            "volumeDevices" => "devicePath",
            "hostAliases" => "ip",
            "ports" when path.Count >= 3 && path[^3] is "containers" or "initContainers" or "ephemeralContainers" => "containerPort",
            "ports" when parent == "spec" && path[0] == "Service" => "port",
            "conditions" when parent == "status" => "type",
            "ownerReferences" => "uid",
            _ => null,
        };
    }
}
