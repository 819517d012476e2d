using System.Net;
using System.Net.Sockets;

namespace Smp.Gateway.Tests.Infrastructure;

/// <summary>
/// A loopback port for a server a test starts. Taken below the kernel's ephemeral range (32768 and
/// up on Linux), where no outgoing connection of the many tests running at once can take it between
/// this check and the server's bind; never the same port twice in one run.
/// </summary>
internal static class FreePort
{
    private const int First = 20000;
    private const int Last = 32000;
    private static readonly HashSet<int> Given = [];

    public static int Next()
    {
        lock (Given)
        {
            for (int attempt = 0; attempt < 1000; attempt++)
            {
                int port = Random.Shared.Next(First, Last);
                if (Given.Add(port) && IsFree(port))
                {
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"no free loopback port between {First} and {Last}");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
