using AiGuard.Operator.Hosting;
using Microsoft.Extensions.Configuration;

namespace AiGuard.Operator.Tests.Hosting;

public sealed class OperatorOptionsTests
{
    private static OperatorOptions Read(params (string Key, string Value)[] variables) =>
        OperatorEnvironment.Read(new ConfigurationBuilder()
            .AddInMemoryCollection(variables.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build());

    [Fact]
    public void Defaults_are_workers_by_core_count_all_namespaces_no_leader_election_and_ports_8081_8080()
    {
        var options = Read();

        Assert.Equal(OperatorOptions.DefaultWorkers(Environment.ProcessorCount), options.Workers);
        Assert.Empty(options.Namespaces);
        Assert.False(options.LeaderElect);
        Assert.Equal(8081, options.HealthPort);
        Assert.Equal(8080, options.MetricsPort);
        Assert.Equal("aiguard-operator", options.LeaseName);
        Assert.Empty(options.Validate());
    }

    [Theory]
    [InlineData(1, 4)]
    [InlineData(2, 8)]
    [InlineData(4, 16)]
    [InlineData(64, 32)]
    public void Default_workers_are_four_per_core_between_4_and_32(int cores, int workers) =>
        Assert.Equal(workers, OperatorOptions.DefaultWorkers(cores));

    [Fact]
    public void The_lease_name_comes_from_aiguard_lease_name_so_two_installs_in_one_namespace_elect_separately()
    {
        var options = Read(("LEASE_NAME", "team-a-aiguard-operator"));

        Assert.Equal("team-a-aiguard-operator", options.LeaseName);
        Assert.Empty(options.Validate());
    }

    [Theory]
    [InlineData("Team_A")]
    [InlineData("a/../b")]
    [InlineData("-lease")]
    public void A_lease_name_that_is_not_an_object_name_is_refused_naming_the_variable(string name)
    {
        var problems = Read(("LEASE_NAME", name)).Validate();

        Assert.Contains(problems, p => p.StartsWith($"AIGUARD_LEASE_NAME '{name}' is not a valid Lease name", StringComparison.Ordinal));
    }

    [Fact]
    public void Reads_aiguard_environment_variables_including_comma_separated_namespaces_and_durations()
    {
        var options = Read(("WORKERS", "8"), ("NAMESPACES", "ml-prod, ml-dev,ml-prod"), ("LEADER_ELECT", "true"),
            ("LEASE_DURATION", "30s"), ("RENEW_DEADLINE", "20000ms"), ("RETRY_PERIOD", "00:00:04"), ("LOG_FORMAT", "JSON"));

        Assert.Equal(8, options.Workers);
        Assert.Equal(["ml-prod", "ml-dev"], options.Namespaces);
        Assert.True(options.LeaderElect);
        Assert.Equal(TimeSpan.FromSeconds(30), options.LeaseDuration);
        Assert.Equal(TimeSpan.FromSeconds(20), options.RenewDeadline);
        Assert.Equal(TimeSpan.FromSeconds(4), options.RetryPeriod);
        Assert.Equal(LogFormat.Json, options.LogFormat);
    }

    [Theory]
    [InlineData("WORKERS", "four", "AIGUARD_WORKERS must be a whole number, got 'four'")]
    [InlineData("LEADER_ELECT", "maybe", "AIGUARD_LEADER_ELECT must be true or false")]
    [InlineData("LEASE_DURATION", "soon", "AIGUARD_LEASE_DURATION must be a duration")]
    [InlineData("LEASE_DURATION", "1e400s", "AIGUARD_LEASE_DURATION must be a duration")]
    [InlineData("RETRY_PERIOD", "99999999999h", "AIGUARD_RETRY_PERIOD must be a duration")]
    [InlineData("SHUTDOWN_TIMEOUT", "Infinityms", "AIGUARD_SHUTDOWN_TIMEOUT must be a duration")]
    [InlineData("LOG_FORMAT", "xml", "AIGUARD_LOG_FORMAT must be json, console or auto")]
    public void A_value_that_does_not_parse_names_its_variable(string key, string value, string message)
    {
        var error = Assert.Throws<OperatorConfigurationException>(() => Read((key, value)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_names_every_bad_flag()
    {
        var problems = new OperatorOptions
        {
            Workers = 0,
            HealthPort = 8080,
            MetricsPort = 8080,
            Namespaces = ["ML_Prod"],
            LeaseDuration = TimeSpan.FromSeconds(5),
            RenewDeadline = TimeSpan.FromSeconds(10),
        }.Validate();

        Assert.Contains(problems, p => p.StartsWith("--workers (AIGUARD_WORKERS) must be between 1 and 64", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("--health-port and --metrics-port must differ", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'ML_Prod' is not a valid namespace name", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("LeaseDuration", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_kubeconfig_is_a_clear_error_naming_the_file()
    {
        var error = Assert.Throws<OperatorConfigurationException>(() => ClusterConnection.Resolve("/nonexistent/kubeconfig"));

        Assert.Contains("kubeconfig /nonexistent/kubeconfig does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_kubeconfig_that_is_not_yaml_is_a_clear_error_naming_the_file()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "clusters: [unclosed");

            var error = Assert.Throws<OperatorConfigurationException>(() => ClusterConnection.Resolve(path));

            Assert.StartsWith($"kubeconfig {path} is not usable", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
