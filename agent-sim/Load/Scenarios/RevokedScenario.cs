using System.Net;
using Smp.AgentSim.Protocol;
using Smp.Gateway.Protocol;

namespace Smp.AgentSim.Load.Scenarios;

/// <summary>
/// An agent revoked by an administrator while it holds a token: its proof gets 403
/// <c>agent-revoked</c>, it discards token and uid, and its next hello gets the same answer (§7, §8).
/// </summary>
internal sealed class RevokedScenario : ILoadScenario
{
    private const string Code = "agent-revoked";

    public ScenarioKind Kind => ScenarioKind.Revoked;

    public async Task<ScenarioVerdict> RunAsync(ScenarioRun run, CancellationToken cancellationToken)
    {
        Func<string, CancellationToken, Task> revoke = run.Options.RevokeAgent
            ?? throw new InvalidOperationException("The revoked scenario needs a revocation callback.");

        using (HttpRequestMessage before = run.NewRequest())
        {
            RequestOutcome outcome = await run.SendAsync(run.Agent.Client, before, cancellationToken).ConfigureAwait(false);
            if (!outcome.IsSuccess)
            {
                return ScenarioVerdict.Unexpected("before revocation: expected 2xx, got " + outcome.Describe());
            }
        }

        run.Retire();
        await revoke(run.Agent.Identity.AgentId, cancellationToken).ConfigureAwait(false);

        using (HttpRequestMessage proof = run.NewRequest())
        {
            RequestOutcome outcome = await run.SendAsync(run.Agent.Client, proof, cancellationToken).ConfigureAwait(false);
            if (outcome is not { Status: HttpStatusCode.Forbidden, NsError: Code, DiscardedToken: true })
            {
                return ScenarioVerdict.Unexpected("proof after revocation: expected 403 agent-revoked and a discard, got " + outcome.Describe());
            }
        }

        using HttpRequestMessage hello = run.NewRequest();
        RequestOutcome answer = await run.SendAsync(run.Agent.Client, hello, cancellationToken).ConfigureAwait(false);
        return answer is { Status: HttpStatusCode.Forbidden, NsError: Code, LastCredential: SmpCredentialKind.Hello }
            ? ScenarioVerdict.Expected
            : ScenarioVerdict.Unexpected("hello after revocation: expected 403 agent-revoked, got " + answer.Describe());
    }
}
