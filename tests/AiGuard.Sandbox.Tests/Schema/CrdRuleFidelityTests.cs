using System.Text.Json.Nodes;
using AiGuard.Schema;
using AiGuard.Testing;
using k8s;
using k8s.Models;

namespace AiGuard.Sandbox.Tests.Schema;

/// <summary>
/// The generated CRDs (config/crd/bases) against the answers a real API server (apiextensions-apiserver, cel-go,
/// kube-openapi) gives, case by case, at the edges where a .NET reading drifts: absent against present-empty fields,
/// nulls, a newline before the end of a pattern, characters outside the BMP, duplicates, lists of one. Each case runs
/// the sandbox's own order: pruning, null pruning and defaulting, then the schema and its CEL rules.
/// </summary>
public sealed class CrdRuleFidelityTests
{
    private static readonly Dictionary<string, StructuralSchema> Schemas = LoadSchemas();

    private const string Model = """{"model":{"uri":"hf://org/model"},"serving":{"image":"vllm/vllm-openai:v0.6.0"}}""";

    /// <summary>(spec, the API server's answer: null when it accepts, else text its error carries, why).</summary>
    public static TheoryData<string, string?, string> ModelDeploymentCases => new()
    {
        // The peer rule: !has(self.ipBlock) || (!has(self.namespaceSelector) && !has(self.podSelector)).
        { Peer("""{"ipBlock":{"cidr":"10.0.0.0/8"}}"""), null, "an ipBlock alone is a peer" },
        { Peer("""{"podSelector":{}}"""), null, "a selector alone is a peer; {} selects every pod" },
        { Peer("""{"ipBlock":{"cidr":"10.0.0.0/8"},"podSelector":{}}"""), "not both", "has() is presence: a present {} counts" },
        { Peer("""{"ipBlock":{"cidr":"10.0.0.0/8"},"namespaceSelector":{}}"""), "not both", "has() is presence: a present {} counts" },
        { Peer("""{"ipBlock":{"cidr":"10.0.0.0/8"},"podSelector":{"matchLabels":{}}}"""), "not both", "a selector with an empty map is present" },
        { Peer("""{"ipBlock":{"cidr":"10.0.0.0/8"},"podSelector":null}"""), null, "a null in a non-nullable field is pruned before validation, so has() is false" },
        { Peer("""{"ipBlock":{"cidr":"10.0.0.0/8"},"podSelector":{"matchLabels":{"app":null}}}"""), "not both", "the null map value is pruned; the selector stays present" },
        { Peer("""{"podSelector":{"matchLabels":{"app":null}}}"""), null, "a null map value (additionalProperties, not nullable) is pruned, not a type error" },
        { Peer("""{}"""), null, "an empty peer has neither: the rule holds" },

        // The secret rule: has(self.sealedData) != has(self.existingSecret).
        { Secrets("""{"name":"db","sealedData":{}}"""), null, "a present empty sealedData is set" },
        { Secrets("""{"name":"db"}"""), "exactly one of sealedData or existingSecret", "neither is set" },
        { Secrets("""{"name":"db","sealedData":{"k":"v"},"existingSecret":"s"}"""), "exactly one of sealedData or existingSecret", "both are set" },
        { Secrets("""{"name":"db","sealedData":null,"existingSecret":"s"}"""), null, "the null sealedData is pruned: only existingSecret is set" },
        { Secrets("""{"name":"db","sealedData":{},"existingSecret":"s"}"""), "exactly one of sealedData or existingSecret", "a present {} is set, so both are" },

        // The list rule: self.all(s, self.exists_one(o, o.name == s.name)).
        { Secrets("""{"name":"db","existingSecret":"s"}"""), null, "a list of one is unique" },
        { Secrets("""{"name":"db","existingSecret":"s"},{"name":"db","existingSecret":"t"}"""), "secret names must be unique", "a duplicate name" },
        { Secrets("""{"name":"db","existingSecret":"s"},{"name":"cache","existingSecret":"s"}"""), null, "distinct names may share a Secret" },
        { """{"secrets":[]}""", null, "all() over an empty list is true" },

        // riskLevel: enum plus self != 'unacceptable'.
        { """{"riskLevel":"high"}""", null, "an allowed tier" },
        { """{"riskLevel":"unacceptable"}""", "prohibited use under the EU AI Act", "in the enum, refused by the rule" },
        { """{"riskLevel":"Unacceptable"}""", "Unsupported value", "string comparison is exact; the enum refuses it first" },
        { """{"riskLevel":null}""", null, "a null riskLevel is pruned: as if unset" },

        // Patterns are RE2: $ is the end of the text, not before a final newline.
        { Secrets("""{"name":"db\n","existingSecret":"s"}"""), "should match", "RE2's $ does not match before a trailing newline" },
        { Secrets("""{"name":"db","existingSecret":"s\n"}"""), "should match", "RE2's $ does not match before a trailing newline" },
        { Secrets("""{"name":"db","existingSecret":"s","mountPath":"/data\n"}"""), "should match", "RE2's . does not match a newline and $ is the end" },
        { Secrets("""{"name":"db","existingSecret":"s","mountPath":"/d\uD83D\uDE00ta"}"""), null, ". matches a character outside the BMP" },

        // maxLength counts code points, not UTF-16 units: 40 emoji are 40 characters (80 UTF-16 units).
        { Secrets("""{"name":"db","existingSecret":"s","mountPath":"/""" + string.Concat(Enumerable.Repeat("\\uD83D\\uDE00", 1023)) + "\"}"), null, "1,024 code points are within maxLength 1024" },
        { Secrets("""{"name":"db","existingSecret":"s","mountPath":"/""" + string.Concat(Enumerable.Repeat("\\uD83D\\uDE00", 1024)) + "\"}"), "may not be more than 1024", "1,025 code points exceed maxLength 1024" },
    };

