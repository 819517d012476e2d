namespace Smp.AgentSim.Demo;

/// <summary>
/// The settings of a gateway on 127.0.0.1 in front of one legacy server: the one source the demo, the bench and
/// the tests (Gateway.Tests' hosts and processes) start from, each adding or replacing what it is about.
/// </summary>
internal static class LoopbackGatewaySettings
{
    /// <summary>Where it listens, for whom its tokens are, where it keeps its data, its enrollment secret and its one server behind.</summary>
    public static Dictionary<string, string?> Minimal(string url, string legacyUrl, string dataDirectory, string enrollmentSecret) => new()
    {
        ["Kestrel:Endpoints:Http:Url"] = url,
        ["Gateway:Audience"] = url,
        ["Gateway:DataDirectory"] = dataDirectory,
        ["Gateway:Enrollment:Secret"] = enrollmentSecret,
        ["ReverseProxy:Clusters:legacy:Destinations:primary:Address"] = legacyUrl + "/",
    };

    /// <summary>
    /// <see cref="Minimal"/>, with the limits lifted that protect a production gateway from one address asking
    /// for many tokens (what a load run, a benchmark and a test do on purpose), and the log at Warning: refusals
    /// are the point of some runs, and the console is kept for their summary.
    /// </summary>
    public static Dictionary<string, string?> For(string url, string legacyUrl, string dataDirectory, string enrollmentSecret)
    {
        var settings = Minimal(url, legacyUrl, dataDirectory, enrollmentSecret);
        settings["Gateway:RateLimits:TokensPerSourcePerMinute"] = "1000000";
        settings["Gateway:RateLimits:TokensPerAgentPerMinute"] = "1000000";
        settings["Gateway:RateLimits:EnrollmentsPerSourcePerMinute"] = "1000000";
        settings["Logging:LogLevel:Default"] = "Warning";
        return settings;
    }

    /// <summary>Sets each of <paramref name="overrides"/> over <paramref name="settings"/>; returns <paramref name="settings"/>.</summary>
    public static Dictionary<string, string?> With(this Dictionary<string, string?> settings, IEnumerable<KeyValuePair<string, string?>>? overrides)
    {
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }
}
