using System.Diagnostics;

namespace Smp.AgentSim.Cluster;

/// <summary>The administrator's revocation, run as the administrator runs it: the gateway's own CLI, a process per agent.</summary>
internal static class AdminRevocation
{
    /// <summary>
    /// <c>gateway agents revoke ID --config FILE</c>: the administrator's command, on the nodes' Redis; run again, as an
    /// administrator would, when it failed because Redis did not answer (it fails closed while Redis is stalled or
    /// restarting), up to five times.
    /// </summary>
    public static async Task RevokeAsync(string gatewayDll, string configFile, string agentId, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            string? failure = await RevokeOnceAsync(gatewayDll, configFile, agentId, cancellationToken).ConfigureAwait(false);
            if (failure is null)
            {
                return;
            }

            if (attempt == 5)
            {
                throw new InvalidOperationException(failure);
            }

            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Null when the command succeeded, else what it said.</summary>
    private static async Task<string?> RevokeOnceAsync(string gatewayDll, string configFile, string agentId, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { gatewayDll, "agents", "revoke", agentId, "--config", configFile })
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        Task<string> output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return process.ExitCode == 0
            ? null
            : $"gateway agents revoke {agentId} exited with {process.ExitCode}: {await output.ConfigureAwait(false)} {await error.ConfigureAwait(false)}".Trim();
    }
}
