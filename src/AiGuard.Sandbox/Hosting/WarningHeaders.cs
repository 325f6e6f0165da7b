using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace AiGuard.Sandbox.Hosting;

/// <summary>
/// Adds <c>Warning: 299 - "text"</c> headers (kubectl prints them as "Warning: text"). The text can echo client
/// input (field names, CEL rules), so quotes, control and non-ASCII characters are escaped: a header value Kestrel
/// would refuse must never turn a successful write into a 500.
/// </summary>
internal static class WarningHeaders
{
    public static void Append(HttpResponse response, string text)
    {
        var value = new StringBuilder("299 - \"", text.Length + 10);
        foreach (var c in text)
        {
            if (c is '"' or '\\')
            {
                value.Append('\\').Append(c);
            }
            else if (c < 0x20 || c > 0x7E)
            {
                value.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                value.Append(c);
            }
        }

        response.Headers.Append("Warning", value.Append('"').ToString());
    }
}
