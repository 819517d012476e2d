using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Smp.Gateway.Tests.Infrastructure;

/// <summary>
/// One Kerberos client, as a domain-joined machine or a user holds it: a ticket cache of its own (filled by
/// <c>kinit</c>), and the tools run with it out of process, so no Kerberos variable of the test process changes.
/// <see cref="NegotiateTokenAsync"/> gives the SPNEGO token such a client sends for an HTTP service (as
/// <c>curl --negotiate</c> builds it); <see cref="CurlAsync"/> makes a whole request with Negotiate.
/// </summary>
internal sealed class KerberosClientKit
{
    private KerberosClientKit(string principal, Dictionary<string, string> environment)
    {
        Principal = principal;
        Environment = environment;
    }

    /// <summary>The client principal, <c>name@EXAMPLE.TEST</c>.</summary>
    public string Principal { get; }

    /// <summary>The variables of this client's processes (its ticket cache among them).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary><c>kinit ACCOUNT@EXAMPLE.TEST</c> with its password on standard input, into a new ticket cache.</summary>
    public static async Task<KerberosClientKit> KinitAsync(KerberosKit kit, string account, string password)
    {
        var client = new KerberosClientKit(account + "@" + SambaDc.KerberosRealm, kit.Environment());
        await ExternalTool.RunAsync(client.Environment, password + "\n", "kinit", client.Principal);
        return client;
    }

    /// <summary><c>kinit -k -t KEYTAB ACCOUNT@EXAMPLE.TEST</c>, into a new ticket cache.</summary>
    public static async Task<KerberosClientKit> KinitKeytabAsync(KerberosKit kit, string account, string keytab)
    {
        var client = new KerberosClientKit(account + "@" + SambaDc.KerberosRealm, kit.Environment());
        await ExternalTool.RunAsync(client.Environment, null, "kinit", "-k", "-t", keytab, client.Principal);
        return client;
    }

    /// <summary><c>klist</c> of this client's ticket cache.</summary>
    public Task<string> KlistAsync() => ExternalTool.RunAsync(Environment, null, "klist");

    /// <summary>
    /// The SPNEGO token (base64, the part after <c>Negotiate </c>) this client sends to <c>HTTP/serviceHost</c>:
    /// <c>curl --negotiate</c> is pointed at a listener of the test's that asks for Negotiate once and keeps what comes.
    /// The token is good for one use: the server's replay cache refuses it a second time.
    /// </summary>
    public async Task<string> NegotiateTokenAsync(string serviceHost)
    {
        using var listener = new TcpListener(IPAddress.Loopback, FreePort.Next());
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var capture = CaptureAsync(listener, timeout.Token);
        await CurlAsync($"http://{serviceHost}:{port}/", serviceHost, port, "-o", "/dev/null");
        return await capture;
    }

    /// <summary>
    /// <c>curl --negotiate -u : -i URL</c> with this client's tickets, connecting to 127.0.0.1:<paramref name="port"/>
    /// while the URL keeps <paramref name="serviceHost"/> (the SPN is built from the URL's host, so no
    /// <c>/etc/hosts</c> entry is needed); <paramref name="options"/> are added (<c>-d @file</c>, <c>-H ...</c>).
    /// Returns what curl wrote: the status line, headers and body.
    /// </summary>
    public Task<string> CurlAsync(string url, string serviceHost, int port, params string[] options) =>
        ExternalTool.RunAsync(Environment, null,
            ["curl", "-s", "-i", "--max-time", "30", "--negotiate", "-u", ":", "--connect-to", $"{serviceHost}:{port}:127.0.0.1:{port}", .. options, url]);

    private static async Task<string> CaptureAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        while (true)
        {
            using TcpClient connection = await listener.AcceptTcpClientAsync(cancellationToken);
            using NetworkStream stream = connection.GetStream();
            while (await ReadHeadAsync(stream, cancellationToken) is { } head)
            {
                string? token = head.Split("\r\n")
                    .Where(l => l.StartsWith("Authorization: Negotiate ", StringComparison.OrdinalIgnoreCase))
                    .Select(l => l["Authorization: Negotiate ".Length..].Trim())
                    .FirstOrDefault();
                string answer = token is null
                    ? "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Negotiate\r\nContent-Length: 0\r\n\r\n"
                    : "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(answer), cancellationToken);
                if (token is not null)
                {
                    return token;
                }
            }
        }
    }

    private static async Task<string?> ReadHeadAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                return null;
            }

            head.Append((char)one[0]);
        }

        return head.ToString();
    }
}
