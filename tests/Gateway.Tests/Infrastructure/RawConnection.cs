using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Smp.Gateway.Tests.Infrastructure;

/// <summary>
/// One HTTP/1.1 keep-alive connection, requests written byte for byte and answers read one by one, so a
/// test knows every request went over the same connection (§7's connection authentication).
/// </summary>
internal sealed class RawConnection : IDisposable
{
    private readonly TcpClient _client;
    private readonly BufferedStream _stream;
    private readonly string _host;

    private RawConnection(TcpClient client, string host)
    {
        _client = client;
        _stream = new BufferedStream(client.GetStream());
        _host = host;
    }

    public static async Task<RawConnection> OpenAsync(string baseUrl)
    {
        var uri = new Uri(baseUrl);
        var client = new TcpClient();
        await client.ConnectAsync(uri.Host, uri.Port);
        return new RawConnection(client, uri.Authority);
    }

    /// <summary>Sends a GET with the given header lines (<c>"Name: value"</c>) and reads its answer.</summary>
    public async Task<RawResponse> GetAsync(string path, params string[] headers)
    {
        var request = new StringBuilder($"GET {path} HTTP/1.1\r\nHost: {_host}\r\n");
        foreach (string header in headers)
        {
            request.Append(header).Append("\r\n");
        }

        await _stream.WriteAsync(Encoding.ASCII.GetBytes(request.Append("\r\n").ToString()));
        await _stream.FlushAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await ReadAsync(timeout.Token);
    }

    public void Dispose()
    {
        _stream.Dispose();
        _client.Dispose();
    }

    private async Task<RawResponse> ReadAsync(CancellationToken cancellationToken)
    {
        string status = await LineAsync(cancellationToken);
        var headers = new List<(string Name, string Value)>();
        for (string line = await LineAsync(cancellationToken); line.Length > 0; line = await LineAsync(cancellationToken))
        {
            int colon = line.IndexOf(':');
            headers.Add((line[..colon], line[(colon + 1)..].Trim()));
        }

        var response = new RawResponse(int.Parse(status.Split(' ')[1], CultureInfo.InvariantCulture), headers, string.Empty);
        var body = new MemoryStream();
        if (response.Header("Content-Length") is { } length)
        {
            await CopyAsync(body, int.Parse(length, CultureInfo.InvariantCulture), cancellationToken);
        }
        else if (response.Header("Transfer-Encoding") is "chunked")
        {
            for (int size; (size = int.Parse((await LineAsync(cancellationToken)).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture)) > 0;)
            {
                await CopyAsync(body, size, cancellationToken);
                await LineAsync(cancellationToken);
            }

            await LineAsync(cancellationToken);
        }

        return response with { Body = Encoding.UTF8.GetString(body.ToArray()) };
    }

    private async Task CopyAsync(Stream destination, int count, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[count];
        await _stream.ReadExactlyAsync(buffer, cancellationToken);
        destination.Write(buffer);
    }

    private async Task<string> LineAsync(CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        byte[] one = new byte[1];
        while (true)
        {
            await _stream.ReadExactlyAsync(one, cancellationToken);
            if (one[0] == '\n')
            {
                return line.ToString().TrimEnd('\r');
            }

            line.Append((char)one[0]);
        }
    }
}
