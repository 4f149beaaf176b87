namespace Platform.KubeSim.Api;

/// <summary>How one protobuf field is turned into JSON.</summary>
public enum ProtoKind
{
    String,
    Int32,
    Int64,
    UInt,
    Bool,
    Bytes,
    Double,
    Message,
    /// <summary>An embedded Go struct: a nested message on the wire whose fields are inlined into the parent JSON object.</summary>
    Inline,
    MapString,
    MapBytes,
    MapQuantity,
    Quantity,
    IntOrString,
    Time,
    MicroTime,
    Duration,
    RawExtension,
    FieldsV1,
}

/// <param name="Json">the JSON property name</param>
/// <param name="Repeated">a list (proto2 repeated; packed scalars are accepted too)</param>
/// <param name="KeepZero">a Go pointer field: a zero value on the wire was set on purpose and is kept (others are dropped like omitempty)</param>
/// <param name="Message">the nested message for <see cref="ProtoKind.Message"/> and <see cref="ProtoKind.Inline"/></param>
public sealed record ProtoField(int Number, string Json, ProtoKind Kind, bool Repeated, bool KeepZero, string? Message);

/// <summary>
/// The protobuf messages of the kinds KubeSim serves, written down by hand from the Kubernetes generated.proto files
/// (k8s.io/api core/v1, apps/v1, batch/v1, rbac/v1, networking/v1 and k8s.io/apimachinery meta/v1, intstr, resource,
/// runtime). Each line is "number jsonName type": a type is a scalar (string, int32, int64, uint, bool, bytes, double),
/// map (map&lt;string,string&gt;), mapbytes, mapquantity, quantity, intstr, time, microtime, duration, raw, fieldsv1,
/// a message name, or +Message for an embedded (inlined) struct; "[]" before the type makes it repeated and "?" after it
/// marks a Go pointer whose zero value is kept. A field number missing here is refused, never dropped.
/// </summary>
public static class ProtobufSchema
{
    /// <summary>The top-level message of each kind KubeSim serves (the message is named like the kind).</summary>
    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>
    {
        "Namespace", "ResourceQuota", "LimitRange", "ServiceAccount", "Secret", "ConfigMap", "Service", "PersistentVolumeClaim",
        "Pod", "Deployment", "StatefulSet", "Job", "CronJob", "Role", "RoleBinding", "NetworkPolicy",
    };

