using AiGuard.Sandbox.Tests.Support;

namespace AiGuard.Sandbox.Tests.Auth;

/// <summary>RBAC decisions, the escalation check and ClusterRole aggregation, driven over HTTP with ServiceAccount tokens.</summary>
public sealed class RbacAuthorizationTests : SandboxFixture
{
    private AuthHttp Http => new(Server);

    private static string Binding(string ns, string name, string roleKind, string role, string saNamespace, string sa) => $$"""
        {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"{{name}}","namespace":"{{ns}}"},
         "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"{{roleKind}}","name":"{{role}}"},
         "subjects":[{"kind":"ServiceAccount","name":"{{sa}}","namespace":"{{saNamespace}}"}]}
        """;

    private static string Role(string ns, string name, string rules) =>
        $$"""{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"name":"{{name}}","namespace":"{{ns}}"},"rules":{{rules}}}""";

    [Fact]
    public async Task Namespace_binding_grants_only_that_namespace_and_not_cluster_wide_lists_or_watches()
    {
        var token = await Http.ServiceAccountTokenAsync("ns-a", "dev");
        await Http.ServiceAccountTokenAsync("ns-b", "other");
        await Http.AdminCreateAsync("/apis/rbac.authorization.k8s.io/v1/namespaces/ns-a/rolebindings", Binding("ns-a", "dev-view", "ClusterRole", "view", "ns-a", "dev"));

        Assert.Equal(200, (await Http.GetAsync("/api/v1/namespaces/ns-a/configmaps", token)).Code);
        Assert.Equal(200, (await Http.GetAsync("/api/v1/namespaces/ns-a/configmaps?watch=1&timeoutSeconds=1", token)).Code);
        var (otherCode, other) = await Http.GetAsync("/api/v1/namespaces/ns-b/configmaps", token);
        var (allCode, all) = await Http.GetAsync("/api/v1/configmaps?watch=1", token);
        var (secretCode, _) = await Http.GetAsync("/api/v1/namespaces/ns-a/secrets", token);

        Assert.Equal(403, otherCode);
        Assert.Equal("configmaps is forbidden: User \"system:serviceaccount:ns-a:dev\" cannot list resource \"configmaps\" in API group \"\" in the namespace \"ns-b\"", other["message"]!.GetValue<string>());
        Assert.Equal(403, allCode);
        Assert.Equal("configmaps is forbidden: User \"system:serviceaccount:ns-a:dev\" cannot watch resource \"configmaps\" in API group \"\" at the cluster scope", all["message"]!.GetValue<string>());
        Assert.Equal(403, secretCode);
    }

    [Fact]
    public async Task Resource_names_restrict_gets_and_never_allow_lists()
    {
        var token = await Http.ServiceAccountTokenAsync("names", "reader");
        await Http.AdminCreateAsync("/api/v1/namespaces/names/configmaps", """{"metadata":{"name":"allowed"}}""");
        await Http.AdminCreateAsync("/api/v1/namespaces/names/configmaps", """{"metadata":{"name":"private"}}""");
        await Http.AdminCreateAsync("/apis/rbac.authorization.k8s.io/v1/namespaces/names/roles", Role("names", "one-map", """[{"apiGroups":[""],"resources":["configmaps"],"resourceNames":["allowed"],"verbs":["get","list"]}]"""));
        await Http.AdminCreateAsync("/apis/rbac.authorization.k8s.io/v1/namespaces/names/rolebindings", Binding("names", "one-map", "Role", "one-map", "names", "reader"));

        Assert.Equal(200, (await Http.GetAsync("/api/v1/namespaces/names/configmaps/allowed", token)).Code);
        Assert.Equal(403, (await Http.GetAsync("/api/v1/namespaces/names/configmaps/private", token)).Code);
        Assert.Equal(403, (await Http.GetAsync("/api/v1/namespaces/names/configmaps", token)).Code);
    }

    [Fact]
    public async Task Subresource_rules_and_wildcards_match_like_kube_apiserver()
    {
        var token = await Http.ServiceAccountTokenAsync("subs", "status-writer");
        await Http.AdminCreateAsync("/apis/rbac.authorization.k8s.io/v1/namespaces/subs/roles", Role("subs", "status", """[{"apiGroups":["*"],"resources":["*/status"],"verbs":["get"]},{"apiGroups":["apps"],"resources":["deployments/scale"],"verbs":["get"]}]"""));
        await Http.AdminCreateAsync("/apis/rbac.authorization.k8s.io/v1/namespaces/subs/rolebindings", Binding("subs", "status", "Role", "status", "subs", "status-writer"));
        await Http.AdminCreateAsync("/apis/apps/v1/namespaces/subs/deployments", """{"metadata":{"name":"web"},"spec":{"selector":{"matchLabels":{"a":"b"}},"template":{"metadata":{"labels":{"a":"b"}},"spec":{"containers":[{"name":"c","image":"nginx"}]}}}}""");

        Assert.Equal(200, (await Http.GetAsync("/apis/apps/v1/namespaces/subs/deployments/web/status", token)).Code);
        Assert.Equal(200, (await Http.GetAsync("/apis/apps/v1/namespaces/subs/deployments/web/scale", token)).Code);
        Assert.Equal(403, (await Http.GetAsync("/apis/apps/v1/namespaces/subs/deployments/web", token)).Code);
    }

