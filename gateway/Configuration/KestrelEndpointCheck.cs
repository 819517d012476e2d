using System.Net;
using System.Net.Sockets;

namespace Smp.Gateway.Configuration;

/// <summary>
/// Kestrel's endpoints as Kestrel will read them when it starts listening, which is after every other check:
/// each URL and its port, and each certificate file with its key, loaded and matched as a pair.
/// </summary>
internal static class KestrelEndpointCheck
{
    public static void Check(IConfiguration configuration, List<string> problems)
    {
        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            string key = $"Kestrel:Endpoints:{endpoint.Key}";
            if (TryParse(endpoint["Url"], out _, out string? problem))
            {
                CheckCertificate(endpoint.GetSection("Certificate"), problems);
            }
            else
            {
                problems.Add($"{key}:Url: {problem}");
            }
        }
    }

    /// <summary>
    /// Whether another process already listens on an endpoint's port, found by binding it a moment: said at start
    /// with the key, rather than by Kestrel's bind failure. A port taken in between still fails in Kestrel.
    /// </summary>
    public static void CheckPortsFree(IConfiguration configuration, List<string> problems)
    {
        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            if (TryParse(endpoint["Url"], out var address, out _) && address.Port > 0 && InUse(address) is { } ip)
            {
                problems.Add($"Kestrel:Endpoints:{endpoint.Key}:Url: port {address.Port} on {ip} is in use by another process.");
            }
        }
    }

    /// <summary>For another server of this repository (agent-sim's legacy server): the address in use at <paramref name="url"/>'s port, or null.</summary>
    internal static string? InUse(string url) => TryParse(url, out var address, out _) && address.Port > 0 ? InUse(address) : null;

    private static bool TryParse(string? url, out BindingAddress address, out string? problem)
    {
        address = null!;
        problem = null;
        try
        {
            address = BindingAddress.Parse(url ?? string.Empty);
        }
        catch (FormatException)
        {
            problem = $"'{url}' is not a URL such as http://127.0.0.1:8080 or https://*:443.";
            return false;
        }

        if (address.Scheme is not ("http" or "https") || address.Host.Length == 0)
        {
            problem = $"'{url}' is not a URL such as http://127.0.0.1:8080 or https://*:443.";
        }
        else if (address.Port is < 0 or > IPEndPoint.MaxPort)
        {
            problem = $"port {address.Port} is outside 0 to {IPEndPoint.MaxPort}.";
        }

        return problem is null;
    }

    private static string? InUse(BindingAddress address)
    {
        var ip = address.Host is "*" or "+" or "[::]" or "0.0.0.0" ? IPAddress.Any
            : address.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
            : IPAddress.TryParse(address.Host.Trim('[', ']'), out var parsed) ? parsed : null;
        if (ip is null)
        {
            return null;
        }

        try
        {
            using var probe = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(ip, address.Port));
            return null;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return ip.ToString();
        }
        catch (SocketException)
        {
            // Not this machine's address, or not allowed: Kestrel says so itself.
            return null;
        }
    }

    private static void CheckCertificate(IConfigurationSection certificate, List<string> problems)
    {
        string path = certificate["Path"] ?? string.Empty, keyPath = certificate["KeyPath"] ?? string.Empty;
        string pathKey = certificate.Path + ":Path", keyKey = certificate.Path + ":KeyPath";
        bool missing = false;
        foreach (var (key, file) in new[] { (pathKey, path), (keyKey, keyPath) })
        {
            if (file.Length > 0 && !File.Exists(file))
            {
                problems.Add($"{key}: '{file}' does not exist.");
                missing = true;
            }
        }

        if (missing || path.Length == 0)
        {
            return;
        }

        if (CertificatePair.Problem(path, keyPath, certificate["Password"]) is { } problem)
        {
            problems.Add($"{(problem.InKey ? keyKey : pathKey)}: {problem.Message}");
        }
    }
}
