using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Platform.KubeSim.Api;
using Platform.KubeSim.Resources;
using Platform.KubeSim.Storage;

namespace Platform.KubeSim.Workloads;

/// <summary>
/// The simulated controllers and kubelet: keeps the pods of deployments, statefulsets and jobs in line with
/// their specs, starts pods after the ready delay, completes jobs and reports workload status. Runs on a timer.
/// </summary>
public sealed class WorkloadController : IAsyncDisposable
{
    private readonly ObjectStore store;
    private readonly ObjectOperations operations;
    private readonly TimeSpan readyDelay;
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private readonly Dictionary<string, DateTimeOffset> podFirstSeen = [];
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;

    public WorkloadController(ObjectStore store, ObjectOperations operations, TimeSpan readyDelay, TimeProvider clock, ILogger logger)
    {
        this.logger = logger;
        this.store = store;
        this.operations = operations;
        this.readyDelay = readyDelay;
        this.clock = clock;
        loop = RunAsync();
    }

    private async Task RunAsync()
    {
        var interval = TimeSpan.FromMilliseconds(Math.Clamp(readyDelay.TotalMilliseconds / 4, 20, 100));
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping.Token))
            {
                try
                {
                    Reconcile();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Workload reconciliation failed; retrying on the next tick");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    /// <summary>One pass over all workloads.</summary>
    public void Reconcile()
    {
        foreach (var deployment in store.List(ResourceCatalog.Deployments, null))
        {
            Guarded(() => ReconcileDeployment(deployment));
        }
        foreach (var statefulSet in store.List(ResourceCatalog.StatefulSets, null))
        {
            Guarded(() => ReconcileStatefulSet(statefulSet));
        }
        foreach (var job in store.List(ResourceCatalog.Jobs, null))
        {
            Guarded(() => ReconcileJob(job));
        }
        CollectOrphanPods();
        StartPods();
        operations.Quotas.Refresh(null);
    }

    /// <summary>Objects may vanish between reading and writing (a namespace deleted meanwhile): the next pass sees the truth.</summary>
    private static void Guarded(Action action)
    {
        try
        {
            action();
        }
        catch (ApiException e) when (e.Code is 404 or 409)
        {
            // Raced with a user's delete or create; reconciled again on the next tick.
        }
    }

    private void ReconcileDeployment(JsonObject deployment)
    {
        var ns = Meta.Namespace(deployment)!;
        var desired = Replicas(deployment);
        var hash = RandomSuffix.StableHash(deployment["spec"]?["template"]?.ToJsonString() ?? "");
        var pods = OwnedPods(deployment);
        foreach (var stale in pods.Where(p => Label(p, "pod-template-hash") != hash))
        {
            store.Delete(ResourceCatalog.Pods, ns, Meta.Name(stale)!);
        }
        var current = pods.Where(p => Label(p, "pod-template-hash") == hash).ToList();
        foreach (var excess in current.Skip(desired))
        {
            store.Delete(ResourceCatalog.Pods, ns, Meta.Name(excess)!);
        }
        string? failure = null;
        for (var i = current.Count; i < desired && failure is null; i++)
        {
            var name = $"{Meta.Name(deployment)}-{hash}-{RandomSuffix.Next(5)}";
            var pod = PodFactory.FromTemplate(deployment, ResourceCatalog.Deployments, name, new Dictionary<string, string> { ["pod-template-hash"] = hash });
            failure = TryCreatePod(ns, pod, out var created);
            if (created is not null)
            {
                current.Add(created);
            }
        }
        var live = current.Take(desired).ToList();
        var ready = live.Count(IsRunning);
        SetStatus(ResourceCatalog.Deployments, deployment, previous =>
        {
            var status = new JsonObject
            {
                ["observedGeneration"] = Meta.Generation(deployment),
                ["replicas"] = desired > 0 ? Math.Max(desired, live.Count) : 0,
                ["updatedReplicas"] = desired,
                ["readyReplicas"] = ready,
                ["availableReplicas"] = ready,
            };
            if (desired - ready > 0)
            {
                status["unavailableReplicas"] = desired - ready;
            }
            var complete = ready >= desired;
            status["conditions"] = new JsonArray(
                Condition(previous, "Available", complete ? "True" : "False",
                    complete ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                    complete ? "Deployment has minimum availability." : "Deployment does not have minimum availability."),
                Condition(previous, "Progressing", "True",
                    complete ? "NewReplicaSetAvailable" : "ReplicaSetUpdated",
                    complete ? $"ReplicaSet \"{Meta.Name(deployment)}-{hash}\" has successfully progressed." : $"ReplicaSet \"{Meta.Name(deployment)}-{hash}\" is progressing."));
            AddReplicaFailure(status, previous, failure);
            return status;
        });
    }

    private void ReconcileStatefulSet(JsonObject statefulSet)
    {
        var ns = Meta.Namespace(statefulSet)!;
        var name = Meta.Name(statefulSet)!;
        var desired = Replicas(statefulSet);
        var revision = $"{name}-{RandomSuffix.StableHash(statefulSet["spec"]?["template"]?.ToJsonString() ?? "")}";
        var pods = OwnedPods(statefulSet);
        foreach (var pod in pods)
        {
            var ordinal = int.TryParse(Meta.Name(pod)![(name.Length + 1)..], out var n) ? n : int.MaxValue;
            if (ordinal >= desired || Label(pod, "controller-revision-hash") != revision)
            {
                store.Delete(ResourceCatalog.Pods, ns, Meta.Name(pod)!);
            }
        }
        string? failure = null;
        for (var i = 0; i < desired && failure is null; i++)
        {
            var podName = $"{name}-{i}";
            if (!store.Exists(ResourceCatalog.Pods, ns, podName))
            {
                failure = TryCreatePod(ns, PodFactory.FromTemplate(statefulSet, ResourceCatalog.StatefulSets, podName,
                    new Dictionary<string, string>
                    {
                        ["controller-revision-hash"] = revision,
                        ["statefulset.kubernetes.io/pod-name"] = podName,
                    }), out _);
            }
        }
        var live = OwnedPods(statefulSet);
        var ready = live.Count(IsRunning);
        SetStatus(ResourceCatalog.StatefulSets, statefulSet, previous => AddReplicaFailure(new JsonObject
        {
            ["observedGeneration"] = Meta.Generation(statefulSet),
            ["replicas"] = live.Count,
            ["readyReplicas"] = ready,
            ["currentReplicas"] = live.Count,
            ["updatedReplicas"] = live.Count,
            ["availableReplicas"] = ready,
            ["currentRevision"] = revision,
            ["updateRevision"] = revision,
            ["collisionCount"] = 0,
        }, previous, failure));
    }

    private void ReconcileJob(JsonObject job)
    {
        var ns = Meta.Namespace(job)!;
        if (job["status"]?["completionTime"] is not null)
        {
            return;
        }
        var pods = OwnedPods(job);
        string? failure = null;
        if (pods.Count == 0)
        {
            failure = TryCreatePod(ns, PodFactory.FromTemplate(job, ResourceCatalog.Jobs, $"{Meta.Name(job)}-{RandomSuffix.Next(5)}",
                new Dictionary<string, string>
                {
                    ["job-name"] = Meta.Name(job)!,
                    ["batch.kubernetes.io/job-name"] = Meta.Name(job)!,
                    ["controller-uid"] = Meta.Uid(job)!,
                }), out _);
        }
        var succeeded = pods.Count(p => Meta.Text(p["status"]?["phase"]) == "Succeeded");
        var now = Meta.Timestamp(clock.GetUtcNow());
        SetStatus(ResourceCatalog.Jobs, job, previous =>
        {
            var status = new JsonObject
            {
                ["startTime"] = previous?["startTime"]?.DeepClone() ?? now,
                ["active"] = succeeded > 0 || failure is not null ? 0 : 1,
                ["ready"] = 0,
                ["succeeded"] = succeeded,
                ["failed"] = 0,
            };
            if (succeeded > 0)
            {
                status["completionTime"] = now;
                status["conditions"] = new JsonArray(
                    Condition(previous, "SuccessCriteriaMet", "True", "CompletionsReached", "Reached expected number of succeeded pods"),
                    Condition(previous, "Complete", "True", "CompletionsReached", "Reached expected number of succeeded pods"));
            }
            else
            {
                AddReplicaFailure(status, previous, failure);
            }
            return status;
        });
    }

    /// <summary>Creates a controller's pod through admission; a refusal (quota, limits) is returned as the failure message.</summary>
    private string? TryCreatePod(string ns, JsonObject pod, out JsonObject? created)
    {
        created = null;
        try
        {
            created = operations.Create(ResourceCatalog.Pods, ns, pod, dryRun: false);
            return null;
        }
        catch (ApiException e) when (e.Code is 403 or 422)
        {
            return e.Message;
        }
    }

    /// <summary>
    /// The ReplicaFailure condition (reason FailedCreate) a ReplicaSet, and from it its Deployment, shows while pods
    /// cannot be created; KubeSim reports it on StatefulSets and Jobs too, where Kubernetes only emits an event.
    /// </summary>
    private JsonObject AddReplicaFailure(JsonObject status, JsonObject? previous, string? failure)
    {
        if (failure is not null)
        {
            var conditions = status["conditions"] as JsonArray ?? [];
            var existing = (previous?["conditions"] as JsonArray)?.OfType<JsonObject>()
                .FirstOrDefault(c => Meta.Text(c["type"]) == "ReplicaFailure");
            // The refusal names the pod, whose name is random for deployments and jobs: the same refusal of the next
            // attempt keeps the condition as it is, so that a blocked workload's status (and resourceVersion) holds still.
            var same = existing is not null && Meta.Text(existing["status"]) == "True" && Meta.Text(existing["reason"]) == "FailedCreate"
                && WithoutPodName(Meta.Text(existing["message"]) ?? "") == WithoutPodName(failure);
            conditions.Add(same ? existing!.DeepClone() : Condition(previous, "ReplicaFailure", "True", "FailedCreate", failure));
            status["conditions"] = conditions;
        }
        return status;
    }

    /// <summary>An admission refusal with the refused pod's name left out ('pods "web-5d8f-x2k9q" is forbidden: …').</summary>
    private static string WithoutPodName(string message) =>
        message.StartsWith("pods \"", StringComparison.Ordinal) && message.IndexOf('"', 6) is var end and > 0
            ? "pods " + message[(end + 1)..]
            : message;

    private void CollectOrphanPods()
    {
        var owners = ResourceCatalog.All.Where(t => t.Kind is "Deployment" or "StatefulSet" or "Job")
            .SelectMany(t => store.List(t, null))
            .Select(o => Meta.Uid(o))
            .ToHashSet();
        foreach (var pod in store.List(ResourceCatalog.Pods, null))
        {
            if (pod["metadata"]?["ownerReferences"] is JsonArray { Count: > 0 } references
                && references.All(r => !owners.Contains(Meta.Text(r?["uid"]))))
            {
                store.Delete(ResourceCatalog.Pods, Meta.Namespace(pod), Meta.Name(pod)!);
            }
        }
    }

    /// <summary>The kubelet: a pending pod starts (or, for a job, completes) once it has existed for the ready delay.</summary>
    private void StartPods()
    {
        var now = clock.GetUtcNow();
        var pods = store.List(ResourceCatalog.Pods, null);
        var alive = pods.Select(p => Meta.Uid(p)!).ToHashSet();
        foreach (var gone in podFirstSeen.Keys.Where(uid => !alive.Contains(uid)).ToList())
        {
            podFirstSeen.Remove(gone);
        }
        foreach (var pod in pods.Where(p => Meta.Text(p["status"]?["phase"]) is null or "Pending"))
        {
            var uid = Meta.Uid(pod)!;
            if (!podFirstSeen.TryGetValue(uid, out var firstSeen))
            {
                podFirstSeen[uid] = firstSeen = now;
            }
            if (now - firstSeen < readyDelay)
            {
                continue;
            }
            var runToCompletion = pod["metadata"]?["ownerReferences"] is JsonArray refs && refs.Any(r => Meta.Text(r?["kind"]) == "Job");
            Guarded(() => store.Update(ResourceCatalog.Pods, Meta.Namespace(pod), Meta.Name(pod)!, current =>
            {
                current["status"] = PodFactory.StartedStatus(current, runToCompletion, Meta.Timestamp(now));
                return current;
            }));
        }
    }

    private void SetStatus(ResourceType type, JsonObject obj, Func<JsonObject?, JsonObject> status) =>
        store.Update(type, Meta.Namespace(obj), Meta.Name(obj)!, current =>
        {
            var previous = current["status"] as JsonObject;
            var next = status(previous);
            if (previous is not null && next["completionTime"] is not null && previous["completionTime"] is not null)
            {
                next["completionTime"] = previous["completionTime"]!.DeepClone();
            }
            current["status"] = next;
            return current;
        });

    private JsonObject Condition(JsonObject? previousStatus, string type, string status, string reason, string message)
    {
        var previous = (previousStatus?["conditions"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(c => Meta.Text(c["type"]) == type);
        var now = Meta.Timestamp(clock.GetUtcNow());
        var unchanged = previous is not null && Meta.Text(previous["status"]) == status;
        var sameReason = unchanged && Meta.Text(previous!["reason"]) == reason;
        return new JsonObject
        {
            ["type"] = type,
            ["status"] = status,
            ["lastUpdateTime"] = sameReason ? previous!["lastUpdateTime"]?.DeepClone() ?? now : now,
            ["lastTransitionTime"] = unchanged ? previous!["lastTransitionTime"]?.DeepClone() ?? now : now,
            ["reason"] = reason,
            ["message"] = message,
        };
    }

    private List<JsonObject> OwnedPods(JsonObject owner) =>
        store.List(ResourceCatalog.Pods, Meta.Namespace(owner))
            .Where(p => Meta.IsOwnedBy(p, Meta.Uid(owner)!))
            .ToList();

    private static int Replicas(JsonObject workload) =>
        (int)(Meta.Integer(workload["spec"]?["replicas"]) ?? 1);

    private static string? Label(JsonObject obj, string key) => Meta.Labels(obj).GetValueOrDefault(key);

    private static bool IsRunning(JsonObject pod) => Meta.Text(pod["status"]?["phase"]) == "Running";

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await loop;
        stopping.Dispose();
    }
}
