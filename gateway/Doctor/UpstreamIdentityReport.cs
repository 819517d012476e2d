using Smp.Gateway.Identity;
using Yarp.ReverseProxy.Configuration;

namespace Smp.Gateway.Doctor;

/// <summary>
/// <c>gateway doctor</c>'s part on the servers behind: for each cluster, the identity the gateway will present
/// (<c>Metadata:SmpUpstreamIdentity</c>); for Negotiate, the SPN, the keytab's principals and key types, whether it
/// holds a key for that SPN, and the <c>setspn</c> line that registers the SPN to the server's account.
/// </summary>
internal static class UpstreamIdentityReport
{
    public static void Write(IConfiguration configuration, string keytab, string? domain, TextWriter output, List<string> problems)
    {
        output.WriteLine("Upstream identity (ReverseProxy:Clusters:*:Metadata:SmpUpstreamIdentity):");
        foreach (var cluster in Clusters(configuration))
        {
            var credential = UpstreamIdentitySettings.Read(cluster, keytab, Environment.GetEnvironmentVariable, problems);
            if (credential is null)
            {
                output.WriteLine($"  {cluster.ClusterId}: not valid (below)");
                continue;
            }

            output.WriteLine($"  {cluster.ClusterId}: {credential.Describe()}");
            if (credential.Kind == UpstreamIdentityKind.Negotiate)
            {
                WriteKerberos(cluster, credential, keytab, domain, output, problems);
            }
        }
    }

    private static void WriteKerberos(ClusterConfig cluster, UpstreamCredential credential, string keytab, string? domain, TextWriter output, List<string> problems)
    {
        List<(string Principal, int EncType, uint Kvno)> entries;
        try
        {
            entries = KeytabEntries.Read(File.ReadAllBytes(keytab));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException)
        {
            problems.Add($"{UpstreamIdentitySettings.KeytabKey}: '{keytab}' cannot be read as a keytab: {e.Message}");
            return;
        }

        foreach (var principal in entries.GroupBy(e => e.Principal, StringComparer.Ordinal))
        {
            output.WriteLine($"    keytab {keytab}: {principal.Key} (kvno {principal.Max(e => e.Kvno)}: {string.Join(", ", principal.Select(e => KeytabEntries.EncTypeName(e.EncType)).Distinct())})");
        }

        if (entries.Count == 0)
        {
            problems.Add($"{UpstreamIdentitySettings.KeytabKey}: '{keytab}' holds no key: export the service account's keys into it.");
        }
        else if (!entries.Any(e => e.EncType is 17 or 18 or 19 or 20))
        {
            problems.Add($"{UpstreamIdentitySettings.KeytabKey}: '{keytab}' holds no AES key: set the account's msDS-SupportedEncryptionTypes to 24 and export its keys again.");
        }

        var spns = credential.Spn is { } configured
            ? [configured]
            : (cluster.Destinations ?? new Dictionary<string, DestinationConfig>()).Values
                .Select(d => Uri.TryCreate(d.Address, UriKind.Absolute, out var u) ? "HTTP/" + u.Host : null).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        foreach (string spn in spns)
        {
            bool held = entries.Any(e => e.Principal.StartsWith(spn + "@", StringComparison.OrdinalIgnoreCase));
            string host = spn[(spn.IndexOf('/', StringComparison.Ordinal) + 1)..].Split(':')[0];
            output.WriteLine(held
                ? $"    SPN {spn}: the keytab holds its key (the server runs as the service account)."
                : $"    SPN {spn}: not in the keytab, as it should be unless the server runs as the service account; the KDC finds it on the server's account:");
            output.WriteLine($"      setspn -S {spn} {SetSpnLines.ComputerAccount(host, domain)}   (or the application pool's account when it is not the computer's)");
        }
    }

    private static IEnumerable<ClusterConfig> Clusters(IConfiguration configuration) =>
        configuration.GetSection("ReverseProxy:Clusters").GetChildren().Select(c => new ClusterConfig
        {
            ClusterId = c.Key,
            Metadata = c.GetSection("Metadata").GetChildren().Where(m => m.Value is not null).ToDictionary(m => m.Key, m => m.Value!),
            Destinations = c.GetSection("Destinations").GetChildren().ToDictionary(d => d.Key, d => new DestinationConfig { Address = d["Address"] ?? string.Empty }),
        });
}
