using System.Security.Cryptography;

namespace Smp.Gateway.Tests.Infrastructure;

/// <summary>
/// Several gateway nodes on 127.0.0.1 sharing one Redis, as behind a load balancer: one signing key
/// (one PEM file) and one audience, the balancer's origin; each node has its own port and data folder.
/// </summary>
internal sealed class GatewayNodes : IAsyncDisposable
{
    /// <summary>The origin agents address: the load balancer's, the same for every node.</summary>
    public const string Audience = "http://gateway.smp.test";

    private readonly TempFolder _keyFolder;
    private readonly Dictionary<string, string?> _settings;

    private GatewayNodes(TempFolder keyFolder, Dictionary<string, string?> settings, GatewayHost[] nodes)
    {
        _keyFolder = keyFolder;
        _settings = settings;
        Nodes = nodes;
    }

    public GatewayHost[] Nodes { get; }

    public GatewayHost this[int index] => Nodes[index];

    /// <summary>The settings of a node sharing the state in <paramref name="redis"/>.</summary>
    public static Dictionary<string, string?> RedisSettings(RedisServer redis, string? signingKeyFile = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Gateway:State:Store"] = "Redis",
            ["Gateway:State:Redis:Configuration"] = redis.Configuration,
            ["Gateway:Audience"] = Audience,
            // Behind a balancer pooling its connections, every request carries its proof (§7).
            ["Gateway:Connection:KeepAuthentication"] = "false",
            // Twice the default: on two shared cores, with every test class running at once, a healthy
            // Redis can be a second late, and the node rightly answers 503; still well under the stall test's bound.
            ["Gateway:State:Redis:Timeout"] = "00:00:02",
        };
        if (signingKeyFile is not null)
        {
            settings["Gateway:Tokens:SigningKeyFile"] = signingKeyFile;
        }

        return settings;
    }

    public static async Task<GatewayNodes> StartAsync(RedisServer redis, int count = 3, Dictionary<string, string?>? settings = null)
    {
        var keyFolder = new TempFolder();
        string keyFile = Path.Combine(keyFolder.Path, "signing-key.pem");
        using (var rsa = RSA.Create(2048))
        {
            await File.WriteAllTextAsync(keyFile, rsa.ExportPkcs8PrivateKeyPem());
        }

        var all = RedisSettings(redis, keyFile);
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        settings = all;
        var nodes = new GatewayHost[count];
        for (int i = 0; i < count; i++)
        {
            nodes[i] = await GatewayHost.StartAsync(new Dictionary<string, string?>(settings));
        }

        return new GatewayNodes(keyFolder, settings, nodes);
    }

    /// <summary>Stops node <paramref name="index"/> and starts it again on the same port and data folder.</summary>
    public async Task RestartAsync(int index)
    {
        var old = Nodes[index];
        int port = new Uri(old.Url).Port;
        await old.DisposeAsync();
        Nodes[index] = await GatewayHost.StartAsync(new Dictionary<string, string?>(_settings), port: port);
    }

    /// <summary>A client for node <paramref name="index"/> that may open many connections at once.</summary>
    public HttpClient Client(int index) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = 128, UseCookies = false }) { BaseAddress = new Uri(Nodes[index].Url) };

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }

        _keyFolder.Dispose();
    }
}
