using AiGuard.Api.Exceptions;
using k8s.Models;

namespace AiGuard.Engine.Tests.Samples;

/// <summary>Builds GuardExceptions for tests; the default is valid and active at <see cref="Scenario.Now"/> for the sample model.</summary>
public sealed class ExceptionBuilder
{
    private readonly GuardException exception;

    public ExceptionBuilder(string name, params string[] controls)
    {
        exception = new GuardException
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = ModelDeploymentBuilder.Namespace,
                CreationTimestamp = Scenario.Now.UtcDateTime.AddDays(-10),
            },
            Spec = new GuardExceptionSpec
            {
                ModelDeployments = [ModelDeploymentBuilder.Name],
                Controls = [.. controls],
                Justification = "vendor fix ships next month; exposure limited",
                ApprovedBy = "security@example.com",
                ExpiresAt = Scenario.Now.UtcDateTime.AddDays(10),
            },
        };
    }

    public ExceptionBuilder With(Action<GuardException> change)
    {
        change(exception);
        return this;
    }

    public ExceptionBuilder ExpiresAt(DateTimeOffset when) => With(e => e.Spec.ExpiresAt = when.UtcDateTime);

    public ExceptionBuilder For(params string[] modelDeployments) => With(e => e.Spec.ModelDeployments = [.. modelDeployments]);

    public GuardException Build() => exception;

    public static implicit operator GuardException(ExceptionBuilder builder) => builder.Build();
}
