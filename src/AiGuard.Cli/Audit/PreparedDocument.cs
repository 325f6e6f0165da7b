using AiGuard.Cli.Audit.Yaml;

namespace AiGuard.Cli.Audit;

/// <summary>
/// PreparedDocument is one YAML document checked on its own (see <see cref="DocumentPreparer"/>): where it starts and
/// its outcomes in order. It depends on no other document, so documents can be prepared in parallel and applied in order.
/// </summary>
public sealed record PreparedDocument(SourcePosition Start, IReadOnlyList<PreparedItem> Items);
