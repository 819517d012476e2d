using System.Net;
using System.Text;
using System.Text.Json;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Hardening;

/// <summary>
/// What the coverage-guided harness (tests/Gateway.Fuzz) found, replayed through the public path.
/// Each input is also kept in tests/Gateway.Fuzz/corpus/ under the name given here.
/// </summary>
public sealed class FuzzFindingsTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    public static TheoryData<string> LoneSurrogateBodies() => new()
    {
        // corpus/enrollment/seed-lone-surrogate: JsonElement.GetString threw InvalidOperationException, a 500.
        """{"agentId":"\ud800","publicKey":{}}""",
        // The same through JsonProperty.Name, and inside the key.
        """{"\udc00":1}""",
        """{"agentId":"3f2504e0-4f89-11d3-9a0c-0305e82c3301","publicKey":{"kty":"\ud800\u0041"}}""",
    };

    [Theory]
    [MemberData(nameof(LoneSurrogateBodies))]
    public async Task Enroll_EscapedLoneSurrogate_BadRequestMalformed(string body)
    {
        using var client = fixture.Host.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/smp/agents") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-SMP-Enrollment", GatewayHost.Secret);
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("malformed", Challenge.ErrorOf(response));
        string message = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString()!;
        Assert.StartsWith("body:", message);
    }
}
