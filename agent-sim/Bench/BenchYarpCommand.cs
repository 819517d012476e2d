using Smp.AgentSim.Cli;

namespace Smp.AgentSim.Bench;

/// <summary>
/// <c>agent-sim bench-yarp --urls URL --upstream URL [--http2-url URL]</c>: plain YARP (<see cref="PlainYarpHost"/>) in a process of its
/// own, until Ctrl+C or SIGTERM; <c>bench --out-of-process</c> starts it beside the gateway's.
/// </summary>
internal static class BenchYarpCommand
{
    public static async Task<int> RunAsync(ArgumentReader arguments, CancellationToken cancellationToken)
    {
        string url = arguments.RequiredString("--urls");
        string upstream = arguments.RequiredString("--upstream");
        string? h2c = arguments.String("--http2-url");
        arguments.EnsureAllRead();
        LoopbackUrl.Require("--urls", url);
        LoopbackUrl.Require("--upstream", upstream);
        if (h2c is not null)
        {
            LoopbackUrl.Require("--http2-url", h2c);
        }

        await using WebApplication app = PlainYarpHost.Build(url, upstream.TrimEnd('/'), h2c);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }
}
