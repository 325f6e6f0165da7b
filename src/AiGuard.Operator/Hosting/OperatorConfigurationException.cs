namespace AiGuard.Operator.Hosting;

/// <summary>A configuration value (flag, environment variable or kubeconfig) the operator cannot use; the message names it.</summary>
public sealed class OperatorConfigurationException : Exception
{
    /// <summary>Creates the exception with a user-facing message.</summary>
    public OperatorConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a user-facing message and its cause.</summary>
    public OperatorConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception without a message (serialization convention).</summary>
    public OperatorConfigurationException()
    {
    }
}
