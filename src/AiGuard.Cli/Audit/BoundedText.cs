using System.Text;

namespace AiGuard.Cli.Audit;

/// <summary>
/// BoundedText reads text but never more than a limit, for inputs whose size is unknown in advance (standard
/// input, pipes, device files) or may grow while being read.
/// </summary>
public static class BoundedText
{
    /// <summary>The whole text of <paramref name="reader"/>, or null when it holds more than <paramref name="limit"/> characters.</summary>
    public static string? Read(TextReader reader, long limit)
    {
        var text = new StringBuilder();
        var buffer = new char[81920];
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (text.Length + (long)read > limit)
            {
                return null;
            }
            text.Append(buffer, 0, read);
        }
        return text.ToString();
    }
}
