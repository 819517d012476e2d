using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Smp.AgentSim.Demo;
using Smp.AgentSim.Legacy;

namespace Smp.AgentSim.Tests.Legacy;

/// <summary>The legacy server demanding Basic (<c>--require basic</c>), as an IIS with Basic authentication: the gateway's headers alone do not pass.</summary>
public sealed class LegacyRequirementTests
{
    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized, null)]
    [InlineData(@"EXAMPLE\_SMP_IUSR:Wrong-Pass-1", HttpStatusCode.Unauthorized, null)]
    [InlineData(@"EXAMPLE\other:Legacy-Pass-1", HttpStatusCode.Unauthorized, null)]
    [InlineData(@"EXAMPLE\_SMP_IUSR:Legacy-Pass-1", HttpStatusCode.OK, @"EXAMPLE\_SMP_IUSR")]
    public async Task PostEcho_BasicRequired_StatusAndUser(string? credentials, HttpStatusCode status, string? user)
    {
        string url = LoopbackPort.FreeUrl();
        await using var app = LegacyServer.Build(url, requirement: new LegacyRequirement("basic", @"EXAMPLE\_SMP_IUSR", "Legacy-Pass-1"));
        await app.StartAsync();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, url + LegacyEndpoints.EchoPath) { Content = new ByteArrayContent(new byte[70_000]) };
        // The gateway's headers, which a server demanding Basic ignores.
        request.Headers.Add("X-SMP-Identity", "_SMP_IUSR");
        request.Headers.Add("X-SMP-Auth", "Token");
        if (credentials is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }

        using var response = await http.SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        if (status == HttpStatusCode.OK)
        {
            using var echo = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal((user, 70_000L), (echo.RootElement.GetProperty("user").GetString(), echo.RootElement.GetProperty("bodyLength").GetInt64()));
            Assert.Equal(user, response.Headers.GetValues("X-Legacy-User").Single());
        }
        else
        {
            Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
        }
    }
}
