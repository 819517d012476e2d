using Smp.AgentSim.Cli;
using Smp.AgentSim.Protocol;
using Smp.AgentSim.Report;

namespace Smp.AgentSim.Load;

/// <summary><c>agent-sim load</c>: runs a load against a gateway that is already running.</summary>
internal static class LoadCommand
{
    public static async Task<int> RunAsync(ArgumentReader arguments, CancellationToken cancellationToken)
    {
        LoadOptions options = ReadOptions(arguments);
        string? jsonFile = arguments.String("--json");
        string? htmlFile = arguments.String("--html");
        GatewayMemoryWatch? memory = arguments.Long("--gateway-pid", 1, int.MaxValue) is { } pid ? new GatewayMemoryWatch((int)pid, TimeProvider.System) : null;
        LogSettings logs = LogSettings.Read(arguments);
        arguments.EnsureAllRead();

        LoadSummary summary;
        try
        {
            using ILoggerFactory loggerFactory = logs.CreateLoggerFactory();
            options = options with { LoggerFactory = loggerFactory };
            summary = await new LoadRunner(memory?.Start(options) ?? options).RunAsync(cancellationToken).ConfigureAwait(false);
            memory?.Finish();
        }
        catch (Exception e) when (e is EnrollmentException or HttpRequestException or InvalidDataException or InvalidOperationException)
        {
            // "The SSL connection could not be established, see inner exception": the inner one says why.
            await Console.Error.WriteLineAsync($"agent-sim load: {Smp.Gateway.Cli.ErrorLine.Describe(e)}").ConfigureAwait(false);
            return 1;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("agent-sim load: interrupted").ConfigureAwait(false);
            return 130;
        }

        int code = Report(summary, jsonFile, htmlFile, "agent-sim load");
        foreach (string line in memory?.Lines(summary) ?? [])
        {
            await Console.Out.WriteLineAsync(line).ConfigureAwait(false);
        }

        return code;
    }

    /// <summary>Reads the flags shared by <c>load</c> and <c>demo</c>, less the gateway and secret.</summary>
    public static LoadOptions ReadCommonOptions(ArgumentReader arguments, LoadOptions template, int defaultAgents, int defaultDuration)
    {
        int agents = arguments.Int("--agents", defaultAgents, 1, 100_000);
        return template with
        {
            Agents = agents,
            Concurrency = arguments.Int("--concurrency", Math.Min(template.Concurrency, agents), 1, 4096),
            Duration = TimeSpan.FromSeconds(arguments.Int("--duration", defaultDuration, 1, 86_400)),
            MaxRequests = arguments.Long("--max-requests", 1, long.MaxValue),
            KeyFolder = arguments.String("--keys") is { Length: > 0 } keys ? keys : template.KeyFolder,
            Progress = Console.Error,
        };
    }

    public static int Report(LoadSummary summary, string? jsonFile) => Report(summary, jsonFile, null, "agent-sim load");

    /// <param name="htmlFile">Where <c>--html</c> writes the page (<see cref="HtmlReport"/>), or null.</param>
    public static int Report(LoadSummary summary, string? jsonFile, string? htmlFile, string title)
    {
        SummaryTable.Write(Console.Out, summary);
        if (jsonFile is not null)
        {
            using FileStream stream = File.Create(jsonFile);
            SummaryJson.Write(stream, summary);
        }

        if (htmlFile is not null)
        {
            HtmlReport.Write(summary, htmlFile, title);
        }

        return summary.AllAsExpected ? 0 : 1;
    }

    private static LoadOptions ReadOptions(ArgumentReader arguments)
    {
        Uri gateway = LoopbackUrl.Require("--gateway", arguments.RequiredString("--gateway"));
        string secret = arguments.RequiredString("--secret");
        ScenarioMix mix = ScenarioMix.Default;
        if (arguments.String("--mix") is { } text)
        {
            try
            {
                mix = ScenarioMix.Parse(text);
            }
            catch (FormatException e)
            {
                throw new UsageException("--mix: " + e.Message);
            }
        }

        Uri? enrollAt = arguments.String("--enroll-at") is { } issuer ? LoopbackUrl.Require("--enroll-at", issuer) : null;
        var ca = arguments.String("--ca") is { } caFile ? ServerTrust.Read(caFile) : null;
        string? windowsPath = arguments.String("--windows-path"), windowsHost = arguments.String("--windows-host");
        if ((windowsPath is null) != (windowsHost is null) || (windowsPath is not null && !windowsPath.StartsWith('/')))
        {
            throw new UsageException("--windows-path (a path starting with /) and --windows-host go together");
        }

        var windows = windowsPath is null ? null : new WindowsAccount(windowsPath, windowsHost!);
        var template = new LoadOptions
        {
            Gateway = gateway, EnrollmentSecret = secret, Mix = mix, EnrollAt = enrollAt, TrustedCa = ca, Windows = windows,
            AgentsPerKey = arguments.Int("--agents-per-key", 1, 1, 100_000),
            IdleConnectionTimeout = TimeSpan.FromSeconds(arguments.Int("--idle-timeout", 30, 1, 3_600)),
        };
        return ReadCommonOptions(arguments, template, defaultAgents: 50, defaultDuration: 10);
    }
}
