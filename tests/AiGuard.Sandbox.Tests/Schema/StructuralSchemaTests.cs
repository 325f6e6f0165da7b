using System.Text.Json.Nodes;
using AiGuard.Schema;

namespace AiGuard.Sandbox.Tests.Schema;

public sealed class StructuralSchemaTests
{
    // Shaped like the aiguard.io CRDs: secrets that are sealed xor existing, an acceptable risk, waived control ids.
    private static readonly StructuralSchema Schema = StructuralSchema.Compile(JsonNode.Parse("""
        {"type":"object","properties":{
          "apiVersion":{"type":"string"},"kind":{"type":"string"},"metadata":{"type":"object"},
          "spec":{"type":"object","required":["model"],"properties":{
            "model":{"type":"string","minLength":1,"maxLength":20,"pattern":"^[a-z0-9-]*$"},
            "replicas":{"type":"integer","minimum":0,"maximum":10,"default":1},
            "risk":{"type":"string","enum":["low","high","unacceptable"],"x-kubernetes-validations":[{"rule":"self != 'unacceptable'","message":"unacceptable risk cannot be deployed"}]},
            "port":{"x-kubernetes-int-or-string":true,"anyOf":[{"type":"integer"},{"type":"string"}]},
            "expires":{"type":"string","format":"date-time"},
            "ratio":{"type":"number","exclusiveMinimum":true,"minimum":0},
            "resources":{"type":"object","default":{},"properties":{"gpu":{"type":"integer","default":0},"memory":{"type":"string","default":"1Gi"}}},
            "tags":{"type":"array","maxItems":2,"x-kubernetes-list-type":"set","items":{"type":"string"}},
            "waivers":{"type":"object","additionalProperties":{"type":"string"},"x-kubernetes-validations":[{"rule":"self.all(k, k.matches('^AIG-[A-Z]+-[0-9]{2}$'))","message":"waiver keys must be control ids"}]},
            "secrets":{"type":"array","x-kubernetes-validations":[{"rule":"size(self) > 0","message":"list at least one secret"}],
              "items":{"type":"object","required":["name"],
                "x-kubernetes-validations":[{"rule":"has(self.sealedData) != has(self.existingSecret)","message":"set exactly one of sealedData or existingSecret"}],
                "properties":{"name":{"type":"string"},"sealedData":{"type":"string"},"existingSecret":{"type":"string"}}}},
            "extra":{"type":"object","x-kubernetes-preserve-unknown-fields":true}
          }},
          "status":{"type":"object","properties":{"phase":{"type":"string"}}}}}
        """)!.AsObject());

    private static JsonObject Resource(string spec) =>
        JsonNode.Parse($$"""{"apiVersion":"aiguard.io/v1alpha1","kind":"ModelDeployment","metadata":{"name":"m"},"spec":{{spec}}}""")!.AsObject();

    private static IReadOnlyList<FieldError> Validate(string spec) => Schema.Validate(Resource(spec));

    /// <summary>The errors apart from the API server's closing note that blocking errors kept the CEL rules from running.</summary>
    private static IReadOnlyList<FieldError> ValidateShape(string spec) => [.. Validate(spec).Where(e => e != StructuralSchema.RulesNotChecked)];

    [Fact]
    public void Accepts_a_valid_object()
    {
        Assert.Empty(Validate("""
            {"model":"llama-3","replicas":2,"risk":"high","port":"http","expires":"2026-01-02T03:04:05Z","ratio":0.5,
             "tags":["a","b"],"waivers":{"AIG-NET-01":"ticket 7"},"secrets":[{"name":"k","sealedData":"x"},{"name":"j","existingSecret":"s"}]}
            """));
    }

    [Fact]
    public void Reports_type_errors_with_the_field_path()
    {
        var error = Assert.Single(ValidateShape("""{"model":"m","replicas":"two"}"""));

        Assert.Equal(new FieldError("spec.replicas", "FieldValueTypeInvalid", "Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\""), error);
    }

    [Fact]
    public void Reports_missing_required_fields()
    {
        Assert.Equal([new FieldError("spec.model", "FieldValueRequired", "Required value")], ValidateShape("""{}"""));
        Assert.Equal(["spec.secrets[0].name"], ValidateShape("""{"model":"m","secrets":[{"sealedData":"x"}]}""").Select(e => e.Path));
    }

    [Fact]
    public void Reports_values_outside_the_enum()
    {
        var error = Assert.Single(ValidateShape("""{"model":"m","risk":"medium"}"""));

        Assert.Equal("FieldValueNotSupported", error.Type);
        Assert.Equal("Unsupported value: \"medium\": supported values: \"low\", \"high\", \"unacceptable\"", error.Message);
    }

