using System.Net;
using System.Text.Json;

namespace Smp.Gateway.Tests.Infrastructure;

/// <summary>
/// A token-authenticated agent's call through a gateway to the legacy server's echo: its status, the gateway's
/// <c>X-SMP-NSError</c>, and what the echo saw (the account the server authenticated, the body length, the
/// <c>Authorization</c> that reached it).
/// </summary>
internal sealed record UpstreamCall(HttpStatusCode Status, string? NsError, string? User, long BodyLength, string? Authorization)
{
    /// <summary>Enrolls a new agent at <paramref name="gatewayUrl"/>.</summary>
    public static async Task<(HttpClient Client, TestAgent Agent)> EnrollAsync(string gatewayUrl)
    {
        var client = new HttpClient { BaseAddress = new Uri(gatewayUrl), Timeout = TimeSpan.FromSeconds(30) };
        var agent = TestAgent.New();
        (await agent.EnrollAsync(client)).Dispose();
        return (client, agent);
    }

    /// <summary>Hello, then the proof on a GET, or on a POST of <paramref name="body"/> bytes when it is above 0.</summary>
    public static async Task<UpstreamCall> SendAsync(HttpClient client, TestAgent agent, int body = 0)
    {
        string uid = TestAgent.NewUid();
        string token = await agent.GetTokenAsync(client, uid);
        using var response = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + agent.Proof(token, uid, 1), request =>
        {
            if (body > 0)
            {
                request.Method = HttpMethod.Post;
                request.Content = new ByteArrayContent(new byte[body]);
            }
        });
        string? nsError = response.Headers.TryGetValues("X-SMP-NSError", out var codes) ? codes.First() : null;
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return new UpstreamCall(response.StatusCode, nsError, null, 0, null);
        }

        using var echo = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = echo.RootElement;
        string? authorization = root.GetProperty("headers").TryGetProperty("Authorization", out var a) ? a.GetString() : null;
        return new UpstreamCall(response.StatusCode, nsError, root.GetProperty("user").GetString(), root.GetProperty("bodyLength").GetInt64(), authorization);
    }
}