    [Fact]
    public async Task Creating_a_role_with_permissions_the_writer_lacks_is_refused_with_the_escalation_message()
    {
        var token = await Http.ServiceAccountTokenAsync("esc", "ns-admin");
        await Http.AdminCreateAsync("/apis/rbac.authorization.k8s.io/v1/namespaces/esc/rolebindings", Binding("esc", "admin", "ClusterRole", "admin", "esc", "ns-admin"));

        var (okCode, ok) = await Http.PostAsync("/apis/rbac.authorization.k8s.io/v1/namespaces/esc/roles", token,
            Role("esc", "secret-reader", """[{"apiGroups":[""],"resources":["secrets"],"verbs":["get","list"]}]"""));
        var (code, body) = await Http.PostAsync("/apis/rbac.authorization.k8s.io/v1/namespaces/esc/roles", token,
            Role("esc", "node-reader", """[{"apiGroups":[""],"resources":["nodes"],"verbs":["get","list"]},{"apiGroups":[""],"resources":["secrets"],"verbs":["get"]}]"""));

        Assert.True(okCode == 201, ok.ToJsonString());
        Assert.Equal(403, code);
        Assert.Equal(
            "roles.rbac.authorization.k8s.io \"node-reader\" is forbidden: user \"system:serviceaccount:esc:ns-admin\" (groups=[\"system:serviceaccounts\" \"system:serviceaccounts:esc\" \"system:authenticated\"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[\"\"], Resources:[\"nodes\"], Verbs:[\"get\" \"list\"]}",
            body["message"]!.GetValue<string>());
        Assert.Equal(404, (await Http.GetAsync("/apis/rbac.authorization.k8s.io/v1/namespaces/esc/roles/node-reader", Server.AdminToken)).Code);
    }

