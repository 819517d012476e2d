using System.Net;
using Smp.AgentSim.Protocol;
using Smp.Gateway.Protocol;

namespace Smp.AgentSim.Load.Scenarios;

/// <summary>
/// Someone re-sends, verbatim and on another connection, a proof the gateway already accepted:
/// the replay registry must refuse it with 403 <c>replay</c> (PROTOCOL.md §8, §9).
/// </summary>
internal sealed class ReplayScenario : ILoadScenario
{
    public ScenarioKind Kind => ScenarioKind.Replay;

    public async Task<ScenarioVerdict> RunAsync(ScenarioRun run, CancellationToken cancellationToken)
    {
        using HttpRequestMessage original = run.NewRequest();
        RequestOutcome accepted = await run.SendAsync(run.Agent.Client, original, cancellationToken).ConfigureAwait(false);
        if (!accepted.IsSuccess || accepted.LastCredential != SmpCredentialKind.Proof || run.LastAuthorization is not { } proof)
        {
            return ScenarioVerdict.Unexpected("the proof to replay was not accepted: " + accepted.Describe());
        }

        using var copy = new HttpRequestMessage(original.Method, original.RequestUri);
        copy.Headers.TryAddWithoutValidation("Authorization", proof);
        RequestOutcome replayed = await run.SendRawAsync(copy, cancellationToken).ConfigureAwait(false);
        return replayed is { Status: HttpStatusCode.Forbidden, NsError: "replay" }
            ? ScenarioVerdict.Expected
            : ScenarioVerdict.Unexpected("expected 403 replay, got " + replayed.Describe());
    }
}
