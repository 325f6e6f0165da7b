namespace AiGuard.Sealing.Tests;

[Collection(SealingKeysCollection.Name)]
public sealed class ScopeTests(SealingKeys keys)
{
    private static readonly SealingScope Location = SealingScope.Strict("ml-prod", "fraud-scorer", "registry-token");

    [Theory]
    [InlineData("ml-staging", "fraud-scorer", "registry-token")]
    [InlineData("ml-prod", "churn-model", "registry-token")]
    [InlineData("ml-prod", "fraud-scorer", "db-creds")]
    public void Refuses_strict_value_moved_to_another_namespace_model_deployment_or_secret(string ns, string md, string secret)
    {
        var sealedText = keys.Sealer.Seal("token"u8, Location);
        var moved = SealingScope.Strict(ns, md, secret);

        var error = Assert.Throws<SealingException>(() => keys.Unsealer.Unseal(sealedText, moved));

        Assert.Equal(SealingFailure.WrongScope, error.Reason);
        Assert.Contains("sealed for another namespace, ModelDeployment or secret name", error.Message, StringComparison.Ordinal);
        Assert.Contains(moved.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Equal(keys.Sealer.KeyId, error.KeyId);
    }

    [Fact]
    public void Refuses_namespace_wide_value_in_another_namespace()
    {
        var sealedText = keys.Sealer.Seal("token"u8, SealingScope.NamespaceWide("ml-prod"));

        var error = Assert.Throws<SealingException>(() => keys.Unsealer.Unseal(sealedText, SealingScope.Strict("ml-dev", "fraud-scorer", "registry-token")));

        Assert.Equal(SealingFailure.WrongScope, error.Reason);
        Assert.Contains("another namespace", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_strict_value_where_only_the_namespace_is_known()
    {
        var sealedText = keys.Sealer.Seal("token"u8, Location);

        var error = Assert.Throws<SealingException>(() => keys.Unsealer.Unseal(sealedText, SealingScope.NamespaceWide("ml-prod")));

        Assert.Equal(SealingFailure.WrongScope, error.Reason);
    }

    [Fact]
    public void Detects_moved_value_offline_without_any_private_key()
    {
        var sealedValue = SealedValue.Parse(keys.Sealer.Seal("token"u8, Location));

        Assert.Equal(Location, sealedValue.ScopeAt(Location));
        Assert.Equal(SealingFailure.WrongScope, Assert.Throws<SealingException>(() => sealedValue.ScopeAt(SealingScope.Strict("ml-prod", "fraud-scorer", "x"))).Reason);
    }

    [Theory]
    [InlineData("ml-prod/fraud-scorer/registry-token", SealingScopeMode.Strict)]
    [InlineData("ml-prod", SealingScopeMode.Namespace)]
    [InlineData("a/b/c", SealingScopeMode.Strict)]
    public void Parses_canonical_scope_text_and_prints_it_back(string text, SealingScopeMode mode)
    {
        var scope = SealingScope.Parse(text);

        Assert.Equal(mode, scope.Mode);
        Assert.Equal(text, scope.ToString());
    }

    [Theory]
    [InlineData("ML-prod/fraud-scorer/token", "namespace 'ML-prod' is not a DNS label")]
    [InlineData("ml-prod/-fraud/token", "ModelDeployment name '-fraud' is not a DNS label")]
    [InlineData("ml-prod/fraud/token-", "secret name 'token-' is not a DNS label")]
    [InlineData("ml-prod/fraud/tok.en", "secret name 'tok.en' is not a DNS label")]
    [InlineData("ml-prod//token", "ModelDeployment name is empty")]
    [InlineData("", "namespace is empty")]
    [InlineData("ml-prod/fraud", "has 2 parts")]
    [InlineData("a/b/c/d", "has 4 parts")]
    public void Rejects_scope_parts_that_are_not_dns_labels_naming_the_field(string text, string expectedMessage)
    {
        var error = Assert.Throws<SealingException>(() => SealingScope.Parse(text));

        Assert.Equal(SealingFailure.InvalidScope, error.Reason);
        Assert.Contains(expectedMessage, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Accepts_63_character_labels_and_rejects_64()
    {
        var longest = new string('a', 63);

        Assert.Equal(longest, SealingScope.NamespaceWide(longest).Namespace);
        Assert.Equal(SealingFailure.InvalidScope, Assert.Throws<SealingException>(() => SealingScope.Strict("ns", longest + "a", "s")).Reason);
    }
}
