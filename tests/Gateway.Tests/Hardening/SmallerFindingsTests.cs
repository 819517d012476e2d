using System.Net;
using System.Text;
using System.Text.Json;
using Smp.Gateway.Protocol;
using Smp.Gateway.Tests.Infrastructure;
using Smp.Gateway.Tokens;

namespace Smp.Gateway.Tests.Hardening;

/// <summary>Issue 13 item 12: HEAD on the keys, hellos for unknown agents, an even RSA modulus, a body that is not UTF-8.</summary>
public sealed class SmallerFindingsTests
{
    [Fact]
    public async Task Keys_Head_AnsweredLikeGetWithoutBody()
    {
        await using var host = await GatewayHost.StartAsync();
        using var client = host.NewClient();
        byte[] keys = await client.GetByteArrayAsync("/.well-known/smp/keys");

        string response = await RawHttp.SendAsync(host.Url, "HEAD /.well-known/smp/keys HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 200 ", response);
        Assert.Contains($"\r\nContent-Length: {keys.Length}\r\n", response);
        Assert.Contains("\r\nContent-Type: application/jwk-set+json\r\n", response);
        Assert.DoesNotContain(NsError.HeaderName, response);
        Assert.EndsWith("\r\n\r\n", response);
    }

    [Fact]
    public async Task Hello_UnknownAgentsFromOneSource_429AfterTheAllowanceAndKnownAgentsNotCounted()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Gateway:RateLimits:UnknownAgentHellosPerSourcePerMinute"] = "5" });
        using var client = host.NewClient();
        var known = TestAgent.New();
        (await known.EnrollAsync(client)).Dispose();
        for (int i = 0; i < 10; i++)
        {
            Assert.NotNull(await known.GetTokenAsync(client, TestAgent.NewUid()));
        }

        for (int i = 0; i < 5; i++)
        {
            Assert.Equal((HttpStatusCode.Unauthorized, NsError.AgentUnknown), await HelloAsync(client, TestAgent.New()));
        }

        using var refused = await TestAgent.SendAsync(client, Paths.Echo, TestAgent.New().Hello(TestAgent.NewUid()));
        Assert.Equal((HttpStatusCode.TooManyRequests, NsError.RateLimited), (refused.StatusCode, refused.Headers.GetValues(NsError.HeaderName).Single()));
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Enroll_EvenModulus_400NamingPublicKeyN()
    {
        await using var host = await GatewayHost.StartAsync();
        using var client = host.NewClient();
        var agent = TestAgent.New();
        byte[] modulus = System.Buffers.Text.Base64Url.DecodeFromChars(agent.N);
        modulus[^1] &= 0xFE;
        string body = agent.EnrollmentBody().Replace(agent.N, B64.Url(modulus));

        var (status, code, message) = await EnrollAsync(client, Encoding.UTF8.GetBytes(body));

        Assert.Equal((HttpStatusCode.BadRequest, NsError.Malformed), (status, code));
        Assert.StartsWith("publicKey.n: ", message);
        Assert.Contains("even", message);
    }

    [Fact]
    public async Task Enroll_BodyNotUtf8_400SayingSo()
    {
        await using var host = await GatewayHost.StartAsync();
        using var client = host.NewClient();
        var agent = TestAgent.New();
        byte[] body = [.. Encoding.UTF8.GetBytes(agent.EnrollmentBody()[..^1]), .. ",\"x\":\""u8, 0xC3, 0x28, .. "\"}"u8];

        var (status, code, message) = await EnrollAsync(client, body);

        Assert.Equal((HttpStatusCode.BadRequest, NsError.Malformed), (status, code));
        Assert.Equal("body: not valid UTF-8; send the JSON encoded in UTF-8.", message);
    }

    private static async Task<(HttpStatusCode, string?)> HelloAsync(HttpClient client, TestAgent agent)
    {
        using var response = await TestAgent.SendAsync(client, Paths.Echo, agent.Hello(TestAgent.NewUid()));
        return (response.StatusCode, response.Headers.TryGetValues(NsError.HeaderName, out var v) ? v.Single() : null);
    }

    private static async Task<(HttpStatusCode Status, string? Code, string Message)> EnrollAsync(HttpClient client, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/smp/agents") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-SMP-Enrollment", GatewayHost.Secret);
        using var response = await client.SendAsync(request);
        string? code = response.Headers.TryGetValues(NsError.HeaderName, out var v) ? v.Single() : null;
        string message = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString()!;
        return (response.StatusCode, code, message);
    }
}
