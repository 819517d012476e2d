using Smp.AgentSim.Protocol;

namespace Smp.AgentSim.Load.Scenarios;

/// <summary>An agent starting afresh: a new uid, a hello, then a proof (two steps, PROTOCOL.md §7).</summary>
internal sealed class ColdScenario : ILoadScenario
{
    public ScenarioKind Kind => ScenarioKind.Cold;

    public async Task<ScenarioVerdict> RunAsync(ScenarioRun run, CancellationToken cancellationToken)
    {
        run.Agent.Credential.Discard();
        using HttpRequestMessage request = run.NewRequest();
        RequestOutcome outcome = await run.SendAsync(run.Agent.Client, request, cancellationToken).ConfigureAwait(false);
        return outcome is { IsSuccess: true, RoundTrips: 2, LastCredential: SmpCredentialKind.Proof }
            ? ScenarioVerdict.Expected
            : ScenarioVerdict.Unexpected("expected 2xx after hello and proof, got " + outcome.Describe());
    }
}
