using System.Net.Http.Headers;
using System.Text;
using Smp.AgentSim.Legacy;

namespace Smp.AgentSim.Load;

/// <summary>The requests an agent makes of its management server, drawn at random.</summary>
internal static class LegacyRequests
{
    private const string PolicyInventory = """<?xml version="1.0" encoding="utf-8"?><ClientPolicies count="0"/>""";

    public static HttpRequestMessage Next(Uri gateway, Random random) => random.Next(4) switch
    {
        0 => new HttpRequestMessage(HttpMethod.Get, new Uri(gateway, LegacyEndpoints.PoliciesPath)),
        // Buffered content, so that the handler may send it twice (hello, then proof).
        1 => new HttpRequestMessage(HttpMethod.Post, new Uri(gateway, LegacyEndpoints.PoliciesPath))
        {
            Content = new StringContent(PolicyInventory, Encoding.UTF8, "text/xml"),
        },
        2 => new HttpRequestMessage(HttpMethod.Get, new Uri(gateway, LegacyEndpoints.TaskServersPath)),
        _ => PackageRange(gateway, random),
    };

    /// <summary>A range of a package on the UNC-codebase route, half the time; the whole file otherwise.</summary>
    public static HttpRequestMessage UncPackage(Uri gateway, Random random)
    {
        if (random.Next(2) == 0)
        {
            return PackageRange(gateway, random, LegacyEndpoints.UncPackagesPrefix);
        }

        return new HttpRequestMessage(HttpMethod.Get,
            new Uri(gateway, $"{LegacyEndpoints.UncPackagesPrefix}/pkg-{random.Next(8)}/setup.msi"));
    }

    private static HttpRequestMessage PackageRange(Uri gateway, Random random, string prefix = LegacyEndpoints.PackagesPrefix)
    {
        int package = random.Next(8);
        var request = new HttpRequestMessage(HttpMethod.Get,
            new Uri(gateway, $"{prefix}/pkg-{package}/setup.msi"));
        int start = random.Next(LegacyPackage.Length / 4096) * 4096;
        request.Headers.Range = new RangeHeaderValue(start, start + 4095);
        return request;
    }
}
