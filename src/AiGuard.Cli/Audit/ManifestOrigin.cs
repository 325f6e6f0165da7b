using AiGuard.Cli.Audit.Yaml;
using AiGuard.Schema;

namespace AiGuard.Cli.Audit;

/// <summary>ManifestOrigin says where an object was defined: file, start of its map, and a map of its fields' positions.</summary>
public sealed record ManifestOrigin(string File, SourcePosition Start, SourceMap Map)
{
    /// <summary><c>file:line</c> of the object's first line, as reports show it.</summary>
    public string Source => $"{File}:{Start.Line}";

    /// <summary>An error at the field <paramref name="path"/> of this object.</summary>
    public ManifestError ErrorAt(FieldPath path, string message, bool atKey = false) =>
        new(File, Map.Locate(path, atKey), path.Segments.Count == 0 ? message : $"{path}: {message}");

    /// <summary>An error from a rule about the field <paramref name="path"/>: a map or list is shown at its key.</summary>
    public ManifestError RuleErrorAt(FieldPath path, string message) =>
        new(File, Map.LocateField(path), path.Segments.Count == 0 ? message : $"{path}: {message}");

    /// <summary>
    /// A schema error exactly as the API server words it (<c>spec.replicas: Invalid value: ...</c>), at its field;
    /// the server's closing note that CEL rules were not checked has no field and points at the object's start.
    /// </summary>
    public ManifestError SchemaErrorAt(FieldError error) =>
        new(File, error.Path.StartsWith('<') ? Start : Map.LocateField(FieldPath.Parse(error.Path)), error.ToString());

    /// <summary>A field the schema does not declare, at its key, as a strict decoding error names it.</summary>
    public ManifestError UnknownFieldAt(UnknownField field, string hint) =>
        new(File, Map.Locate(FieldPath.Parse(field.Path), atKey: true), $"{field.Path}: {field}{hint}");
}
