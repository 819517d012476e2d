using System.Net;
using System.Net.Http.Headers;
using Smp.Gateway.Protocol;

namespace Smp.AgentSim.Load.Scenarios;

/// <summary>
/// An agent whose package codebase is a UNC path (seeds/000): tokens cannot serve UNC, so it bypasses
/// its token and sends the ACC, HTTP Basic with the right password: 200 (206 for a range), the file
/// behind having seen its credentials. The same request without credentials gets 401
/// <c>acc-required</c> with a challenge offering Basic only.
/// </summary>
internal sealed class UncScenario : ILoadScenario
{
    public ScenarioKind Kind => ScenarioKind.Unc;

    public async Task<ScenarioVerdict> RunAsync(ScenarioRun run, CancellationToken cancellationToken)
    {
        AccCredentials acc = run.Options.Acc ?? throw new InvalidOperationException("The unc scenario needs an ACC account.");

        using (HttpRequestMessage request = LegacyRequests.UncPackage(run.Agent.Gateway, run.Random))
        {
            bool range = request.Headers.Range is not null;
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(acc.Basic());
            RequestOutcome outcome = await run.SendRawAsync(request, cancellationToken).ConfigureAwait(false);
            HttpStatusCode expected = range ? HttpStatusCode.PartialContent : HttpStatusCode.OK;
            if (outcome.Status != expected)
            {
                return ScenarioVerdict.Unexpected($"the right ACC: expected {(int)expected}, got " + outcome.Describe());
            }
        }

        using HttpRequestMessage anonymous = LegacyRequests.UncPackage(run.Agent.Gateway, run.Random);
        RequestOutcome answer = await run.SendRawAsync(anonymous, cancellationToken).ConfigureAwait(false);
        return answer is { Status: HttpStatusCode.Unauthorized, NsError: "acc-required" } && answer.ChallengeSchemes.SequenceEqual(["Basic"])
            ? ScenarioVerdict.Expected
            : ScenarioVerdict.Unexpected(
                $"no credentials: expected 401 acc-required offering Basic only, got {answer.Describe()} offering [{string.Join(", ", answer.ChallengeSchemes)}]");
    }
}
