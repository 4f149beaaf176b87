using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace Platform.KubeSim.Tests;

/// <summary>
/// kubectl's typed commands (create …, run, expose) send protobuf bodies; KubeSim decodes them into the same objects
/// the JSON path stores, which the tests read back with `kubectl get -o json`.
/// </summary>
public sealed class KubectlCreateTests(KubeSimFixture fixture) : IClassFixture<KubeSimFixture>
{
    private readonly Kubectl kubectl = new(fixture.KubeconfigPath, Path.Combine(fixture.Directory, "kubectl-cache"));

    private async Task<string> NamespaceAsync()
    {
        var ns = $"pb-{Guid.NewGuid():N}"[..16];
        await kubectl.SucceedAsync("create", "namespace", ns);
        return ns;
    }

    private async Task<JsonNode> GetAsync(string ns, string kind, string name) =>
        JsonNode.Parse(await kubectl.SucceedAsync("get", kind, name, "-n", ns, "-o", "json"))!;

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task CreateConfigMap_FromLiterals_RoundTripsTheData()
    {
        var ns = await NamespaceAsync();

        Assert.Contains("configmap/settings created",
            await kubectl.SucceedAsync("create", "configmap", "settings", "-n", ns, "--from-literal=color=blue", "--from-literal=size=large"));

        var cm = await GetAsync(ns, "configmap", "settings");
        Assert.Equal("blue", cm["data"]!["color"]!.GetValue<string>());
        Assert.Equal("large", cm["data"]!["size"]!.GetValue<string>());
        Assert.Equal(2, cm["data"]!.AsObject().Count);
    }

