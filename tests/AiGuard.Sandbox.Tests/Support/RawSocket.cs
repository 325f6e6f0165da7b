using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AiGuard.Sandbox.Tests.Support;

/// <summary>
/// HTTP/1.1 over a bare socket, for requests no client library would send: lying Content-Length, endless chunked
/// bodies. The body writer runs alongside the response reader, so a server that answers early is observable.
/// </summary>
public static class RawSocket
{
    /// <summary>Sends <paramref name="head"/> then the body writer's bytes; returns the response's status line and how many body bytes went out.</summary>
    public static async Task<(string StatusLine, string Response, long BodyBytesSent)> ExchangeAsync(
        Uri baseAddress, string head, Func<Stream, CancellationToken, Task<long>> writeBody)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(IPAddress.Loopback, baseAddress.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        using var stopWriting = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            try
            {
                return await writeBody(stream, stopWriting.Token);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
            {
                return -1L;
            }
        });

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var response = await ReadResponseHeadAsync(stream, deadline.Token);
        await stopWriting.CancelAsync();
        var sent = await writer;
        var statusLine = response.Split("\r\n")[0];
        return (statusLine, response, sent);
    }

    /// <summary>Writes <paramref name="total"/> bytes of <paramref name="fill"/> in 64 KiB pieces, chunked when asked; returns the bytes written.</summary>
    public static async Task<long> WriteFillAsync(Stream stream, long total, byte fill, bool chunked, CancellationToken token)
    {
        var piece = new byte[64 * 1024];
        Array.Fill(piece, fill);
        long written = 0;
        while (written < total && !token.IsCancellationRequested)
        {
            var size = (int)Math.Min(piece.Length, total - written);
            if (chunked)
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"{size:x}\r\n"), token);
            }

            await stream.WriteAsync(piece.AsMemory(0, size), token);
            if (chunked)
            {
                await stream.WriteAsync("\r\n"u8.ToArray(), token);
            }

            written += size;
        }

        return written;
    }

    // Reads until the blank line ending the response head, plus whatever body arrived with it.
    private static async Task<string> ReadResponseHeadAsync(Stream stream, CancellationToken token)
    {
        var buffer = new byte[64 * 1024];
        var text = new StringBuilder();
        while (!text.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, token);
            if (read == 0)
            {
                break;
            }

            text.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        return text.ToString();
    }
}
