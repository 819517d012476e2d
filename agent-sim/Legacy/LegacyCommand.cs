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
        Uri uri = LoopbackUrl.Require("--urls", url);
        if (Smp.Gateway.Configuration.KestrelEndpointCheck.InUse(url) is { } address)
        {
            throw new UsageException($"--urls: port {uri.Port} on {address} is in use by another process; give another (--urls http://127.0.0.1:PORT)");
        }

        await using WebApplication app = LegacyServer.Build(url);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            // Taken between the look above and the bind.
            throw new UsageException($"--urls: {e.Message}");
        }
        await Console.Error.WriteLineAsync($"legacy server listening on {url}; Ctrl+C stops it").ConfigureAwait(false);
        // Ctrl+C or SIGTERM, through the host's lifetime or the caller's token, stops it.
        await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }
}
