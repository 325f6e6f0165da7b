using AiGuard.Sandbox.Resources.Strategies;

namespace AiGuard.Sandbox.Resources;

/// <summary>The built-in kinds the sandbox serves, with the discovery details (short names, categories) of a real server.</summary>
internal static class BuiltInTypes
{
    public static IReadOnlyList<ResourceType> All() =>
    [
        new() { Group = "", Version = "v1", Plural = "namespaces", Kind = "Namespace", Namespaced = false, ShortNames = ["ns"], HasStatus = true, Strategy = new NamespaceStrategy(), PrinterColumns = BuiltInColumns.Namespace, AcceptsProtobuf = true, ReturnsDeletedObject = true },
        new() { Group = "", Version = "v1", Plural = "configmaps", Kind = "ConfigMap", Namespaced = true, ShortNames = ["cm"], Strategy = new ConfigMapStrategy(), PrinterColumns = BuiltInColumns.ConfigMap, AcceptsProtobuf = true },
        new() { Group = "", Version = "v1", Plural = "secrets", Kind = "Secret", Namespaced = true, Strategy = new SecretStrategy(), PrinterColumns = BuiltInColumns.Secret, AcceptsProtobuf = true },
        new() { Group = "", Version = "v1", Plural = "serviceaccounts", Kind = "ServiceAccount", Namespaced = true, ShortNames = ["sa"], AcceptsProtobuf = true },
        new() { Group = "", Version = "v1", Plural = "services", Kind = "Service", Namespaced = true, ShortNames = ["svc"], Categories = ["all"], HasStatus = true, Strategy = new ServiceStrategy(), PrinterColumns = BuiltInColumns.Service, ReturnsDeletedObject = true },
        new() { Group = "", Version = "v1", Plural = "pods", Kind = "Pod", Namespaced = true, ShortNames = ["po"], Categories = ["all"], HasStatus = true, Strategy = new PodStrategy(), PrinterColumns = BuiltInColumns.Pod, ReturnsDeletedObject = true },
        // One store for both Event APIs, kept in the core/v1 form, as in kube-apiserver.
        new() { Group = "", Version = "v1", Plural = "events", Kind = "Event", Namespaced = true, ShortNames = ["ev"], PrinterColumns = BuiltInColumns.Event, Strategy = EventStrategy.Core, FieldLabels = EventConversion.CoreFieldLabels },
        new() { Group = "apps", Version = "v1", Plural = "deployments", Kind = "Deployment", Namespaced = true, ShortNames = ["deploy"], Categories = ["all"], HasStatus = true, Scale = new ScaleSubresource(".spec.replicas", ".status.replicas", null), Strategy = new DeploymentStrategy(), PrinterColumns = BuiltInColumns.Deployment },
        // Served so status readers (kstatus in helm --wait, kubectl rollout) that list a Deployment's ReplicaSets find the kind.
        new() { Group = "apps", Version = "v1", Plural = "replicasets", Kind = "ReplicaSet", Namespaced = true, ShortNames = ["rs"], Categories = ["all"], HasStatus = true, Scale = new ScaleSubresource(".spec.replicas", ".status.replicas", null) },
        // Served so workload scanners (the operator's shadow-AI inventory, kubectl get all) find every pod-owning kind.
        new() { Group = "apps", Version = "v1", Plural = "statefulsets", Kind = "StatefulSet", Namespaced = true, ShortNames = ["sts"], Categories = ["all"], HasStatus = true, Scale = new ScaleSubresource(".spec.replicas", ".status.replicas", null) },
        new() { Group = "apps", Version = "v1", Plural = "daemonsets", Kind = "DaemonSet", Namespaced = true, ShortNames = ["ds"], Categories = ["all"], HasStatus = true },
        new() { Group = "batch", Version = "v1", Plural = "jobs", Kind = "Job", Namespaced = true, Categories = ["all"], HasStatus = true },
        new() { Group = "batch", Version = "v1", Plural = "cronjobs", Kind = "CronJob", Namespaced = true, ShortNames = ["cj"], Categories = ["all"], HasStatus = true },
        new() { Group = "events.k8s.io", Version = "v1", Plural = "events", Kind = "Event", Namespaced = true, ShortNames = ["ev"], PrinterColumns = BuiltInColumns.Event, Strategy = EventStrategy.Events, StorageGroup = "", Conversion = EventConversion.Instance, FieldLabels = EventConversion.EventsFieldLabels },
        new() { Group = "policy", Version = "v1", Plural = "poddisruptionbudgets", Kind = "PodDisruptionBudget", Namespaced = true, ShortNames = ["pdb"], HasStatus = true, Strategy = PodDisruptionBudgetStrategy.Instance, PrinterColumns = BuiltInColumns.PodDisruptionBudget },
        new() { Group = "networking.k8s.io", Version = "v1", Plural = "networkpolicies", Kind = "NetworkPolicy", Namespaced = true, ShortNames = ["netpol"] },
        new() { Group = "rbac.authorization.k8s.io", Version = "v1", Plural = "roles", Kind = "Role", Namespaced = true, Strategy = RbacStrategy.Instance, AcceptsProtobuf = true },
        new() { Group = "rbac.authorization.k8s.io", Version = "v1", Plural = "rolebindings", Kind = "RoleBinding", Namespaced = true, Strategy = RbacStrategy.Instance, AcceptsProtobuf = true },
        new() { Group = "rbac.authorization.k8s.io", Version = "v1", Plural = "clusterroles", Kind = "ClusterRole", Namespaced = false, Strategy = RbacStrategy.Instance, AcceptsProtobuf = true },
        new() { Group = "rbac.authorization.k8s.io", Version = "v1", Plural = "clusterrolebindings", Kind = "ClusterRoleBinding", Namespaced = false, Strategy = RbacStrategy.Instance, AcceptsProtobuf = true },
        new() { Group = "coordination.k8s.io", Version = "v1", Plural = "leases", Kind = "Lease", Namespaced = true, PrinterColumns = BuiltInColumns.Lease },
        new() { Group = "apiextensions.k8s.io", Version = "v1", Plural = "customresourcedefinitions", Kind = "CustomResourceDefinition", Namespaced = false, ShortNames = ["crd", "crds"], Categories = ["api-extensions"], HasStatus = true, Strategy = new CustomResourceDefinitionStrategy(), PrinterColumns = BuiltInColumns.CustomResourceDefinition, ReturnsDeletedObject = true },
    ];
}