    [Fact]
    public async Task Patching_a_role_into_an_escalation_is_refused_and_changes_nothing()
    {
        var token = await Http.ServiceAccountTokenAsync("patch-esc", "ns-admin");
        await Http.AdminCreateAsync("/apis/rbac.authorization.k8s.io/v1/namespaces/patch-esc/rolebindings", Binding("patch-esc", "admin", "ClusterRole", "admin", "patch-esc", "ns-admin"));
        await Http.AdminCreateAsync("/apis/rbac.authorization.k8s.io/v1/namespaces/patch-esc/roles", Role("patch-esc", "r", """[{"apiGroups":[""],"resources":["configmaps"],"verbs":["get"]}]"""));

        using var http = Server.CreateHttpClient(token);
        using var patch = new HttpRequestMessage(HttpMethod.Patch, "/apis/rbac.authorization.k8s.io/v1/namespaces/patch-esc/roles/r")
        {
            Content = new StringContent("""{"rules":[{"apiGroups":["*"],"resources":["*"],"verbs":["*"]}]}""", System.Text.Encoding.UTF8, "application/merge-patch+json"),
        };
        using var response = await http.SendAsync(patch);
        var (_, after) = await Http.GetAsync("/apis/rbac.authorization.k8s.io/v1/namespaces/patch-esc/roles/r", Server.AdminToken);

        Assert.Equal(403, (int)response.StatusCode);
        Assert.Equal("configmaps", after["rules"]![0]!["resources"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Binding_a_role_needs_its_permissions_or_the_bind_verb_on_that_role_name()
    {
        var token = await Http.ServiceAccountTokenAsync("bind", "binder");
        await Http.AdminCreateAsync("/apis/rbac.authorization.k8s.io/v1/namespaces/bind/roles", Role("bind", "rb-writer", """[{"apiGroups":["rbac.authorization.k8s.io"],"resources":["rolebindings"],"verbs":["create"]},{"apiGroups":["rbac.authorization.k8s.io"],"resources":["clusterroles"],"resourceNames":["view"],"verbs":["bind"]}]"""));
        await Http.AdminCreateAsync("/apis/rbac.authorization.k8s.io/v1/namespaces/bind/rolebindings", Binding("bind", "binder", "Role", "rb-writer", "bind", "binder"));

        var (viewCode, view) = await Http.PostAsync("/apis/rbac.authorization.k8s.io/v1/namespaces/bind/rolebindings", token, Binding("bind", "self-view", "ClusterRole", "view", "bind", "binder"));
        var (adminCode, admin) = await Http.PostAsync("/apis/rbac.authorization.k8s.io/v1/namespaces/bind/rolebindings", token, Binding("bind", "self-admin", "ClusterRole", "cluster-admin", "bind", "binder"));

        Assert.True(viewCode == 201, view.ToJsonString());
        Assert.Equal(403, adminCode);
        Assert.StartsWith("rolebindings.rbac.authorization.k8s.io \"self-admin\" is forbidden: user \"system:serviceaccount:bind:binder\"", admin["message"]!.GetValue<string>());
        Assert.Contains("is attempting to grant RBAC permissions not currently held:\n", admin["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_aggregation_rule_needs_escalate_even_for_a_writer_of_cluster_roles()
    {
        var token = await Http.ServiceAccountTokenAsync("agg", "role-writer");
        await Http.AdminCreateAsync("/apis/rbac.authorization.k8s.io/v1/clusterroles", """{"metadata":{"name":"cr-writer"},"rules":[{"apiGroups":["rbac.authorization.k8s.io"],"resources":["clusterroles"],"verbs":["create"]}]}""");
        await Http.AdminCreateAsync("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", """{"metadata":{"name":"cr-writer"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"cr-writer"},"subjects":[{"kind":"ServiceAccount","name":"role-writer","namespace":"agg"}]}""");

        var (code, body) = await Http.PostAsync("/apis/rbac.authorization.k8s.io/v1/clusterroles", token,
            """{"metadata":{"name":"grab-admin"},"aggregationRule":{"clusterRoleSelectors":[{"matchLabels":{"rbac.authorization.k8s.io/aggregate-to-admin":"true"}}]}}""");

        Assert.Equal(403, code);
        Assert.Equal("clusterroles.rbac.authorization.k8s.io \"grab-admin\" is forbidden: must have cluster-admin privileges to use the aggregationRule", body["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cluster_roles_labelled_for_aggregation_flow_into_view_edit_and_admin_and_leave_when_deleted()
    {
        await Http.AdminCreateAsync("/apis/rbac.authorization.k8s.io/v1/clusterroles",
            """{"metadata":{"name":"widgets-view","labels":{"rbac.authorization.k8s.io/aggregate-to-view":"true"}},"rules":[{"apiGroups":["example.com"],"resources":["widgets"],"verbs":["get"]}]}""");

        foreach (var role in new[] { "view", "edit", "admin" })
        {
            var (_, body) = await Http.GetAsync($"/apis/rbac.authorization.k8s.io/v1/clusterroles/{role}", Server.AdminToken);
            Assert.Contains("\"widgets\"", body["rules"]!.ToJsonString());
        }

        Assert.Equal(200, (await Http.SendAsync(HttpMethod.Delete, "/apis/rbac.authorization.k8s.io/v1/clusterroles/widgets-view", Server.AdminToken)).Code);
        var (_, admin) = await Http.GetAsync("/apis/rbac.authorization.k8s.io/v1/clusterroles/admin", Server.AdminToken);
        Assert.DoesNotContain("\"widgets\"", admin["rules"]!.ToJsonString());
        Assert.Contains("\"secrets\"", admin["rules"]!.ToJsonString());
    }

    [Fact]
    public async Task Impersonation_needs_the_impersonate_verb_and_then_acts_as_the_impersonated_user()
    {
        var token = await Http.ServiceAccountTokenAsync("imp", "plain");
        var review = new { kind = "SelfSubjectReview", apiVersion = "authentication.k8s.io/v1" };

        var (deniedCode, denied) = await Http.SendAsync(HttpMethod.Post, "/apis/authentication.k8s.io/v1/selfsubjectreviews", token, review, ("Impersonate-User", "alice"));
        var (code, body) = await Http.SendAsync(HttpMethod.Post, "/apis/authentication.k8s.io/v1/selfsubjectreviews", Server.AdminToken, review,
            ("Impersonate-User", "alice"), ("Impersonate-Group", "team-a"));

        Assert.Equal(403, deniedCode);
        Assert.Equal("users \"alice\" is forbidden: User \"system:serviceaccount:imp:plain\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope", denied["message"]!.GetValue<string>());
        Assert.Equal(201, code);
        Assert.Equal("""{"username":"alice","groups":["team-a","system:authenticated"]}""", body["status"]!["userInfo"]!.ToJsonString());
    }
}
