using System.Net.Sockets;
using System.Text;

namespace Smp.Gateway.Tests.Infrastructure;

/// <summary>Sends bytes exactly as written, for requests HttpClient will not make (repeated headers).</summary>
internal static class RawHttp
{
    public static async Task<string> SendAsync(string baseUrl, string request)
    {
        var uri = new Uri(baseUrl);
        using var client = new TcpClient();
        await client.ConnectAsync(uri.Host, uri.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await reader.ReadToEndAsync(timeout.Token);
    }
}
