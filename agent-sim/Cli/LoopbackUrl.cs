using System.Net;

namespace Smp.AgentSim.Cli;

/// <summary>The simulator talks to loopback only: it is a test tool, not a client to point at a fleet.</summary>
internal static class LoopbackUrl
{
    public static Uri Require(string flag, string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri)
            || uri.Scheme is not ("http" or "https")
            || !(uri.IsLoopback && (IPAddress.TryParse(uri.Host.Trim('[', ']'), out _) || uri.Host == "localhost")))
        {
            throw new UsageException($"{flag}: expected an http(s) URL on a loopback address such as http://127.0.0.1:8080, got '{text}'");
        }

        if (uri.AbsolutePath != "/" || uri.Query.Length > 0)
        {
            throw new UsageException($"{flag}: expected an origin without path or query, got '{text}'");
        }

        return uri;
    }
}
