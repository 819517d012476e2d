using System.Globalization;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Windows;

/// <summary>
/// What Windows authentication needs in the test domain: the gateway's service account with the SPN
/// <c>HTTP/&lt;ServiceHost&gt;</c> and its keytab (0600), and one domain-joined agent, a machine account <c>NAME$</c> with
/// tickets in a cache of its own. Names are new for each test, since the domain lives for the whole run.
/// </summary>
internal sealed class WindowsDomain : IDisposable
{
    public const string MachinePassword = "Win-Machine-Pass-1";
    private static int _next;

    private WindowsDomain(KerberosKit kit, string serviceHost, string keytab, string machine, KerberosClientKit agent)
    {
        OtherServiceHost = "other-" + serviceHost;
        Kit = kit;
        ServiceHost = serviceHost;
        Keytab = keytab;
        Machine = machine;
        Agent = agent;
    }

    public KerberosKit Kit { get; }

    /// <summary>The host name agents address the gateway by: the SPN is <c>HTTP/</c> and it.</summary>
    public string ServiceHost { get; }

    public string Keytab { get; }

    /// <summary>
    /// The SPN of another service account, whose key the keytab does not hold. (A second SPN of the gateway's own account
    /// would be accepted, as IIS accepts it: the ticket is sealed with that account's key, whatever name it carries.)
    /// </summary>
    public string OtherServiceHost { get; }

    /// <summary>The agent's machine account, <c>WINAGENTn$</c>.</summary>
    public string Machine { get; }

    public KerberosClientKit Agent { get; }

    public static async Task<WindowsDomain> CreateAsync(SambaDc dc)
    {
        string n = Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture) + Random.Shared.Next(1000, 9999).ToString(CultureInfo.InvariantCulture);
        var kit = new KerberosKit();
        try
        {
            string service = "win-gw" + n, host = $"gw{n}.example.test";
            await dc.CreateServiceAccountAsync(service, "Win-Gw-Pass-1");
            await dc.AddSpnAsync(service, "HTTP/" + host);
            await dc.CreateServiceAccountAsync("win-ot" + n, "Win-Other-Pass-1");
            await dc.AddSpnAsync("win-ot" + n, "HTTP/other-" + host);
            string keytab = kit.File("http.keytab");
            await dc.ExportKeytabAsync(keytab, "HTTP/" + host);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(keytab, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            string machine = await dc.CreateMachineAccountAsync("WINAGENT" + n, MachinePassword);
            var agent = await KerberosClientKit.KinitAsync(kit, machine, MachinePassword);
            return new WindowsDomain(kit, host, keytab, machine, agent);
        }
        catch
        {
            kit.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The gateway's settings: this keytab and domain, a <c>Windows</c> route under <c>/win/</c> and a <c>TokenOrWindows</c>
    /// route under <c>/mixed/</c>, each forwarding the rest of the path; every other path stays on the <c>Token</c> route.
    /// </summary>
    public Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Gateway:Windows:Keytab"] = Keytab,
            ["Gateway:Windows:Domain"] = "EXAMPLE",
        };
        foreach (var (route, mode) in new[] { ("win", "Windows"), ("mixed", "TokenOrWindows") })
        {
            string prefix = "ReverseProxy:Routes:" + route + ":";
            settings[prefix + "ClusterId"] = "legacy";
            settings[prefix + "Match:Path"] = "/" + route + "/{**rest}";
            settings[prefix + "Metadata:SmpAuth"] = mode;
            settings[prefix + "Transforms:0:PathRemovePrefix"] = "/" + route;
        }

        return settings;
    }

    /// <summary>A new SPNEGO token of the agent for the gateway (good once: the gateway's replay cache keeps it).</summary>
    public Task<string> TokenAsync() => Agent.NegotiateTokenAsync(ServiceHost);

    /// <summary>A token of the agent for <see cref="OtherServiceHost"/>: a ticket sealed with a key the keytab lacks.</summary>
    public Task<string> OtherServiceTokenAsync() => Agent.NegotiateTokenAsync(OtherServiceHost);

    /// <summary><c>curl --negotiate</c> as the agent to the gateway at <paramref name="gatewayUrl"/>, addressed by <see cref="ServiceHost"/>.</summary>
    public async Task<CurlResponse> CurlAsync(string gatewayUrl, string path, params string[] options)
    {
        int port = new Uri(gatewayUrl).Port;
        return CurlResponse.Last(await Agent.CurlAsync($"http://{ServiceHost}:{port}{path}", ServiceHost, port, options));
    }

    public void Dispose() => Kit.Dispose();
}
