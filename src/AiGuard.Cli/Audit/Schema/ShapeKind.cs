namespace AiGuard.Cli.Audit.Schema;

/// <summary>ShapeKind is the JSON form a CLR type takes.</summary>
public enum ShapeKind
{
    String,
    Boolean,
    Integer,
    Number,
    Any,

    /// <summary>A type with its own JSON converter (quantities, times, int-or-string): checked by converting it.</summary>
    Converted,
    Map,
    List,
    Object,
}