    private static readonly Dictionary<string, string> Specs = new()
    {
        // ---- k8s.io/apimachinery meta/v1
        ["ObjectMeta"] = "1 name string; 2 generateName string; 3 namespace string; 4 selfLink string; 5 uid string; 6 resourceVersion string; "
            + "7 generation int64; 8 creationTimestamp time; 9 deletionTimestamp time; 10 deletionGracePeriodSeconds int64?; 11 labels map; "
            + "12 annotations map; 13 ownerReferences []OwnerReference; 14 finalizers []string; 17 managedFields []ManagedFieldsEntry",
        ["OwnerReference"] = "5 apiVersion string; 1 kind string; 3 name string; 4 uid string; 6 controller bool?; 7 blockOwnerDeletion bool?",
        ["ManagedFieldsEntry"] = "1 manager string; 2 operation string; 3 apiVersion string; 4 time time; 6 fieldsType string; 7 fieldsV1 fieldsv1; 8 subresource string",
        ["LabelSelector"] = "1 matchLabels map; 2 matchExpressions []LabelSelectorRequirement",
        ["LabelSelectorRequirement"] = "1 key string; 2 operator string; 3 values []string",
        ["Condition"] = "1 type string; 2 status string; 3 observedGeneration int64; 4 lastTransitionTime time; 5 reason string; 6 message string",

        // ---- core/v1: simple kinds
        ["Namespace"] = "1 metadata ObjectMeta; 2 spec NamespaceSpec; 3 status NamespaceStatus",
        ["NamespaceSpec"] = "1 finalizers []string",
        ["NamespaceStatus"] = "1 phase string; 2 conditions []NamespaceCondition",
        ["NamespaceCondition"] = "1 type string; 2 status string; 4 lastTransitionTime time; 5 reason string; 6 message string",
        ["ResourceQuota"] = "1 metadata ObjectMeta; 2 spec ResourceQuotaSpec; 3 status ResourceQuotaStatus",
        ["ResourceQuotaSpec"] = "1 hard mapquantity; 2 scopes []string; 3 scopeSelector ScopeSelector",
        ["ScopeSelector"] = "1 matchExpressions []ScopedResourceSelectorRequirement",
        ["ScopedResourceSelectorRequirement"] = "1 scopeName string; 2 operator string; 3 values []string",
        ["ResourceQuotaStatus"] = "1 hard mapquantity; 2 used mapquantity",
        ["LimitRange"] = "1 metadata ObjectMeta; 2 spec LimitRangeSpec",
        ["LimitRangeSpec"] = "1 limits []LimitRangeItem",
        ["LimitRangeItem"] = "1 type string; 2 max mapquantity; 3 min mapquantity; 4 default mapquantity; 5 defaultRequest mapquantity; 6 maxLimitRequestRatio mapquantity",
        ["ServiceAccount"] = "1 metadata ObjectMeta; 2 secrets []ObjectReference; 3 imagePullSecrets []LocalObjectReference; 4 automountServiceAccountToken bool?",
        ["ObjectReference"] = "1 kind string; 2 namespace string; 3 name string; 4 uid string; 5 apiVersion string; 6 resourceVersion string; 7 fieldPath string",
        ["LocalObjectReference"] = "1 name string",
        ["TypedLocalObjectReference"] = "1 apiGroup string?; 2 kind string; 3 name string",
        ["Secret"] = "1 metadata ObjectMeta; 5 immutable bool?; 2 data mapbytes; 4 stringData map; 3 type string",
        ["ConfigMap"] = "1 metadata ObjectMeta; 4 immutable bool?; 2 data map; 3 binaryData mapbytes",

        // ---- core/v1: Service
        ["Service"] = "1 metadata ObjectMeta; 2 spec ServiceSpec; 3 status ServiceStatus",
        ["ServiceSpec"] = "1 ports []ServicePort; 2 selector map; 3 clusterIP string; 18 clusterIPs []string; 4 type string; 5 externalIPs []string; "
            + "7 sessionAffinity string; 8 loadBalancerIP string; 9 loadBalancerSourceRanges []string; 10 externalName string; "
            + "11 externalTrafficPolicy string; 12 healthCheckNodePort int32; 13 publishNotReadyAddresses bool; "
            + "14 sessionAffinityConfig SessionAffinityConfig; 19 ipFamilies []string; 17 ipFamilyPolicy string?; "
            + "20 allocateLoadBalancerNodePorts bool?; 21 loadBalancerClass string?; 22 internalTrafficPolicy string?",
        ["ServicePort"] = "1 name string; 2 protocol string; 6 appProtocol string?; 3 port int32; 4 targetPort intstr; 5 nodePort int32",
        ["SessionAffinityConfig"] = "1 clientIP ClientIPConfig",
        ["ClientIPConfig"] = "1 timeoutSeconds int32?",
        ["ServiceStatus"] = "1 loadBalancer LoadBalancerStatus; 2 conditions []Condition",
        ["LoadBalancerStatus"] = "1 ingress []LoadBalancerIngress",
        ["LoadBalancerIngress"] = "1 ip string; 2 hostname string; 4 ports []PortStatus",
        ["PortStatus"] = "1 port int32; 2 protocol string; 3 error string?",

        // ---- core/v1: PersistentVolumeClaim
        ["PersistentVolumeClaim"] = "1 metadata ObjectMeta; 2 spec PersistentVolumeClaimSpec; 3 status PersistentVolumeClaimStatus",
        ["PersistentVolumeClaimSpec"] = "1 accessModes []string; 4 selector LabelSelector; 2 resources ResourceRequirements; 3 volumeName string; "
            + "5 storageClassName string?; 6 volumeMode string?; 7 dataSource TypedLocalObjectReference",
        ["PersistentVolumeClaimStatus"] = "1 phase string; 2 accessModes []string; 3 capacity mapquantity; 4 conditions []PersistentVolumeClaimCondition",
        ["PersistentVolumeClaimCondition"] = "1 type string; 2 status string; 3 lastProbeTime time; 4 lastTransitionTime time; 5 reason string; 6 message string",
        ["PersistentVolumeClaimTemplate"] = "1 metadata ObjectMeta; 2 spec PersistentVolumeClaimSpec",
        ["ResourceRequirements"] = "1 limits mapquantity; 2 requests mapquantity",

        // ---- core/v1: Pod
        ["Pod"] = "1 metadata ObjectMeta; 2 spec PodSpec; 3 status PodStatus",
        ["PodTemplateSpec"] = "1 metadata ObjectMeta; 2 spec PodSpec",
        ["PodSpec"] = "1 volumes []Volume; 20 initContainers []Container; 2 containers []Container; 3 restartPolicy string; "
            + "4 terminationGracePeriodSeconds int64?; 5 activeDeadlineSeconds int64?; 6 dnsPolicy string; 7 nodeSelector map; "
            + "8 serviceAccountName string; 9 serviceAccount string; 21 automountServiceAccountToken bool?; 10 nodeName string; "
            + "11 hostNetwork bool; 12 hostPID bool; 13 hostIPC bool; 27 shareProcessNamespace bool?; 14 securityContext PodSecurityContext; "
            + "15 imagePullSecrets []LocalObjectReference; 16 hostname string; 17 subdomain string; 18 affinity Affinity; 19 schedulerName string; "
            + "22 tolerations []Toleration; 23 hostAliases []HostAlias; 24 priorityClassName string; 25 priority int32?; 26 dnsConfig PodDNSConfig; "
            + "28 readinessGates []PodReadinessGate; 29 runtimeClassName string?; 30 enableServiceLinks bool?; 31 preemptionPolicy string?; "
            + "32 overhead mapquantity; 33 topologySpreadConstraints []TopologySpreadConstraint; 35 setHostnameAsFQDN bool?",
        ["PodSecurityContext"] = "1 seLinuxOptions SELinuxOptions; 8 windowsOptions WindowsSecurityContextOptions; 2 runAsUser int64?; 6 runAsGroup int64?; "
            + "3 runAsNonRoot bool?; 4 supplementalGroups []int64; 5 fsGroup int64?; 7 sysctls []Sysctl; 9 fsGroupChangePolicy string?; 10 seccompProfile SeccompProfile",
        ["SELinuxOptions"] = "1 user string; 2 role string; 3 type string; 4 level string",
        ["WindowsSecurityContextOptions"] = "1 gmsaCredentialSpecName string?; 2 gmsaCredentialSpec string?; 3 runAsUserName string?",
        ["Sysctl"] = "1 name string; 2 value string",
        ["SeccompProfile"] = "1 type string; 2 localhostProfile string?",
        ["Affinity"] = "1 nodeAffinity NodeAffinity; 2 podAffinity PodAffinity; 3 podAntiAffinity PodAffinity",
        ["NodeAffinity"] = "1 requiredDuringSchedulingIgnoredDuringExecution NodeSelector; 2 preferredDuringSchedulingIgnoredDuringExecution []PreferredSchedulingTerm",
        ["NodeSelector"] = "1 nodeSelectorTerms []NodeSelectorTerm",
        ["NodeSelectorTerm"] = "1 matchExpressions []NodeSelectorRequirement; 2 matchFields []NodeSelectorRequirement",
        ["NodeSelectorRequirement"] = "1 key string; 2 operator string; 3 values []string",
        ["PreferredSchedulingTerm"] = "1 weight int32; 2 preference NodeSelectorTerm",
        ["PodAffinity"] = "1 requiredDuringSchedulingIgnoredDuringExecution []PodAffinityTerm; 2 preferredDuringSchedulingIgnoredDuringExecution []WeightedPodAffinityTerm",
        ["PodAffinityTerm"] = "1 labelSelector LabelSelector; 2 namespaces []string; 3 topologyKey string; 4 namespaceSelector LabelSelector",
        ["WeightedPodAffinityTerm"] = "1 weight int32; 2 podAffinityTerm PodAffinityTerm",
        ["Toleration"] = "1 key string; 2 operator string; 3 value string; 4 effect string; 5 tolerationSeconds int64?",
        ["HostAlias"] = "1 ip string; 2 hostnames []string",
        ["PodDNSConfig"] = "1 nameservers []string; 2 searches []string; 3 options []PodDNSConfigOption",
        ["PodDNSConfigOption"] = "1 name string; 2 value string?",
        ["PodReadinessGate"] = "1 conditionType string",
        ["TopologySpreadConstraint"] = "1 maxSkew int32; 2 topologyKey string; 3 whenUnsatisfiable string; 4 labelSelector LabelSelector",
        ["Container"] = "1 name string; 2 image string; 3 command []string; 4 args []string; 5 workingDir string; 6 ports []ContainerPort; "
            + "19 envFrom []EnvFromSource; 7 env []EnvVar; 8 resources ResourceRequirements; 9 volumeMounts []VolumeMount; "
            + "21 volumeDevices []VolumeDevice; 10 livenessProbe Probe; 11 readinessProbe Probe; 22 startupProbe Probe; 12 lifecycle Lifecycle; "
            + "13 terminationMessagePath string; 20 terminationMessagePolicy string; 14 imagePullPolicy string; 15 securityContext SecurityContext; "
            + "16 stdin bool; 17 stdinOnce bool; 18 tty bool; 24 restartPolicy string?",
        ["ContainerPort"] = "1 name string; 2 hostPort int32; 3 containerPort int32; 4 protocol string; 5 hostIP string",
        ["EnvFromSource"] = "1 prefix string; 2 configMapRef ConfigMapEnvSource; 3 secretRef SecretEnvSource",
        ["ConfigMapEnvSource"] = "1 - +LocalObjectReference; 2 optional bool?",
        ["SecretEnvSource"] = "1 - +LocalObjectReference; 2 optional bool?",
        ["EnvVar"] = "1 name string; 2 value string; 3 valueFrom EnvVarSource",
        ["EnvVarSource"] = "1 fieldRef ObjectFieldSelector; 2 resourceFieldRef ResourceFieldSelector; 3 configMapKeyRef ConfigMapKeySelector; 4 secretKeyRef SecretKeySelector",
        ["ObjectFieldSelector"] = "1 apiVersion string; 2 fieldPath string",
        ["ResourceFieldSelector"] = "1 containerName string; 2 resource string; 3 divisor quantity",
        ["ConfigMapKeySelector"] = "1 - +LocalObjectReference; 2 key string; 3 optional bool?",
        ["SecretKeySelector"] = "1 - +LocalObjectReference; 2 key string; 3 optional bool?",
        ["VolumeMount"] = "1 name string; 2 readOnly bool; 3 mountPath string; 4 subPath string; 5 mountPropagation string?; 6 subPathExpr string",
        ["VolumeDevice"] = "1 name string; 2 devicePath string",
        ["Probe"] = "1 - +ProbeHandler; 2 initialDelaySeconds int32; 3 timeoutSeconds int32; 4 periodSeconds int32; 5 successThreshold int32; "
            + "6 failureThreshold int32; 7 terminationGracePeriodSeconds int64?",
        ["ProbeHandler"] = "1 exec ExecAction; 2 httpGet HTTPGetAction; 3 tcpSocket TCPSocketAction",
        ["Lifecycle"] = "1 postStart LifecycleHandler; 2 preStop LifecycleHandler",
        ["LifecycleHandler"] = "1 exec ExecAction; 2 httpGet HTTPGetAction; 3 tcpSocket TCPSocketAction",
        ["ExecAction"] = "1 command []string",
        ["HTTPGetAction"] = "1 path string; 2 port intstr; 3 host string; 4 scheme string; 5 httpHeaders []HTTPHeader",
        ["HTTPHeader"] = "1 name string; 2 value string",
        ["TCPSocketAction"] = "1 port intstr; 2 host string",
        ["SecurityContext"] = "1 capabilities Capabilities; 2 privileged bool?; 3 seLinuxOptions SELinuxOptions; 10 windowsOptions WindowsSecurityContextOptions; "
            + "4 runAsUser int64?; 8 runAsGroup int64?; 5 runAsNonRoot bool?; 6 readOnlyRootFilesystem bool?; 7 allowPrivilegeEscalation bool?; "
            + "9 procMount string?; 11 seccompProfile SeccompProfile",
        ["Capabilities"] = "1 add []string; 2 drop []string",
        ["Volume"] = "1 name string; 2 - +VolumeSource",
        ["VolumeSource"] = "1 hostPath HostPathVolumeSource; 2 emptyDir EmptyDirVolumeSource; 6 secret SecretVolumeSource; 7 nfs NFSVolumeSource; "
            + "10 persistentVolumeClaim PersistentVolumeClaimVolumeSource; 16 downwardAPI DownwardAPIVolumeSource; 19 configMap ConfigMapVolumeSource; "
            + "26 projected ProjectedVolumeSource; 28 csi CSIVolumeSource; 29 ephemeral EphemeralVolumeSource",
        ["HostPathVolumeSource"] = "1 path string; 2 type string?",
        ["EmptyDirVolumeSource"] = "1 medium string; 2 sizeLimit quantity",
        ["SecretVolumeSource"] = "1 secretName string; 2 items []KeyToPath; 3 defaultMode int32?; 4 optional bool?",
        ["KeyToPath"] = "1 key string; 2 path string; 3 mode int32?",
        ["NFSVolumeSource"] = "1 server string; 2 path string; 3 readOnly bool",
        ["PersistentVolumeClaimVolumeSource"] = "1 claimName string; 2 readOnly bool",
        ["DownwardAPIVolumeSource"] = "1 items []DownwardAPIVolumeFile; 2 defaultMode int32?",
        ["DownwardAPIVolumeFile"] = "1 path string; 2 fieldRef ObjectFieldSelector; 3 resourceFieldRef ResourceFieldSelector; 4 mode int32?",
        ["ConfigMapVolumeSource"] = "1 - +LocalObjectReference; 2 items []KeyToPath; 3 defaultMode int32?; 4 optional bool?",
        ["ProjectedVolumeSource"] = "1 sources []VolumeProjection; 2 defaultMode int32?",
        ["VolumeProjection"] = "1 secret SecretProjection; 2 downwardAPI DownwardAPIProjection; 3 configMap ConfigMapProjection; 4 serviceAccountToken ServiceAccountTokenProjection",
        ["SecretProjection"] = "1 - +LocalObjectReference; 2 items []KeyToPath; 4 optional bool?",
        ["ConfigMapProjection"] = "1 - +LocalObjectReference; 2 items []KeyToPath; 4 optional bool?",
        ["DownwardAPIProjection"] = "1 items []DownwardAPIVolumeFile",
        ["ServiceAccountTokenProjection"] = "1 audience string; 2 expirationSeconds int64?; 3 path string",
        ["CSIVolumeSource"] = "1 driver string; 2 readOnly bool?; 3 fsType string?; 4 volumeAttributes map; 5 nodePublishSecretRef LocalObjectReference",
        ["EphemeralVolumeSource"] = "1 volumeClaimTemplate PersistentVolumeClaimTemplate",
        ["PodStatus"] = "1 phase string; 2 conditions []PodCondition; 3 message string; 4 reason string; 11 nominatedNodeName string; 5 hostIP string; "
            + "6 podIP string; 12 podIPs []PodIP; 7 startTime time; 10 initContainerStatuses []ContainerStatus; 8 containerStatuses []ContainerStatus; 9 qosClass string",
        ["PodCondition"] = "1 type string; 2 status string; 3 lastProbeTime time; 4 lastTransitionTime time; 5 reason string; 6 message string",
        ["PodIP"] = "1 ip string",
        ["ContainerStatus"] = "1 name string; 2 state ContainerState; 3 lastState ContainerState; 4 ready bool; 5 restartCount int32; 6 image string; "
            + "7 imageID string; 8 containerID string; 9 started bool?",
        ["ContainerState"] = "1 waiting ContainerStateWaiting; 2 running ContainerStateRunning; 3 terminated ContainerStateTerminated",
        ["ContainerStateWaiting"] = "1 reason string; 2 message string",
        ["ContainerStateRunning"] = "1 startedAt time",
        ["ContainerStateTerminated"] = "1 exitCode int32; 2 signal int32; 3 reason string; 4 message string; 5 startedAt time; 6 finishedAt time; 7 containerID string",

        // ---- apps/v1
        ["Deployment"] = "1 metadata ObjectMeta; 2 spec DeploymentSpec; 3 status DeploymentStatus",
        ["DeploymentSpec"] = "1 replicas int32?; 2 selector LabelSelector; 3 template PodTemplateSpec; 4 strategy DeploymentStrategy; 5 minReadySeconds int32; "
            + "6 revisionHistoryLimit int32?; 7 paused bool; 9 progressDeadlineSeconds int32?",
        ["DeploymentStrategy"] = "1 type string; 2 rollingUpdate RollingUpdateDeployment",
        ["RollingUpdateDeployment"] = "1 maxUnavailable intstr; 2 maxSurge intstr",
        ["DeploymentStatus"] = "1 observedGeneration int64; 2 replicas int32; 3 updatedReplicas int32; 7 readyReplicas int32; 4 availableReplicas int32; "
            + "5 unavailableReplicas int32; 6 conditions []DeploymentCondition; 8 collisionCount int32?",
        ["DeploymentCondition"] = "1 type string; 2 status string; 6 lastUpdateTime time; 7 lastTransitionTime time; 4 reason string; 5 message string",
        ["StatefulSet"] = "1 metadata ObjectMeta; 2 spec StatefulSetSpec; 3 status StatefulSetStatus",
        ["StatefulSetSpec"] = "1 replicas int32?; 2 selector LabelSelector; 3 template PodTemplateSpec; 4 volumeClaimTemplates []PersistentVolumeClaim; "
            + "5 serviceName string; 6 podManagementPolicy string; 7 updateStrategy StatefulSetUpdateStrategy; 8 revisionHistoryLimit int32?; "
            + "9 minReadySeconds int32; 10 persistentVolumeClaimRetentionPolicy StatefulSetPersistentVolumeClaimRetentionPolicy; 11 ordinals StatefulSetOrdinals",
        ["StatefulSetUpdateStrategy"] = "1 type string; 2 rollingUpdate RollingUpdateStatefulSetStrategy",
        ["RollingUpdateStatefulSetStrategy"] = "1 partition int32?; 2 maxUnavailable intstr",
        ["StatefulSetPersistentVolumeClaimRetentionPolicy"] = "1 whenDeleted string; 2 whenScaled string",
        ["StatefulSetOrdinals"] = "1 start int32",
        ["StatefulSetStatus"] = "1 observedGeneration int64; 2 replicas int32; 3 readyReplicas int32; 4 currentReplicas int32; 5 updatedReplicas int32; "
            + "6 currentRevision string; 7 updateRevision string; 9 collisionCount int32?; 10 conditions []StatefulSetCondition; 11 availableReplicas int32",
        ["StatefulSetCondition"] = "1 type string; 2 status string; 3 lastTransitionTime time; 4 reason string; 5 message string",

        // ---- batch/v1
        ["Job"] = "1 metadata ObjectMeta; 2 spec JobSpec; 3 status JobStatus",
        ["JobSpec"] = "1 parallelism int32?; 2 completions int32?; 3 activeDeadlineSeconds int64?; 11 podFailurePolicy PodFailurePolicy; 7 backoffLimit int32?; "
            + "4 selector LabelSelector; 5 manualSelector bool?; 6 template PodTemplateSpec; 8 ttlSecondsAfterFinished int32?; 9 completionMode string?; 10 suspend bool?",
        ["PodFailurePolicy"] = "1 rules []PodFailurePolicyRule",
        ["PodFailurePolicyRule"] = "1 action string; 2 onExitCodes PodFailurePolicyOnExitCodesRequirement; 3 onPodConditions []PodFailurePolicyOnPodConditionsPattern",
        ["PodFailurePolicyOnExitCodesRequirement"] = "1 containerName string?; 2 operator string; 3 values []int32",
        ["PodFailurePolicyOnPodConditionsPattern"] = "1 type string; 2 status string",
        ["JobStatus"] = "1 conditions []JobCondition; 2 startTime time; 3 completionTime time; 4 active int32; 5 succeeded int32; 6 failed int32; "
            + "7 completedIndexes string; 8 uncountedTerminatedPods UncountedTerminatedPods; 9 ready int32?",
        ["JobCondition"] = "1 type string; 2 status string; 3 lastProbeTime time; 4 lastTransitionTime time; 5 reason string; 6 message string",
        ["UncountedTerminatedPods"] = "1 succeeded []string; 2 failed []string",
        ["CronJob"] = "1 metadata ObjectMeta; 2 spec CronJobSpec; 3 status CronJobStatus",
        ["CronJobSpec"] = "1 schedule string; 8 timeZone string?; 2 startingDeadlineSeconds int64?; 3 concurrencyPolicy string; 4 suspend bool?; "
            + "5 jobTemplate JobTemplateSpec; 6 successfulJobsHistoryLimit int32?; 7 failedJobsHistoryLimit int32?",
        ["JobTemplateSpec"] = "1 metadata ObjectMeta; 2 spec JobSpec",
        ["CronJobStatus"] = "1 active []ObjectReference; 4 lastScheduleTime time; 5 lastSuccessfulTime time",

        // ---- rbac.authorization.k8s.io/v1
        ["Role"] = "1 metadata ObjectMeta; 2 rules []PolicyRule",
        ["PolicyRule"] = "1 verbs []string; 2 apiGroups []string; 3 resources []string; 4 resourceNames []string; 5 nonResourceURLs []string",
        ["RoleBinding"] = "1 metadata ObjectMeta; 2 subjects []Subject; 3 roleRef RoleRef",
        ["RoleRef"] = "1 apiGroup string; 2 kind string; 3 name string",
        ["Subject"] = "1 kind string; 2 apiGroup string; 3 name string; 4 namespace string",

        // ---- networking.k8s.io/v1
        ["NetworkPolicy"] = "1 metadata ObjectMeta; 2 spec NetworkPolicySpec",
        ["NetworkPolicySpec"] = "1 podSelector LabelSelector; 2 ingress []NetworkPolicyIngressRule; 3 egress []NetworkPolicyEgressRule; 4 policyTypes []string",
        ["NetworkPolicyIngressRule"] = "1 ports []NetworkPolicyPort; 2 from []NetworkPolicyPeer",
        ["NetworkPolicyEgressRule"] = "1 ports []NetworkPolicyPort; 2 to []NetworkPolicyPeer",
        ["NetworkPolicyPeer"] = "1 podSelector LabelSelector; 2 namespaceSelector LabelSelector; 3 ipBlock IPBlock",
        ["IPBlock"] = "1 cidr string; 2 except []string",
        ["NetworkPolicyPort"] = "1 protocol string?; 2 port intstr; 3 endPort int32?",
    };

