using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace AiGuard.EndToEnd.Tests.ContainerImage;

/// <summary>
/// TlsFrontend terminates TLS on 127.0.0.1 and pipes each connection to a plain-HTTP backend (the sandbox). In a
/// pod, KubernetesClient only speaks https to the API server (it builds https://KUBERNETES_SERVICE_HOST:PORT), so
/// the image test puts this in front of the sandbox instead of teaching the operator an insecure option.
/// </summary>
internal sealed class TlsFrontend : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2 _certificate;
    private readonly Uri _backend;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _failedHandshakes;
    private int _forwardedConnections;

    public TlsFrontend(X509Certificate2 certificate, Uri backend)
    {
        _certificate = certificate;
        _backend = backend;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections closed before a request arrived: a failed handshake, or a client that did not trust the certificate.</summary>
    public int FailedHandshakes => Volatile.Read(ref _failedHandshakes);

    /// <summary>Connections that sent a request, which was passed to the backend.</summary>
    public int ForwardedConnections => Volatile.Read(ref _forwardedConnections);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = PipeAsync(client);
        }
    }

    private async Task PipeAsync(TcpClient client)
    {
        using (client)
        {
            await using var tls = new SslStream(client.GetStream());
            var first = new byte[16 * 1024];
            int read;
            try
            {
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, _stop.Token);
                // With TLS 1.3 the client checks the certificate after the server's side of the handshake is done: a
                // client that distrusts it closes the connection before sending its request.
                read = await tls.ReadAsync(first, _stop.Token);
            }
            catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException or OperationCanceledException)
            {
                read = 0;
            }

            if (read == 0)
            {
                Interlocked.Increment(ref _failedHandshakes);
                return;
            }

            Interlocked.Increment(ref _forwardedConnections);
            using var backend = new TcpClient();
            try
            {
                await backend.ConnectAsync(_backend.Host, _backend.Port, _stop.Token);
                var plain = backend.GetStream();
                await plain.WriteAsync(first.AsMemory(0, read), _stop.Token);
                using var done = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                var up = tls.CopyToAsync(plain, done.Token);
                var down = plain.CopyToAsync(tls, done.Token);
                await Task.WhenAny(up, down);
                await done.CancelAsync();
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // Either side closed: the connection is over.
            }
        }
    }
}
