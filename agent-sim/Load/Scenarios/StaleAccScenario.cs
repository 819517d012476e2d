using System.Net;
using System.Net.Http.Headers;
using Smp.Gateway.Protocol;

namespace Smp.AgentSim.Load.Scenarios;

/// <summary>
/// An agent still holding the ACC password from before a change (the same old password for every
/// such agent) sends it on a UNC-codebase route: 401 <c>credentials-invalid</c> while the gateway
/// checks it, then, once the password is known wrong, 429 <c>acc-throttled</c> with Retry-After,
/// answered locally so that the fleet does not lock the account. That the agents with the right
/// password keep getting their files is the unc scenario's verdict, run alongside.
/// </summary>
internal sealed class StaleAccScenario : ILoadScenario
{
    /// <summary>Not a secret: the password the account had before, which the gateway refuses.</summary>
    private const string StalePassword = "the-acc-password-before-the-change";

    public ScenarioKind Kind => ScenarioKind.StaleAcc;

    public async Task<ScenarioVerdict> RunAsync(ScenarioRun run, CancellationToken cancellationToken)
    {
        AccCredentials acc = run.Options.Acc ?? throw new InvalidOperationException("The stale-acc scenario needs an ACC account.");

        using HttpRequestMessage request = LegacyRequests.UncPackage(run.Agent.Gateway, run.Random);
        request.Headers.Authorization = AuthenticationHeaderValue.Parse(acc.Basic(StalePassword));
        RequestOutcome answer = await run.SendRawAsync(request, cancellationToken).ConfigureAwait(false);
        return answer switch
        {
            { Status: HttpStatusCode.Unauthorized, NsError: "credentials-invalid" } => ScenarioVerdict.Expected,
            { Status: HttpStatusCode.TooManyRequests, NsError: "acc-throttled", HasRetryAfter: true } => ScenarioVerdict.Expected,
            _ => ScenarioVerdict.Unexpected(
                "an old ACC password: expected 401 credentials-invalid or 429 acc-throttled with Retry-After, got " + answer.Describe()),
        };
    }
}