    [Theory]
    [InlineData("""{"model":"Bad_Name"}""", "spec.model", "FieldValueInvalid", "should match '^[a-z0-9-]*$'")]
    [InlineData("""{"model":"aaaaaaaaaaaaaaaaaaaaaaaa"}""", "spec.model", "FieldValueTooLong", "may not be more than 20")]
    [InlineData("""{"model":""}""", "spec.model", "FieldValueInvalid", "at least 1 chars long")]
    [InlineData("""{"model":"m","replicas":11}""", "spec.replicas", "FieldValueInvalid", "less than or equal to 10")]
    [InlineData("""{"model":"m","replicas":1.5}""", "spec.replicas", "FieldValueTypeInvalid", "must be of type integer")]
    [InlineData("""{"model":"m","ratio":0}""", "spec.ratio", "FieldValueInvalid", "greater than 0")]
    [InlineData("""{"model":"m","expires":"tomorrow"}""", "spec.expires", "FieldValueInvalid", "must be of type date-time")]
    [InlineData("""{"model":"m","port":true}""", "spec.port", "FieldValueTypeInvalid", "must be of type integer,string")]
    [InlineData("""{"model":"m","tags":["a","b","c"]}""", "spec.tags", "FieldValueTooMany", "at most 2 items")]
    [InlineData("""{"model":"m","tags":["a","a"]}""", "spec.tags[1]", "FieldValueDuplicate", "Duplicate value")]
    [InlineData("""{"model":"m","waivers":{"AIG-NET-01":5}}""", "spec.waivers[AIG-NET-01]", "FieldValueTypeInvalid", "must be of type string")]
    [InlineData("""{"model":null}""", "spec.model", "FieldValueTypeInvalid", "must be of type string: \"null\"")]
    public void Reports_value_constraint_violations(string spec, string path, string type, string message)
    {
        var error = Assert.Single(ValidateShape(spec));

        Assert.Equal(path, error.Path);
        Assert.Equal(type, error.Type);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_blocking_error_stops_every_cel_rule_and_says_so_like_the_api_server()
    {
        // A missing required field is blocking: the rule on risk is not evaluated, and the last error says why.
        var errors = Validate("""{"risk":"unacceptable","secrets":[]}""");

        Assert.Equal([new FieldError("spec.model", "FieldValueRequired", "Required value"), StructuralSchema.RulesNotChecked], errors);
        Assert.Equal("<nil>: Invalid value: \"null\": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation", errors[^1].ToString());
    }

    [Fact]
    public void Non_blocking_errors_let_cel_rules_run()
    {
        // A pattern or bound violation is not blocking: the API server still evaluates every rule and reports both.
        var errors = Validate("""{"model":"Bad_Name","risk":"unacceptable"}""");

        Assert.Equal(["spec.model", "spec.risk"], errors.Select(e => e.Path));
        Assert.EndsWith("unacceptable risk cannot be deployed", errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_fields_are_listed_without_changing_the_object()
    {
        var obj = Resource("""{"model":"m","surprise":1,"secrets":[{"name":"a","sealedData":"x","color":"red"}],"extra":{"kept":true}}""");
        var before = obj.ToJsonString();

        Assert.Equal(["spec.surprise", "spec.secrets[0].color"], Schema.UnknownFields(obj).Select(f => f.Path));
        Assert.Equal(before, obj.ToJsonString());
    }

    // The API server's reading of `type: integer`: an int64, or a float64 that is integral within +-(2^53 - 1).
    [Theory]
    [InlineData("3", true)]
    [InlineData("3.0", true)]
    [InlineData("3e0", true)]
    [InlineData("9223372036854775807", true)] // an int64, decoded as one
    [InlineData("1.00000000000000000001", true)] // the float64 1
    [InlineData("3.5", false)]
    [InlineData("1e21", false)] // beyond 2^53 as a float64
    [InlineData("9223372036854775808", false)] // 2^63: no int64, and a float64 beyond 2^53
    public void Integers_are_what_the_api_server_takes_for_integers(string number, bool integer)
    {
        var schema = StructuralSchema.Compile(JsonNode.Parse("""{"type":"object","properties":{"n":{"type":"integer"}}}""")!.AsObject());

        var errors = schema.Validate(JsonNode.Parse($$"""{"n":{{number}}}""")!.AsObject());

        Assert.Equal(integer, errors.Count == 0);
    }

    [Fact]
    public void Int_or_string_accepts_both()
    {
        Assert.Empty(Validate("""{"model":"m","port":8080}"""));
        Assert.Empty(Validate("""{"model":"m","port":"http"}"""));
    }

    [Theory]
    [InlineData("""{"model":"m","risk":"unacceptable"}""", "spec.risk", "unacceptable risk cannot be deployed")]
    [InlineData("""{"model":"m","secrets":[]}""", "spec.secrets", "list at least one secret")]
    [InlineData("""{"model":"m","secrets":[{"name":"a","sealedData":"x","existingSecret":"y"}]}""", "spec.secrets[0]", "set exactly one of sealedData or existingSecret")]
    [InlineData("""{"model":"m","secrets":[{"name":"a"}]}""", "spec.secrets[0]", "set exactly one of sealedData or existingSecret")]
    [InlineData("""{"model":"m","waivers":{"AIG-NET-1":"x"}}""", "spec.waivers", "waiver keys must be control ids")]
    public void Enforces_cel_validation_rules(string spec, string path, string message)
    {
        var error = Assert.Single(Validate(spec));

        Assert.Equal(path, error.Path);
        Assert.Equal("FieldValueInvalid", error.Type);
        Assert.EndsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Empty(Schema.SkippedRules);
    }

    // has() tests presence over JSON, as the API server does (Kubernetes' IsSet): a field present with an empty value
    // counts. The Cel package alone answers false for "", [] and {}, which let `podSelector: {}` (every pod) through.
    [Theory]
    [InlineData("""{"ipBlock":{"cidr":"0.0.0.0/0"},"podSelector":{}}""", false)]
    [InlineData("""{"ipBlock":{"cidr":"0.0.0.0/0"},"ports":[]}""", false)]
    [InlineData("""{"ipBlock":{"cidr":"0.0.0.0/0"},"name":""}""", false)]
    [InlineData("""{"ipBlock":{"cidr":"0.0.0.0/0"},"port":0}""", false)]
    [InlineData("""{"ipBlock":{"cidr":"0.0.0.0/0"},"open":false}""", false)]
    [InlineData("""{"ipBlock":{"cidr":"0.0.0.0/0"},"podSelector":null}""", false)]
    [InlineData("""{"ipBlock":{"cidr":"0.0.0.0/0"}}""", true)]
    [InlineData("""{"podSelector":{},"ports":[],"name":""}""", true)]
    public void Has_is_true_for_a_present_field_even_when_its_value_is_empty(string peer, bool valid)
    {
        var schema = StructuralSchema.Compile(JsonNode.Parse("""
            {"type":"object","properties":{"spec":{"type":"object",
              "x-kubernetes-validations":[{"rule":"!has(self.ipBlock) || !(has(self.podSelector) || has(self.ports) || has(self.name) || has(self.port) || has(self.open))","message":"an ipBlock peer has nothing else"}],
              "properties":{
                "ipBlock":{"type":"object","properties":{"cidr":{"type":"string"}}},
                "podSelector":{"type":"object","nullable":true,"properties":{"matchLabels":{"type":"object","additionalProperties":{"type":"string"}}}},
                "ports":{"type":"array","items":{"type":"integer"}},
                "name":{"type":"string"},"port":{"type":"integer"},"open":{"type":"boolean"}}}}}
            """)!.AsObject());

        var errors = schema.Validate(JsonNode.Parse($$"""{"spec":{{peer}}}""")!.AsObject());

        Assert.Empty(schema.SkippedRules);
        if (valid)
        {
            Assert.Empty(errors);
        }
        else
        {
            Assert.Equal("an ipBlock peer has nothing else", Assert.Single(errors).Message.Split(": ")[^1]);
        }
    }

    [Fact]
    public void Lists_rules_the_cel_package_cannot_compile_or_evaluate_instead_of_failing()
    {
        var schema = StructuralSchema.Compile(JsonNode.Parse("""
            {"type":"object","properties":{"spec":{"type":"object",
              "x-kubernetes-validations":[{"rule":"self.replicas >"},{"rule":"isSorted(self.items)"},{"rule":"self.replicas >= 0"}],
              "properties":{"replicas":{"type":"integer"},"items":{"type":"array","items":{"type":"string"}}}}}}
            """)!.AsObject());

        var errors = schema.Validate(JsonNode.Parse("""{"spec":{"replicas":1,"items":["b","a"]}}"""));

        Assert.Empty(errors);
        Assert.Equal(
            [("spec", "self.replicas >", "cannot compile"), ("spec", "isSorted(self.items)", "cannot evaluate")],
            schema.SkippedRules.Select(r => (r.Path, r.Rule, r.Reason.Contains("cannot compile", StringComparison.Ordinal) ? "cannot compile" : r.Reason.Contains("cannot evaluate", StringComparison.Ordinal) ? "cannot evaluate" : r.Reason)));
        Assert.Single(schema.Validate(JsonNode.Parse("""{"spec":{"replicas":-1}}""")));
    }

    [Fact]
    public void Runs_transition_rules_only_when_there_is_an_old_value()
    {
        var schema = StructuralSchema.Compile(JsonNode.Parse("""
            {"type":"object","properties":{"spec":{"type":"object","properties":{
              "model":{"type":"string","x-kubernetes-validations":[{"rule":"self == oldSelf","message":"model is immutable"}]}}}}}
            """)!.AsObject());

        Assert.Empty(schema.Validate(JsonNode.Parse("""{"spec":{"model":"a"}}""")));
        Assert.Empty(schema.Validate(JsonNode.Parse("""{"spec":{"model":"a"}}"""), JsonNode.Parse("""{"spec":{"model":"a"}}""")));
        var error = Assert.Single(schema.Validate(JsonNode.Parse("""{"spec":{"model":"b"}}"""), JsonNode.Parse("""{"spec":{"model":"a"}}""")));
        Assert.Equal(("spec.model", "Invalid value: \"b\": model is immutable"), (error.Path, error.Message));
        Assert.Empty(schema.SkippedRules);
    }

    [Fact]
    public void Reports_a_rule_error_caused_by_the_data_as_invalid()
    {
        var schema = StructuralSchema.Compile(JsonNode.Parse("""
            {"type":"object","properties":{"spec":{"type":"object","x-kubernetes-validations":[{"rule":"self.limit > 0"}],"properties":{"limit":{"type":"integer"}}}}}
            """)!.AsObject());

        var error = Assert.Single(schema.Validate(JsonNode.Parse("""{"spec":{}}""")));

        Assert.Equal("spec", error.Path);
        Assert.Contains("rule evaluation error", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Applies_defaults_inside_existing_objects_only()
    {
        var withSpec = Resource("""{"model":"m"}""");
        Schema.ApplyDefaults(withSpec);
        Assert.Equal("""{"model":"m","replicas":1,"resources":{"gpu":0,"memory":"1Gi"}}""", withSpec["spec"]!.ToJsonString());

        var withoutSpec = JsonNode.Parse("""{"apiVersion":"aiguard.io/v1alpha1","kind":"ModelDeployment","metadata":{"name":"m"}}""")!.AsObject();
        Schema.ApplyDefaults(withoutSpec);
        Assert.False(withoutSpec.ContainsKey("spec"));
    }

    [Fact]
    public void Defaulting_keeps_given_values_and_replaces_nulls_of_non_nullable_fields()
    {
        var resource = Resource("""{"model":"m","replicas":null,"resources":{"gpu":2}}""");

        Schema.ApplyDefaults(resource);

        Assert.Equal("""{"model":"m","resources":{"gpu":2,"memory":"1Gi"},"replicas":1}""", resource["spec"]!.ToJsonString());
    }

    [Fact]
    public void Prunes_unknown_fields_but_keeps_type_metadata_and_preserved_subtrees()
    {
        var resource = Resource("""{"model":"m","unknown":1,"secrets":[{"name":"a","sealedData":"x","typo":true}],"waivers":{"AIG-NET-01":"ok"},"extra":{"anything":{"goes":1}}}""");
        resource["metadata"]!["labels"] = new JsonObject { ["a"] = "b" };
        resource["status"] = JsonNode.Parse("""{"phase":"Ready","bogus":1}""");
        resource["topLevelTypo"] = 1;

        Schema.Prune(resource);

        Assert.Equal(
            """{"apiVersion":"aiguard.io/v1alpha1","kind":"ModelDeployment","metadata":{"name":"m","labels":{"a":"b"}},"spec":{"model":"m","secrets":[{"name":"a","sealedData":"x"}],"waivers":{"AIG-NET-01":"ok"},"extra":{"anything":{"goes":1}}},"status":{"phase":"Ready"}}""",
            resource.ToJsonString());
    }

    [Fact]
    public void An_uncompilable_pattern_is_listed_not_thrown()
    {
        var schema = StructuralSchema.Compile(JsonNode.Parse("""{"type":"object","properties":{"a":{"type":"string","pattern":"(unclosed"}}}""")!.AsObject());

        Assert.Empty(schema.Validate(JsonNode.Parse("""{"a":"x"}""")));
        Assert.Contains(schema.SkippedRules, r => r.Path == "a" && r.Rule == "pattern: (unclosed");
    }
}
