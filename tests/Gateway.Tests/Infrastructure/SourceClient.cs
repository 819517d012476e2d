using System.Net;
using System.Net.Sockets;

namespace Smp.Gateway.Tests.Infrastructure;

/// <summary>
/// Clients whose connections leave from a chosen loopback address (127.0.0.2, 127.0.0.3...), so that a
/// test can play two clients at two addresses against one gateway on 127.0.0.1.
/// </summary>
internal static class SourceClient
{
    public static HttpClient Create(string baseUrl, string localAddress)
    {
        var local = IPAddress.Parse(localAddress);
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1,
            UseCookies = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri(baseUrl) };
    }
}