    private static readonly Dictionary<string, ProtoKind> Scalars = new()
    {
        ["string"] = ProtoKind.String, ["int32"] = ProtoKind.Int32, ["int64"] = ProtoKind.Int64, ["uint"] = ProtoKind.UInt,
        ["bool"] = ProtoKind.Bool, ["bytes"] = ProtoKind.Bytes, ["double"] = ProtoKind.Double, ["map"] = ProtoKind.MapString,
        ["mapbytes"] = ProtoKind.MapBytes, ["mapquantity"] = ProtoKind.MapQuantity, ["quantity"] = ProtoKind.Quantity,
        ["intstr"] = ProtoKind.IntOrString, ["time"] = ProtoKind.Time, ["microtime"] = ProtoKind.MicroTime,
        ["duration"] = ProtoKind.Duration, ["raw"] = ProtoKind.RawExtension, ["fieldsv1"] = ProtoKind.FieldsV1,
    };

    /// <summary>message name → field number → field.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<int, ProtoField>> Messages = Build();

    private static Dictionary<string, IReadOnlyDictionary<int, ProtoField>> Build()
    {
        var messages = new Dictionary<string, IReadOnlyDictionary<int, ProtoField>>();
        foreach (var (name, spec) in Specs)
        {
            var fields = new Dictionary<int, ProtoField>();
            foreach (var entry in spec.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = entry.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length != 3)
                {
                    throw new InvalidOperationException($"protobuf schema {name}: bad entry \"{entry}\"");
                }
                var type = parts[2];
                var repeated = type.StartsWith("[]", StringComparison.Ordinal);
                if (repeated) type = type[2..];
                var keepZero = type.EndsWith('?');
                if (keepZero) type = type[..^1];
                var inline = type.StartsWith('+');
                if (inline) type = type[1..];
                var field = Scalars.TryGetValue(type, out var kind)
                    ? new ProtoField(int.Parse(parts[0]), parts[1], kind, repeated, keepZero, null)
                    : new ProtoField(int.Parse(parts[0]), parts[1], inline ? ProtoKind.Inline : ProtoKind.Message, repeated, keepZero, type);
                fields.Add(field.Number, field);
            }
            messages.Add(name, fields);
        }
        foreach (var (name, fields) in messages)
        {
            foreach (var field in fields.Values.Where(f => f.Message is not null && !messages.ContainsKey(f.Message)))
            {
                throw new InvalidOperationException($"protobuf schema {name}.{field.Json}: unknown message {field.Message}");
            }
        }
        return messages;
    }
}
