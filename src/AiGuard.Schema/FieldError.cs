namespace AiGuard.Schema;

/// <summary>
/// One validation failure, shaped for a 422 Invalid Status cause: <see cref="Path"/> like <c>spec.secrets[0].name</c>,
/// <see cref="Type"/> a Kubernetes field.ErrorType reason (<c>FieldValueRequired</c>, <c>FieldValueInvalid</c>,
/// <c>FieldValueNotSupported</c>, <c>FieldValueTypeInvalid</c>, <c>FieldValueTooLong</c>, <c>FieldValueTooMany</c>,
/// <c>FieldValueDuplicate</c>, <c>FieldValueForbidden</c>) and a human message.
/// </summary>
public sealed record FieldError(string Path, string Type, string Message)
{
    /// <summary>The error as kubectl prints a cause: <c>spec.replicas: Invalid value: ...</c>.</summary>
    public override string ToString() => $"{Path}: {Message}";
}
