namespace AiGuard.Operator.Runtime;

/// <summary>
/// ReconcileScope is the logging scope a controller opens around one reconcile, so every line written while
/// reconciling (by the runtime and by the reconciler's own loggers) names the object as separate fields, the way
/// controller-runtime's logger does: <c>controller</c>, <c>namespace</c>, <c>name</c> and a <c>reconcileID</c>
/// that ties the lines of one attempt together. Log collectors can then filter by object without parsing messages.
/// </summary>
public static class ReconcileScope
{
    /// <summary>
    /// The scope's fields for <paramref name="key"/>: an <see cref="ObjectKey"/> is split into namespace (left out for
    /// cluster-scoped objects) and name; any other key is the name.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, object?>> For<TKey>(string controller, TKey key)
        where TKey : notnull
    {
        var fields = new List<KeyValuePair<string, object?>>(4) { new("controller", controller) };
        if (key is ObjectKey objectKey)
        {
            if (objectKey.Namespace is { } ns)
            {
                fields.Add(new("namespace", ns));
            }

            fields.Add(new("name", objectKey.Name));
        }
        else
        {
            fields.Add(new("name", key.ToString()));
        }

        fields.Add(new("reconcileID", Guid.NewGuid().ToString()));
        return fields;
    }
}
