using Smp.AgentSim.Protocol;

namespace Smp.AgentSim.Load.Scenarios;

/// <summary>
/// Several requests on one connection: once a proof is accepted, the connection is authenticated
/// and the following requests carry no <c>Authorization</c> (PROTOCOL.md §7, "Connection").
/// </summary>
internal sealed class KeepAliveScenario : ILoadScenario
{
    public ScenarioKind Kind => ScenarioKind.KeepAlive;

    public async Task<ScenarioVerdict> RunAsync(ScenarioRun run, CancellationToken cancellationToken)
    {
        for (int i = 0; i < run.Options.KeepAliveRequests; i++)
        {
            using HttpRequestMessage request = run.NewRequest();
            RequestOutcome outcome = await run.SendAsync(run.Agent.KeepAliveClient, request, cancellationToken).ConfigureAwait(false);
            if (!outcome.IsSuccess)
            {
                return ScenarioVerdict.Unexpected($"request {i + 1}: expected 2xx, got " + outcome.Describe());
            }

            if (i > 0 && outcome is not { LastCredential: SmpCredentialKind.Connection, RoundTrips: 1 })
            {
                return ScenarioVerdict.Unexpected(
                    $"request {i + 1}: expected the authenticated connection to serve it without credentials, got " + outcome.Describe());
            }
        }

        return ScenarioVerdict.Expected;
    }
}
