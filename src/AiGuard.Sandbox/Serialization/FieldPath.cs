using System.Globalization;

namespace AiGuard.Sandbox.Serialization;

/// <summary>Field paths as Kubernetes prints them in errors: <c>spec.containers[0].name</c>.</summary>
internal static class FieldPath
{
    public static string Child(string parent, string key) => parent.Length == 0 ? key : parent + "." + key;

    public static string Index(string parent, int index) => parent + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";
}
