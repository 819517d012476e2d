using System.Net;

namespace Smp.Gateway.Doctor;

/// <summary>
/// The three-part SPNs agents ask Kerberos for (seed 002): <c>HTTP/host:80/SMP</c>, <c>HTTPS/host:443/SMP</c> and
/// <c>HTTPS/host:4726/SMP</c>, as <c>setspn -S</c> lines for each configured server's computer account.
/// </summary>
internal static class SetSpnLines
{
    private static readonly (string Scheme, int Port)[] Spns = [("HTTP", 80), ("HTTPS", 443), ("HTTPS", 4726)];

    /// <summary>Host names only: an address or <c>localhost</c> has no computer account.</summary>
    public static bool Applies(string host) =>
        !IPAddress.TryParse(host, out _) && !string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase);

    /// <summary>For <paramref name="host"/>; <paramref name="domain"/> defaults to the host name's DNS domain.</summary>
    public static IEnumerable<string> For(string host, string? domain)
    {
        string account = ComputerAccount(host, domain);
        return Spns.Select(s => $"setspn -S {s.Scheme}/{host}:{s.Port}/SMP {account}");
    }

    /// <summary><c>DOMAIN\computer</c> of <paramref name="host"/>: the account an IIS registers its <c>HTTP/host</c> SPN on by default.</summary>
    public static string ComputerAccount(string host, string? domain)
    {
        int dot = host.IndexOf('.', StringComparison.Ordinal);
        string computer = dot < 0 ? host : host[..dot];
        return (domain ?? (dot < 0 ? "<DOMAIN>" : host[(dot + 1)..])) + "\\" + computer;
    }
}