    [Fact]
    public async Task CreateSecretGeneric_FromLiteral_StoresBase64Data()
    {
        var ns = await NamespaceAsync();

        await kubectl.SucceedAsync("create", "secret", "generic", "creds", "-n", ns, "--from-literal=password=s3cr3t!", "--from-literal=user=admin");

        var secret = await GetAsync(ns, "secret", "creds");
        Assert.Equal("Opaque", secret["type"]!.GetValue<string>());
        Assert.Equal(B64("s3cr3t!"), secret["data"]!["password"]!.GetValue<string>());
        Assert.Equal(B64("admin"), secret["data"]!["user"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateSecretTls_StoresCertificateAndKey()
    {
        var ns = await NamespaceAsync();
        var cert = Path.Combine(fixture.Directory, $"{ns}.crt");
        var key = Path.Combine(fixture.Directory, $"{ns}.key");
        await WriteSelfSignedCertificateAsync(cert, key);

        await kubectl.SucceedAsync("create", "secret", "tls", "site", "-n", ns, $"--cert={cert}", $"--key={key}");

        var secret = await GetAsync(ns, "secret", "site");
        Assert.Equal("kubernetes.io/tls", secret["type"]!.GetValue<string>());
        Assert.Equal(Convert.ToBase64String(await File.ReadAllBytesAsync(cert)), secret["data"]!["tls.crt"]!.GetValue<string>());
        Assert.Equal(Convert.ToBase64String(await File.ReadAllBytesAsync(key)), secret["data"]!["tls.key"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateQuota_RoundTripsHardLimits()
    {
        var ns = await NamespaceAsync();

        await kubectl.SucceedAsync("create", "quota", "limits", "-n", ns, "--hard=cpu=2,pods=5,memory=1Gi");

        var hard = (await GetAsync(ns, "resourcequota", "limits"))["spec"]!["hard"]!;
        Assert.Equal("2", hard["cpu"]!.GetValue<string>());
        Assert.Equal("5", hard["pods"]!.GetValue<string>());
        Assert.Equal("1Gi", hard["memory"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateServiceAccountRoleAndRoleBinding_RoundTripRulesAndSubjects()
    {
        var ns = await NamespaceAsync();

        await kubectl.SucceedAsync("create", "serviceaccount", "robot", "-n", ns);
        await kubectl.SucceedAsync("create", "role", "reader", "-n", ns, "--verb=get", "--verb=list", "--resource=pods", "--resource=deployments.apps");
        await kubectl.SucceedAsync("create", "rolebinding", "read", "-n", ns, "--role=reader", "--user=alice", $"--serviceaccount={ns}:robot");

        Assert.Equal("robot", (await GetAsync(ns, "serviceaccount", "robot"))["metadata"]!["name"]!.GetValue<string>());
        var rules = (await GetAsync(ns, "role", "reader"))["rules"]!.AsArray();
        Assert.Equal(2, rules.Count);
        var core = rules.Single(r => r!["apiGroups"]![0]!.GetValue<string>() == "")!;
        Assert.Equal(["get", "list"], core["verbs"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(["pods"], core["resources"]!.AsArray().Select(v => v!.GetValue<string>()));
        var apps = rules.Single(r => r!["apiGroups"]![0]!.GetValue<string>() == "apps")!;
        Assert.Equal(["deployments"], apps["resources"]!.AsArray().Select(v => v!.GetValue<string>()));

        var binding = await GetAsync(ns, "rolebinding", "read");
        Assert.Equal("Role", binding["roleRef"]!["kind"]!.GetValue<string>());
        Assert.Equal("reader", binding["roleRef"]!["name"]!.GetValue<string>());
        Assert.Equal("rbac.authorization.k8s.io", binding["roleRef"]!["apiGroup"]!.GetValue<string>());
        var subjects = binding["subjects"]!.AsArray();
        var user = subjects.Single(s => s!["kind"]!.GetValue<string>() == "User")!;
        Assert.Equal("alice", user["name"]!.GetValue<string>());
        Assert.Equal("rbac.authorization.k8s.io", user["apiGroup"]!.GetValue<string>());
        var account = subjects.Single(s => s!["kind"]!.GetValue<string>() == "ServiceAccount")!;
        Assert.Equal("robot", account["name"]!.GetValue<string>());
        Assert.Equal(ns, account["namespace"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateDeploymentServiceAndExpose_RoundTripAndBecomeReady()
    {
        var ns = await NamespaceAsync();

        Assert.Contains("deployment.apps/web created",
            await kubectl.SucceedAsync("create", "deployment", "web", "-n", ns, "--image=nginx:1.27", "--replicas=2", "--port=80"));

        var deployment = await GetAsync(ns, "deployment", "web");
        Assert.Equal(2, deployment["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal("web", deployment["spec"]!["selector"]!["matchLabels"]!["app"]!.GetValue<string>());
        Assert.Equal("web", deployment["spec"]!["template"]!["metadata"]!["labels"]!["app"]!.GetValue<string>());
        var container = deployment["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal("nginx", container["name"]!.GetValue<string>());
        Assert.Equal("nginx:1.27", container["image"]!.GetValue<string>());
        Assert.Equal(80, container["ports"]![0]!["containerPort"]!.GetValue<int>());

        await Eventually.Until(
            async () => (await GetAsync(ns, "deployment", "web"))["status"]?["readyReplicas"]?.GetValue<int>(),
            ready => ready == 2, TimeSpan.FromSeconds(30), "two ready replicas of the created deployment");
        var pods = await kubectl.SucceedAsync("get", "pods", "-n", ns, "-l", "app=web", "-o", "name");
        Assert.Equal(2, pods.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        await kubectl.SucceedAsync("create", "service", "clusterip", "web", "-n", ns, "--tcp=80:8080");
        var service = await GetAsync(ns, "service", "web");
        Assert.Equal("ClusterIP", service["spec"]!["type"]!.GetValue<string>());
        Assert.Equal("web", service["spec"]!["selector"]!["app"]!.GetValue<string>());
        var port = service["spec"]!["ports"]![0]!;
        Assert.Equal(80, port["port"]!.GetValue<int>());
        Assert.Equal(8080, port["targetPort"]!.GetValue<int>());
        Assert.Equal("80-8080", port["name"]!.GetValue<string>());
        Assert.Equal("TCP", port["protocol"]!.GetValue<string>());

        await kubectl.SucceedAsync("expose", "deployment", "web", "-n", ns, "--name=web-named", "--port=8081", "--target-port=http");
        var exposed = await GetAsync(ns, "service", "web-named");
        Assert.Equal("web", exposed["spec"]!["selector"]!["app"]!.GetValue<string>());
        Assert.Equal(8081, exposed["spec"]!["ports"]![0]!["port"]!.GetValue<int>());
        Assert.Equal("http", exposed["spec"]!["ports"]![0]!["targetPort"]!.GetValue<string>());

        await kubectl.SucceedAsync("expose", "deployment", "web", "-n", ns, "--name=web-plain");
        var plain = await GetAsync(ns, "service", "web-plain");
        Assert.Equal(80, plain["spec"]!["ports"]![0]!["port"]!.GetValue<int>());
        Assert.Equal(80, plain["spec"]!["ports"]![0]!["targetPort"]!.GetValue<int>());
    }

    [Fact]
    public async Task RunPod_RoundTripsEnvLabelsAndPort()
    {
        var ns = await NamespaceAsync();

        Assert.Contains("pod/one created",
            await kubectl.SucceedAsync("run", "one", "-n", ns, "--image=nginx:1.27", "--env=A=B", "--env=EMPTY=", "--labels=app=x,tier=web", "--port=8080"));

        var pod = await GetAsync(ns, "pod", "one");
        Assert.Equal("x", pod["metadata"]!["labels"]!["app"]!.GetValue<string>());
        Assert.Equal("web", pod["metadata"]!["labels"]!["tier"]!.GetValue<string>());
        var container = pod["spec"]!["containers"]![0]!;
        Assert.Equal("one", container["name"]!.GetValue<string>());
        Assert.Equal("nginx:1.27", container["image"]!.GetValue<string>());
        Assert.Equal(8080, container["ports"]![0]!["containerPort"]!.GetValue<int>());
        var env = container["env"]!.AsArray();
        Assert.Equal("A", env[0]!["name"]!.GetValue<string>());
        Assert.Equal("B", env[0]!["value"]!.GetValue<string>());
        Assert.Equal("EMPTY", env[1]!["name"]!.GetValue<string>());
        Assert.Null(env[1]!["value"]);
        Assert.Equal("Always", pod["spec"]!["restartPolicy"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateJobAndCronJob_RoundTripTemplateAndSchedule()
    {
        var ns = await NamespaceAsync();

        await kubectl.SucceedAsync("create", "job", "once", "-n", ns, "--image=busybox:1.36", "--", "echo", "hello world");
        var job = await GetAsync(ns, "job", "once");
        var jobContainer = job["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal("busybox:1.36", jobContainer["image"]!.GetValue<string>());
        Assert.Equal(["echo", "hello world"], jobContainer["command"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal("Never", job["spec"]!["template"]!["spec"]!["restartPolicy"]!.GetValue<string>());

        await kubectl.SucceedAsync("create", "cronjob", "nightly", "-n", ns, "--image=busybox:1.36", "--schedule=*/5 * * * *", "--", "date");
        var cron = await GetAsync(ns, "cronjob", "nightly");
        Assert.Equal("*/5 * * * *", cron["spec"]!["schedule"]!.GetValue<string>());
        var cronContainer = cron["spec"]!["jobTemplate"]!["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal("busybox:1.36", cronContainer["image"]!.GetValue<string>());
        Assert.Equal(["date"], cronContainer["command"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal("OnFailure", cron["spec"]!["jobTemplate"]!["spec"]!["template"]!["spec"]!["restartPolicy"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateOtherServicesSecretsAndJobFromCronJob_RoundTrip()
    {
        var ns = await NamespaceAsync();

        await kubectl.SucceedAsync("create", "service", "nodeport", "np", "-n", ns, "--tcp=5678:8080", "--node-port=30080");
        await kubectl.SucceedAsync("create", "service", "externalname", "ext", "-n", ns, "--external-name=example.com");
        await kubectl.SucceedAsync("create", "secret", "docker-registry", "reg", "-n", ns, "--docker-server=r.example", "--docker-username=u", "--docker-password=p");
        await kubectl.SucceedAsync("create", "cronjob", "hourly", "-n", ns, "--image=busybox:1.36", "--schedule=0 * * * *");
        await kubectl.SucceedAsync("create", "job", "manual", "-n", ns, "--from=cronjob/hourly");

        var nodePort = (await GetAsync(ns, "service", "np"))["spec"]!;
        Assert.Equal("NodePort", nodePort["type"]!.GetValue<string>());
        Assert.Equal(30080, nodePort["ports"]![0]!["nodePort"]!.GetValue<int>());
        Assert.Equal(8080, nodePort["ports"]![0]!["targetPort"]!.GetValue<int>());
        var external = (await GetAsync(ns, "service", "ext"))["spec"]!;
        Assert.Equal("ExternalName", external["type"]!.GetValue<string>());
        Assert.Equal("example.com", external["externalName"]!.GetValue<string>());
        var registry = await GetAsync(ns, "secret", "reg");
        Assert.Equal("kubernetes.io/dockerconfigjson", registry["type"]!.GetValue<string>());
        var config = JsonNode.Parse(Convert.FromBase64String(registry["data"]![".dockerconfigjson"]!.GetValue<string>()))!;
        Assert.Equal("u", config["auths"]!["r.example"]!["username"]!.GetValue<string>());
        var job = await GetAsync(ns, "job", "manual");
        var owner = job["metadata"]!["ownerReferences"]![0]!;
        Assert.Equal("CronJob", owner["kind"]!.GetValue<string>());
        Assert.Equal("hourly", owner["name"]!.GetValue<string>());
        Assert.True(owner["controller"]!.GetValue<bool>());
        Assert.Equal("manual", job["metadata"]!["annotations"]!["cronjob.kubernetes.io/instantiate"]!.GetValue<string>());
    }

    /// <summary>A self-signed certificate and its PKCS#8 key as PEM files (what `kubectl create secret tls` reads).</summary>
    private static async Task WriteSelfSignedCertificateAsync(string certPath, string keyPath)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=kubesim.test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        await File.WriteAllTextAsync(certPath, certificate.ExportCertificatePem() + "\n");
        await File.WriteAllTextAsync(keyPath, rsa.ExportPkcs8PrivateKeyPem() + "\n");
    }
}
