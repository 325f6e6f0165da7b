using System.Globalization;
using System.Text.Json.Nodes;
using AiGuard.Sandbox.Limits;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace AiGuard.Sandbox.Serialization;

/// <summary>
/// Converts a YAML request body (apply-patch+yaml or application/yaml) into JSON nodes from the parser's event
/// stream, without recursion and with go-yaml's guards: a recursive alias, excessive alias expansion (billion
/// laughs), nesting deeper than <see cref="ApiLimits.MaxNestingDepth"/> and non-scalar mapping keys are
/// <see cref="BodyDecodeException"/>s naming the line. Only the first document is read.
/// </summary>
internal static class YamlBody
{
    private const int NodeWeight = 16;
    private const string StrTag = "tag:yaml.org,2002:str";

    public static DecodedBody Parse(string text)
    {
        try
        {
            return Build(text);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException or FormatException or OverflowException)
        {
            // YamlDotNet's scanner throws these on some malformed input (found by the fuzz test); it is still bad input.
            throw new BodyDecodeException($"yaml: malformed document: {e.Message}");
        }
    }

    private static DecodedBody Build(string text)
    {
        using var reader = new StringReader(text);
        var parser = new Parser(reader);
        var state = new YamlBuildState();
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case DocumentEnd when state.HasRoot:
                    return state.Result();
                case MappingStart start:
                    state.Open(new JsonObject(), start.Anchor, start.Start.Line);
                    break;
                case SequenceStart start:
                    state.Open(new JsonArray(), start.Anchor, start.Start.Line);
                    break;
                case MappingEnd or SequenceEnd:
                    state.Close();
                    break;
                case Scalar scalar:
                    state.AddScalar(Convert(scalar), scalar.Value, scalar.Anchor, NodeWeight + scalar.Value.Length);
                    break;
                case AnchorAlias alias:
                    state.AddAlias(alias.Value.Value, alias.Start.Line);
                    break;
            }
        }

        return state.Result();
    }

    /// <summary>How a scalar reads as JSON: quoted and block scalars are strings, plain ones follow YAML 1.1 core types.</summary>
    private static JsonValue? Convert(Scalar scalar)
    {
        var value = scalar.Value;
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded
            || (!scalar.Tag.IsEmpty && scalar.Tag.Value == StrTag))
        {
            return JsonValue.Create(value);
        }

        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return JsonValue.Create(l);
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) && value.Any(char.IsDigit))
        {
            return JsonValue.Create(d);
        }

        return JsonValue.Create(value);
    }

    public static string Describe(AnchorName anchor) => anchor.IsEmpty ? "" : anchor.Value;
}
