using System.Text;

namespace AiGuard.Sandbox.Auth;

/// <summary>
/// kube-apiserver's <c>--token-auth-file</c>: one user per line, <c>token,user,uid,"group1,group2"</c> (the group
/// column is optional and quoted when it lists several groups). Blank lines and lines starting with # are skipped.
/// </summary>
internal static class StaticTokenFile
{
    /// <summary>Reads the file; a malformed line fails with a <see cref="FormatException"/> naming file:line.</summary>
    public static IReadOnlyDictionary<string, UserInfo> Load(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new FormatException($"token file {path}: cannot read it: {e.Message}", e);
        }

        return Parse(lines, path);
    }

    public static IReadOnlyDictionary<string, UserInfo> Parse(IReadOnlyList<string> lines, string source)
    {
        var users = new Dictionary<string, UserInfo>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var where = $"token file {source}:{i + 1}";
            var fields = SplitCsv(line, where);
            if (fields.Count < 3)
            {
                throw new FormatException($"{where}: expected token,user,uid[,\"group1,group2\"], got {fields.Count} column(s)");
            }

            var (token, user, uid) = (fields[0].Trim(), fields[1].Trim(), fields[2].Trim());
            if (token.Length == 0 || user.Length == 0)
            {
                throw new FormatException($"{where}: the token and user columns must not be empty");
            }

            if (users.ContainsKey(token))
            {
                // The real server keeps the last line; a duplicated token in a test file is almost always a mistake.
                throw new FormatException($"{where}: duplicate token (already used on an earlier line)");
            }

            var groups = fields.Count > 3
                ? fields[3].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList()
                : [];
            if (!groups.Contains(UserInfo.Authenticated))
            {
                groups.Add(UserInfo.Authenticated);
            }

            users[token] = new UserInfo(user, uid, groups);
        }

        return users;
    }

    // RFC 4180 fields: a quoted field may contain commas and doubled quotes.
    private static List<string> SplitCsv(string line, string where)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        if (quoted)
        {
            throw new FormatException($"{where}: unterminated quoted field");
        }

        fields.Add(current.ToString());
        return fields;
    }
}