    /// <summary>GuardPolicy and GuardException, same shape as <see cref="ModelDeploymentCases"/>.</summary>
    public static TheoryData<string, string, string?, string> PolicyCases => new()
    {
        // GuardPolicy controls: self.all(k, k.matches('^AIG-[A-Z]+-[0-9]{2}$')) over the map's keys.
        { "GuardPolicy", """{"controls":{"AIG-NET-01":{"disabled":true}}}""", null, "a control id key" },
        { "GuardPolicy", """{"controls":{}}""", null, "all() over an empty map is true" },
        { "GuardPolicy", """{"controls":{"AIG-NET-01":{},"aig-net-01":{}}}""", "keyed by control ids", "matches() is case-sensitive; one bad key fails all()" },
        { "GuardPolicy", """{"controls":{"AIG-NET-01\n":{}}}""", "keyed by control ids", "RE2's $ does not match before a trailing newline" },
        { "GuardPolicy", """{"controls":{"xAIG-NET-01":{}}}""", "keyed by control ids", "the pattern is anchored with ^" },
        { "GuardPolicy", """{"controls":{"AIG-NET-0\uD835\uDFD9":{}}}""", "keyed by control ids", "[0-9] is ASCII; a mathematical digit outside the BMP is not one" },
        { "GuardPolicy", """{"controls":{"bogus":null}}""", null, "a null map value is pruned before the rule sees the key" },

        // GuardException controls: size(self) > 0 and !self.exists(c, c == '*'); items match ^AIG-[A-Z]+-[0-9]{2}$.
        { "GuardException", Waiver("""["AIG-NET-01"]"""), null, "a list of one control" },
        { "GuardException", Waiver("""["AIG-NET-01\n"]"""), "should match", "RE2's $ does not match before a trailing newline" },
        { "GuardException", Waiver("""["*"]"""), "should match", "the item pattern refuses * before the rule" },
        { "GuardException", Waiver("""[]"""), "an exception must name at least one control", "minItems is not blocking, so the rules run and refuse too" },

        // GuardException modelDeployments: !self.exists(n, n == '*') || size(self) == 1.
        { "GuardException", Waiver("""["AIG-NET-01"]""", """["*"]"""), null, "* alone waives the namespace" },
        { "GuardException", Waiver("""["AIG-NET-01"]""", """["*","chat"]"""), "must be the only entry", "* with another name" },
        { "GuardException", Waiver("""["AIG-NET-01"]""", """["chat","chat"]"""), null, "no rule or list type refuses a repeated name" },
        { "GuardException", Waiver("""["AIG-NET-01"]""", """["chat\n"]"""), "should match", "RE2's $ does not match before a trailing newline" },

        // expiresAt: format date-time as kube-openapi's strfmt reads it.
        { "GuardException", Waiver("""["AIG-NET-01"]""", expiresAt: "2027-01-01T00:00:00.123456789Z"), null, "RFC 3339 with nanoseconds (Go's RFC3339Nano)" },
        { "GuardException", Waiver("""["AIG-NET-01"]""", expiresAt: "2027-01-01t00:00:00z"), null, "strfmt lower-cases the text before it reads it" },
        { "GuardException", Waiver("""["AIG-NET-01"]""", expiresAt: "2027-01-01T00:00:00+02:00"), null, "a numeric offset" },
        { "GuardException", Waiver("""["AIG-NET-01"]""", expiresAt: "2027-01-01T00:00:00,5Z"), null, "strfmt's fraction follows any one character ('.' in its pattern)" },
        { "GuardException", Waiver("""["AIG-NET-01"]""", expiresAt: "2027-01-01 00:00:00Z"), "must be of type date-time", "no t separates the date from the time" },
        { "GuardException", Waiver("""["AIG-NET-01"]""", expiresAt: "2027-01-01T24:00:00Z"), "must be of type date-time", "hours above 23" },
        { "GuardException", Waiver("""["AIG-NET-01"]""", expiresAt: "2027-01-01T00:00:60Z"), "must be of type date-time", "seconds above 59" },
        { "GuardException", Waiver("""["AIG-NET-01"]""", expiresAt: "2027-02-30T00:00:00Z"), "must be of type date-time", "February has no 30th" },
        { "GuardException", Waiver("""["AIG-NET-01"]""", expiresAt: "2027-01-01"), "must be of type date-time", "a date alone" },
        { "GuardException", Waiver("""["AIG-NET-01"]""", expiresAt: "2027-01-01T00:00:00Z\\n"), "must be of type date-time", "RE2's $ does not match before a trailing newline" },
    };

