using System.Text.Encodings.Web;
using System.Text.Json;

namespace AiGuard.Cli.Audit;

/// <summary>JsonOptions holds the serializer settings of audit output: readable characters such as &lt; and &gt; stay as they are.</summary>
public static class JsonOptions
{
    public static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
}
