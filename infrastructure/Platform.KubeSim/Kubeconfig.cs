namespace Platform.KubeSim;

/// <summary>Writes a kubeconfig pointing kubectl and KubernetesClient at a KubeSim URL.</summary>
public static class Kubeconfig
{
    public const string ContextName = "kubesim";

    public static string Render(Uri server) =>
        $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: kubesim
          cluster:
            server: {server.GetLeftPart(UriPartial.Authority)}
        users:
        - name: kubesim
          user:
            token: kubesim-token
        contexts:
        - name: {ContextName}
          context:
            cluster: kubesim
            user: kubesim
            namespace: default
        current-context: {ContextName}
        preferences: {"{}"}

        """;

    public static string Write(string path, Uri server)
    {
        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        var temporary = fullPath + ".tmp";
        File.WriteAllText(temporary, Render(server));
        File.Move(temporary, fullPath, overwrite: true);
        return fullPath;
    }
}