    [Theory]
    [MemberData(nameof(ModelDeploymentCases))]
    public void A_model_deployment_is_judged_as_the_api_server_judges_it(string spec, string? refusal, string why)
    {
        var body = JsonNode.Parse(Model)!.AsObject();
        foreach (var (name, value) in JsonNode.Parse(spec)!.AsObject())
        {
            body[name] = value?.DeepClone();
        }

        AssertJudged("ModelDeployment", body.ToJsonString(), refusal, why);
    }

    [Theory]
    [MemberData(nameof(PolicyCases))]
    public void A_policy_or_exception_is_judged_as_the_api_server_judges_it(string kind, string spec, string? refusal, string why) =>
        AssertJudged(kind, spec, refusal, why);

    [Fact]
    public void Every_rule_of_the_generated_crds_compiles()
    {
        Assert.Equal(3, Schemas.Count);
        Assert.All(Schemas.Values, schema => Assert.Empty(schema.SkippedRules));
    }

    private static void AssertJudged(string kind, string spec, string? refusal, string why)
    {
        var errors = Judge(kind, spec);
        if (refusal is null)
        {
            Assert.True(errors.Count == 0, $"{why}: expected the API server's acceptance, got {string.Join(" | ", errors)}");
        }
        else
        {
            Assert.True(errors.Exists(e => e.Contains(refusal, StringComparison.Ordinal)), $"{why}: expected an error with '{refusal}', got [{string.Join(" | ", errors)}]");
        }

        Assert.Empty(Schemas[kind].SkippedRules);
    }

    /// <summary>What the sandbox answers: unknown fields, then pruning and defaulting, then the schema and rules.</summary>
    private static List<string> Judge(string kind, string spec)
    {
        var schema = Schemas[kind];
        var obj = new JsonObject
        {
            ["apiVersion"] = "aiguard.io/v1alpha1",
            ["kind"] = kind,
            ["metadata"] = new JsonObject { ["name"] = "m", ["namespace"] = "ml" },
            ["spec"] = JsonNode.Parse(spec),
        };
        var errors = schema.UnknownFields(obj).Select(f => $"{f.Path}: unknown field").ToList();
        schema.Prune(obj);
        schema.ApplyDefaults(obj);
        errors.AddRange(schema.Validate(obj).Select(e => e.ToString()));
        return errors;
    }

    private static string Peer(string peer) => $$$"""{"network":{"egress":[{"to":[{{{peer}}}]}],"ingress":[{"from":[{{{peer}}}]}]}}""";

    private static string Secrets(string secrets) => $$"""{"secrets":[{{secrets}}]}""";

    private static string Waiver(string controls, string modelDeployments = """["chat"]""", string expiresAt = "2027-01-01T00:00:00Z") =>
        $$"""{"approvedBy":"ciso@example.com","controls":{{controls}},"expiresAt":"{{expiresAt}}","justification":"vendor patch lands next sprint","modelDeployments":{{modelDeployments}}}""";

    private static Dictionary<string, StructuralSchema> LoadSchemas()
    {
        var schemas = new Dictionary<string, StructuralSchema>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(RepositoryRoot.Combine("config", "crd", "bases"), "*.yaml"))
        {
            var crd = KubernetesYaml.Deserialize<V1CustomResourceDefinition>(File.ReadAllText(file));
            var schema = JsonNode.Parse(KubernetesJson.Serialize(crd.Spec.Versions.Single().Schema.OpenAPIV3Schema))!.AsObject();
            schemas[crd.Spec.Names.Kind] = StructuralSchema.Compile(schema);
        }

        return schemas;
    }
}
