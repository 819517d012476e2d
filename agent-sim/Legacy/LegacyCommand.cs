using Microsoft.AspNetCore.Builder;
using Smp.AgentSim.Cli;

namespace Smp.AgentSim.Legacy;

/// <summary><c>agent-sim legacy --urls URL</c>: runs the legacy server until Ctrl+C.</summary>
internal static class LegacyCommand
{
    public const string DefaultUrl = "http://127.0.0.1:8081";

    public static async Task<int> RunAsync(ArgumentReader arguments, CancellationToken cancellationToken)
    {
        string url = arguments.String("--urls") ?? DefaultUrl;
        arguments.EnsureAllRead();
        LoopbackUrl.Require("--urls", url);

        await using WebApplication app = LegacyServer.Build(url);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        await Console.Error.WriteLineAsync($"legacy server listening on {url}; Ctrl+C stops it").ConfigureAwait(false);
        // Ctrl+C or SIGTERM, through the host's lifetime or the caller's token, stops it.
        await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }
}
