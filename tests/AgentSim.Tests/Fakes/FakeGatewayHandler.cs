using System.Net;
using System.Net.Http.Headers;
using Smp.Gateway.Protocol;

namespace Smp.AgentSim.Tests.Fakes;

/// <summary>The fake gateway in memory, as the innermost handler of an agent's client; one "connection".</summary>
internal sealed class FakeGatewayHandler(FakeGateway gateway) : HttpMessageHandler
{
    public string ConnectionId { get; set; } = "connection-1";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? authorization = request.Headers.TryGetValues("Authorization", out IEnumerable<string>? values)
            ? string.Join(",", values)
            : null;
        FakeAnswer answer = gateway.Handle(authorization, ConnectionId);
        return Task.FromResult(ToResponse(answer, request));
    }

    public static HttpResponseMessage ToResponse(FakeAnswer answer, HttpRequestMessage request)
    {
        var response = new HttpResponseMessage((HttpStatusCode)answer.Status) { RequestMessage = request, Content = new ByteArrayContent([]) };
        if (answer.NsError is not null)
        {
            response.Headers.TryAddWithoutValidation("X-SMP-NSError", answer.NsError);
        }

        if (answer.ChallengeToken is not null)
        {
            response.Headers.WwwAuthenticate.Add(new AuthenticationHeaderValue("SMPToken", $"token=\"{answer.ChallengeToken}\""));
        }
        else if (answer.Status == 401)
        {
            response.Headers.WwwAuthenticate.Add(new AuthenticationHeaderValue("SMPToken", "realm=\"SMP\""));
        }

        return response;
    }
}
