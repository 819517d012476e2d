using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using Smp.AgentSim.Protocol;

namespace Smp.AgentSim.Load.Scenarios;

/// <summary>
/// A domain-joined agent not yet on tokens (issue 16), on a connection of its own, as IIS binds Windows authentication
/// to the connection: without credentials the route answers 401 offering <c>Negotiate</c>; with its machine account's
/// Kerberos ticket (<see cref="NegotiateAuthentication"/> as the client, from the process's ticket cache) the server
/// behind answers 200; and a later request on that connection needs no credentials.
/// </summary>
internal sealed class WindowsScenario : ILoadScenario
{
    private const string Negotiate = "Negotiate";

    public ScenarioKind Kind => ScenarioKind.Windows;

    public async Task<ScenarioVerdict> RunAsync(ScenarioRun run, CancellationToken cancellationToken)
    {
        WindowsAccount windows = run.Options.Windows ?? throw new InvalidOperationException("The windows scenario needs --windows-path and --windows-host.");
        var target = new Uri(run.Agent.Gateway, windows.Path);
        using var connection = new HttpClient(ServerTrust.Apply(
            new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = 1 }, run.Options.TrustedCa));

        using (var anonymous = new HttpRequestMessage(HttpMethod.Get, target))
        {
            RequestOutcome challenge = await run.SendRawAsync(connection, anonymous, cancellationToken).ConfigureAwait(false);
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

        using (var request = new HttpRequestMessage(HttpMethod.Get, target))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(Negotiate, Convert.ToBase64String(token));
            RequestOutcome served = await run.SendRawAsync(connection, request, cancellationToken).ConfigureAwait(false);
            if (served.Status != HttpStatusCode.OK)
            {
                return ScenarioVerdict.Unexpected("the machine account's Kerberos ticket: expected 200, got " + served.Describe());
            }
        }

        using var later = new HttpRequestMessage(HttpMethod.Get, target);
        RequestOutcome kept = await run.SendRawAsync(connection, later, cancellationToken).ConfigureAwait(false);
        return kept.Status == HttpStatusCode.OK
            ? ScenarioVerdict.Expected
            : ScenarioVerdict.Unexpected("no credentials on the authenticated connection: expected 200, got " + kept.Describe());
    }
}
