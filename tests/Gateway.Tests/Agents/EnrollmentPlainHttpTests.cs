using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Smp.AgentSim.Tests.Fakes;
using Smp.Gateway.Acc;
using Smp.Gateway.Configuration;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Agents;

/// <summary>
/// Enrollment with the right ACC over plain HTTP, which <c>Gateway:Acc:AllowPlainHttp</c> (default false) refuses:
/// the refusal says "TLS", not "wrong credentials", so nobody goes after a password that is right.
/// </summary>
public sealed class EnrollmentPlainHttpTests
{
    [Fact]
    public async Task Enroll_RightAccOverPlainHttp_403AccRequiresTls_LogNamesTheKey()
    {
        const string user = @"EXAMPLE\svc-acc", password = "correct horse battery staple";
        var logs = new CapturingLoggerProvider();
        await using var host = await GatewayHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["Gateway:Acc:Accounts:0:User"] = user,
                ["Gateway:Acc:Accounts:0:PasswordHash"] = PasswordHash.Create(password, 10_000),
            },
            services: s => s.AddSingleton<ILoggerProvider>(logs));
        using var client = host.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/smp/agents")
        {
            Content = new StringContent(TestAgent.New().EnrollmentBody(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

        using var response = await client.SendAsync(request);

        Assert.Equal((HttpStatusCode.Forbidden, "acc-requires-tls"), (response.StatusCode, Challenge.ErrorOf(response)));
        var line = Assert.Single(logs.Records, r => r.EventId == 21);
        Assert.Equal("acc-requires-tls", line.Text("Code"));
        Assert.Contains("Gateway:Acc:AllowPlainHttp", line.Text("Reason"));
    }
}
