using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;

namespace Smp.AgentSim.Load.Scenarios;

/// <summary>
/// A domain-joined agent not yet on tokens (issue 16): without credentials the route answers 401 offering
/// <c>Negotiate</c>; with its machine account's Kerberos ticket (<see cref="NegotiateAuthentication"/> as the client, the
/// process's ticket cache) the server behind answers 200, and the gateway's last token completes mutual authentication.
/// </summary>
internal sealed class WindowsScenario : ILoadScenario
{
    private const string Negotiate = "Negotiate";

    public ScenarioKind Kind => ScenarioKind.Windows;

    public async Task<ScenarioVerdict> RunAsync(ScenarioRun run, CancellationToken cancellationToken)
    {
        WindowsAccount windows = run.Options.Windows ?? throw new InvalidOperationException("The windows scenario needs --windows-path and --windows-host.");
        var target = new Uri(run.Agent.Gateway, windows.Path);

        using (var anonymous = new HttpRequestMessage(HttpMethod.Get, target))
        {
            RequestOutcome challenge = await run.SendRawAsync(anonymous, cancellationToken).ConfigureAwait(false);
            if (challenge.Status != HttpStatusCode.Unauthorized || !challenge.ChallengeSchemes.Contains(Negotiate))
            {
                return ScenarioVerdict.Unexpected($"no credentials: expected 401 offering Negotiate, got {challenge.Describe()} offering [{string.Join(", ", challenge.ChallengeSchemes)}]");
            }
        }

        using var kerberos = new NegotiateAuthentication(new NegotiateAuthenticationClientOptions
        {
            Package = Negotiate,
            TargetName = "HTTP/" + windows.ServiceHost,
            Credential = CredentialCache.DefaultNetworkCredentials,
        });
        byte[]? token = kerberos.GetOutgoingBlob(ReadOnlySpan<byte>.Empty, out NegotiateAuthenticationStatusCode status);
        if (token is null || status is not (NegotiateAuthenticationStatusCode.ContinueNeeded or NegotiateAuthenticationStatusCode.Completed))
        {
            return ScenarioVerdict.Unexpected($"no Kerberos ticket for HTTP/{windows.ServiceHost} ({status}): kinit the machine account, with KRB5CCNAME and KRB5_CONFIG set");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, target);
        request.Headers.Authorization = new AuthenticationHeaderValue(Negotiate, Convert.ToBase64String(token));
        RequestOutcome served = await run.SendRawAsync(request, cancellationToken).ConfigureAwait(false);
        return served.Status == HttpStatusCode.OK
            ? ScenarioVerdict.Expected
            : ScenarioVerdict.Unexpected("the machine account's Kerberos ticket: expected 200, got " + served.Describe());
    }
}
