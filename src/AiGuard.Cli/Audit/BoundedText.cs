using System.Text;

namespace AiGuard.Cli.Audit;

/// <summary>
/// BoundedText reads text or bytes but never more than a limit, for inputs whose size is unknown in advance (standard
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

    /// <summary>
    /// The whole content of <paramref name="stream"/>, or null when it holds more than <paramref name="limit"/> bytes;
    /// <paramref name="expectedLength"/> (a file's size) sizes the buffer so that a file is read without a copy.
    /// </summary>
    public static byte[]? ReadBytes(Stream stream, long limit, long expectedLength)
    {
        var buffer = new byte[Math.Clamp(expectedLength, 0, limit)];
        var count = 0;
        while (true)
        {
            if (count == buffer.Length)
            {
                // Full as announced: one more byte means the file grew, or its size was unknown (a pipe or device).
                var next = stream.ReadByte();
                if (next < 0)
                {
                    return buffer;
                }
                if (count + 1L > limit)
                {
                    return null;
                }
                Array.Resize(ref buffer, (int)Math.Min(limit, Math.Max(81920, 2L * buffer.Length)));
                buffer[count++] = (byte)next;
                continue;
            }
            var read = stream.Read(buffer, count, buffer.Length - count);
            if (read == 0)
            {
                break;
            }
            count += read;
        }
        Array.Resize(ref buffer, count);
        return buffer;
    }
}
