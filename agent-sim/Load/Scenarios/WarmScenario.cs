using Smp.AgentSim.Protocol;

namespace Smp.AgentSim.Load.Scenarios;

/// <summary>An agent that holds a token: one step, a proof at once (PROTOCOL.md §7).</summary>
internal sealed class WarmScenario : ILoadScenario
{
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(5);

    public ScenarioKind Kind => ScenarioKind.Warm;

    public async Task<ScenarioVerdict> RunAsync(ScenarioRun run, CancellationToken cancellationToken)
    {
        // An agent's first use is two steps; only an unexpired token already held must make it one
        // (§7). A margin covers the time to send: a token expiring on the way makes it two, rightly.
        bool heldToken = run.Agent.Credential.Token is { } token && run.Time.GetUtcNow() < token.ExpiresAt - ExpiryMargin;
        using HttpRequestMessage request = run.NewRequest();
        RequestOutcome outcome = await run.SendAsync(run.Agent.Client, request, cancellationToken).ConfigureAwait(false);
        if (!outcome.IsSuccess || outcome.LastCredential != SmpCredentialKind.Proof)
        {
            return ScenarioVerdict.Unexpected("expected 2xx after a proof, got " + outcome.Describe());
        }

        return !heldToken || outcome.RoundTrips == 1
            ? ScenarioVerdict.Expected
            : ScenarioVerdict.Unexpected("expected one step with the token held, got " + outcome.Describe());
    }
}
